package io.commitd.iam.auth;

/**
 * An authorization decision and, when denied, the sentence AWS would say about it
 * ({@code … because no identity-based policy allows the … action}).
 */
public record AuthorizationResult(boolean allowed, String explanation) {
  public static AuthorizationResult allow(String why) {
    return new AuthorizationResult(true, why);
  }

  public static AuthorizationResult deny(String why) {
    return new AuthorizationResult(false, why);
  }
}
