package io.commitd.storage.aws;

import java.util.Optional;

/**
 * An Amazon Resource Name, parsed and printed here and nowhere else:
 * {@code arn:PARTITION:SERVICE:REGION:ACCOUNT:RESOURCE}. IAM entities keep their path
 * ({@code user/engineering/alice}), role sessions are {@code sts} ARNs
 * ({@code assumed-role/ROLE/SESSION}), and a CodeCommit repository's resource is its name.
 *
 * <p>It lives at the bottom of the module graph because every module names resources: storage
 * writes them into audit records, IAM authorizes on them, the front doors print them.
 */
public record Arn(String partition, String service, String region, String accountId, String resource) {
  public static final String PARTITION = "aws";

  public Arn {
    if (partition.isEmpty() || service.isEmpty() || resource.isEmpty()) {
      throw new IllegalArgumentException("an ARN needs a partition, a service and a resource");
    }
  }

  /** The ARN {@code text} spells, or empty when it is not one. */
  public static Optional<Arn> parse(String text) {
    if (text == null) {
      return Optional.empty();
    }
    String[] parts = text.split(":", 6);
    if (parts.length != 6 || !parts[0].equals("arn") || parts[1].isEmpty() || parts[2].isEmpty() || parts[5].isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new Arn(parts[1], parts[2], parts[3], parts[4], parts[5]));
  }

  /**
   * The account of the ARN {@code text} spells, or null when it is not one: what {@code
   * parse(text).map(Arn::accountId)} gives, without building the other parts, for it is asked on
   * every authorization.
   */
  public static String accountIdOf(String text) {
    if (text == null || !text.startsWith("arn:")) {
      return null;
    }
    int partition = 3;
    int service = text.indexOf(':', partition + 1);
    int region = service < 0 ? -1 : text.indexOf(':', service + 1);
    int account = region < 0 ? -1 : text.indexOf(':', region + 1);
    int resource = account < 0 ? -1 : text.indexOf(':', account + 1);
    if (resource < 0 || service == partition + 1 || region == service + 1 || resource == text.length() - 1) {
      return null;
    }
    return text.substring(account + 1, resource);
  }

  /** The account's root user, {@code arn:aws:iam::ACCOUNT:root}. */
  public static Arn accountRoot(String accountId) {
    return new Arn(PARTITION, "iam", "", accountId, "root");
  }

  /** An IAM user, with its path ({@code /} when it has none). */
  public static Arn user(String accountId, String path, String name) {
    return iamEntity(accountId, "user", path, name);
  }

  public static Arn group(String accountId, String path, String name) {
    return iamEntity(accountId, "group", path, name);
  }

  public static Arn role(String accountId, String path, String name) {
    return iamEntity(accountId, "role", path, name);
  }

  /** A customer managed policy; AWS managed policies have the account {@code aws}. */
  public static Arn policy(String accountId, String path, String name) {
    return iamEntity(accountId, "policy", path, name);
  }

  /** A virtual MFA device. */
  public static Arn mfa(String accountId, String path, String name) {
    return iamEntity(accountId, "mfa", path, name);
  }

  /** Every IAM entity of {@code type} in the account, {@code arn:aws:iam::ACCOUNT:TYPE/*}: list actions' resource. */
  public static Arn allOf(String accountId, String type) {
    return new Arn(PARTITION, "iam", "", accountId, type + "/*");
  }

  /** A role session from {@code sts:AssumeRole}; AWS leaves the role's path out of it. */
  public static Arn assumedRole(String accountId, String roleName, String sessionName) {
    return new Arn(PARTITION, "sts", "", accountId, "assumed-role/" + roleName + "/" + sessionName);
  }

  /** A CodeCommit repository: the resource of every {@code codecommit:} action on it. */
  public static Arn repository(String region, String accountId, String repositoryName) {
    return new Arn(PARTITION, "codecommit", region, accountId, repositoryName);
  }

  private static Arn iamEntity(String accountId, String type, String path, String name) {
    return new Arn(PARTITION, "iam", "", accountId, type + normalizedPath(path) + name);
  }

  /** IAM paths start and end with a slash; no path is {@code /}. */
  public static String normalizedPath(String path) {
    if (path == null || path.isEmpty()) {
      return "/";
    }
    String withStart = path.startsWith("/") ? path : "/" + path;
    return withStart.endsWith("/") ? withStart : withStart + "/";
  }

  /** The resource's type: {@code user}, {@code role}, {@code assumed-role}, {@code root}, …; empty for a repository. */
  public String resourceType() {
    int slash = resource.indexOf('/');
    return slash < 0 ? (service.equals("codecommit") ? "" : resource) : resource.substring(0, slash);
  }

  /** The last segment of the resource: a user, role, policy or repository name, or a role session's name. */
  public String resourceName() {
    return resource.substring(resource.lastIndexOf('/') + 1);
  }

  /** An IAM entity's path, {@code /} when it has none, such as {@code /engineering/} for {@code user/engineering/alice}. */
  public String path() {
    int first = resource.indexOf('/');
    int last = resource.lastIndexOf('/');
    return first < 0 || first == last ? "/" : resource.substring(first, last + 1);
  }

  public boolean isAssumedRole() {
    return service.equals("sts") && resourceType().equals("assumed-role");
  }

  /** The role name of an assumed-role session ARN. */
  public String sessionRoleName() {
    if (!isAssumedRole()) {
      throw new IllegalStateException("not a role session: " + this);
    }
    String[] parts = resource.split("/");
    return parts.length >= 2 ? parts[1] : "";
  }

  @Override
  public String toString() {
    return "arn:" + partition + ":" + service + ":" + region + ":" + accountId + ":" + resource;
  }
}
