package io.commitd.iam.auth;

/**
 * An IAM action, {@code service:Name}: the operation a request performs, as policies name it.
 * Operations derive it from their own name, so it is never typed twice.
 */
public record Action(String service, String name) {
  public static final Action GIT_PULL = codecommit("GitPull");
  public static final Action GIT_PUSH = codecommit("GitPush");
  public static final Action ASSUME_ROLE = new Action("sts", "AssumeRole");

  public Action {
    if (service.isEmpty() || name.isEmpty() || service.contains(":") || name.contains(":")) {
      throw new IllegalArgumentException("not an IAM action: " + service + ":" + name);
    }
  }

  public static Action codecommit(String operation) {
    return new Action("codecommit", operation);
  }

  @Override
  public String toString() {
    return service + ":" + name;
  }
}
