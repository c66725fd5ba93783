package io.commitd.iam.auth;

/**
 * A denial, worded once as AWS words it: {@code User: ARN is not authorized to perform: ACTION on
 * resource: RESOURCE because …}. Each front end maps it to its protocol's answer: CodeCommit's
 * {@code AccessDeniedException}, IAM's and STS's {@code AccessDenied}, a git error line.
 */
public final class AccessDenied extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String principalArn;
  private final String action;
  private final String resource;

  public AccessDenied(String principalArn, Action action, String resource, String explanation) {
    super(sentence(principalArn, action, resource, explanation));
    this.principalArn = principalArn;
    this.action = action.toString();
    this.resource = resource;
  }

  public static String sentence(String principalArn, Action action, String resource, String explanation) {
    return "User: " + principalArn + " is not authorized to perform: " + action + " on resource: " + resource
        + (explanation == null || explanation.isEmpty() ? "" : " " + explanation);
  }

  public String principalArn() {
    return principalArn;
  }

  public String action() {
    return action;
  }

  public String resource() {
    return resource;
  }
}
