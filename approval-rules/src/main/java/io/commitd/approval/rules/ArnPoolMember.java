package io.commitd.approval.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A principal ARN pattern in an approval pool, with {@code *} and {@code ?} wildcards. Besides
 * matching the approver's ARN directly, a pattern that names a role also admits that role's
 * sessions, because people approve as {@code arn:aws:sts::ACCT:assumed-role/ROLE/SESSION}, never as
 * the role ARN itself.
 */
public final class ArnPoolMember implements ApprovalPoolMember {

  private final String text;
  private final List<Glob> patterns;

  private ArnPoolMember(String text, List<Glob> patterns) {
    this.text = text;
    this.patterns = List.copyOf(patterns);
  }

  static ArnPoolMember parse(String text) {
    PrincipalArn arn =
        PrincipalArn.parse(text)
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        "approval pool member "
                            + text
                            + " is neither an ARN nor CodeCommitApprovers:ACCOUNT:NAME"));
    List<Glob> patterns = new ArrayList<>();
    patterns.add(Glob.of(text));
    sessionPattern(arn).ifPresent(patterns::add);
    return new ArnPoolMember(text, patterns);
  }

  /**
   * The sessions a role pattern stands for. {@code arn:aws:iam::A:role/PATH/R} becomes {@code
   * arn:aws:sts::A:assumed-role/R/*}: a session ARN does not carry the role's path, so the path
   * cannot be checked and is left out. {@code arn:aws:sts::A:assumed-role/R} (a role without a
   * session, a form the User Guide shows for roles) becomes the same.
   */
  private static Optional<Glob> sessionPattern(PrincipalArn arn) {
    String resource = arn.resource();
    String roleName;
    if (arn.service().equals("iam") && resource.startsWith("role/")) {
      roleName = resource.substring(resource.lastIndexOf('/') + 1);
    } else if (arn.service().equals("sts")
        && resource.startsWith("assumed-role/")
        && resource.indexOf('/', "assumed-role/".length()) < 0) {
      roleName = resource.substring("assumed-role/".length());
    } else {
      return Optional.empty();
    }
    return Optional.of(
        Glob.of(
            "arn:"
                + arn.partition()
                + ":sts::"
                + arn.account()
                + ":assumed-role/"
                + roleName
                + "/*"));
  }

  @Override
  public String text() {
    return text;
  }

  @Override
  public boolean matches(String approverArn) {
    return approverArn != null && patterns.stream().anyMatch(glob -> glob.matches(approverArn));
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof ArnPoolMember member && member.text.equals(text);
  }

  @Override
  public int hashCode() {
    return text.hashCode();
  }

  @Override
  public String toString() {
    return text;
  }
}
