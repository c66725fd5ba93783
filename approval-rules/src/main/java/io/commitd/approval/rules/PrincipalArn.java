package io.commitd.approval.rules;

import java.util.Optional;

/**
 * The parts of a principal ARN ({@code arn:PARTITION:SERVICE:REGION:ACCOUNT:RESOURCE}) that
 * approval pools look at. Identity ARNs have an empty region, but nothing here depends on that.
 */
record PrincipalArn(String partition, String service, String account, String resource) {

  private static final int PART_COUNT = 6;

  /** Splits an ARN into its parts; empty if the text is not shaped like an ARN at all. */
  static Optional<PrincipalArn> parse(String arn) {
    if (arn == null) {
      return Optional.empty();
    }
    // The resource may itself contain colons, so split only on the first five.
    String[] parts = arn.split(":", PART_COUNT);
    if (parts.length != PART_COUNT || !parts[0].equals("arn") || parts[5].isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new PrincipalArn(parts[1], parts[2], parts[4], parts[5]));
  }

  /** The name of an IAM user, without its path: {@code user/eng/alice} gives {@code alice}. */
  Optional<String> iamUserName() {
    if (!service.equals("iam") || !resource.startsWith("user/")) {
      return Optional.empty();
    }
    return Optional.of(resource.substring(resource.lastIndexOf('/') + 1));
  }

  /** The name of a federated user: {@code federated-user/Mary_Major} gives {@code Mary_Major}. */
  Optional<String> federatedUserName() {
    String prefix = "federated-user/";
    if (!service.equals("sts") || !resource.startsWith(prefix)) {
      return Optional.empty();
    }
    return Optional.of(resource.substring(prefix.length()));
  }

  /**
   * For an assumed-role session, {@code ROLE/SESSION}: {@code assumed-role/Review/mary} gives
   * {@code Review/mary}.
   */
  Optional<String> assumedRoleAndSession() {
    String prefix = "assumed-role/";
    if (!service.equals("sts") || !resource.startsWith(prefix)) {
      return Optional.empty();
    }
    return Optional.of(resource.substring(prefix.length()));
  }
}
