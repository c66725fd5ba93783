package io.commitd.iam.auth;

import java.util.List;
import java.util.Map;

/**
 * The rule that holds before any policy is read: an account's root user may do everything in its
 * own account. Everyone else is decided by {@code next}.
 */
public final class AccountRootAuthorizer implements Authorizer {
  private final Authorizer next;

  public AccountRootAuthorizer(Authorizer next) {
    this.next = next;
  }

  @Override
  public AuthorizationResult authorize(
      Caller caller, String action, String resourceArn, Map<String, List<String>> context) {
    if (caller.isRoot() && ("*".equals(resourceArn) || accountOf(resourceArn).equals(caller.accountId()))) {
      return AuthorizationResult.allow("the account's root user");
    }
    return next.authorize(caller, action, resourceArn, context);
  }

  /** The account field of an ARN ({@code arn:partition:service:region:account:…}). */
  static String accountOf(String arn) {
    String[] parts = arn.split(":", 6);
    return parts.length >= 5 ? parts[4] : "";
  }
}
