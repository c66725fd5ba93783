package io.commitd.iam.auth;

import io.commitd.iam.policy.AuthorizationRequest;
import io.commitd.iam.policy.Decision;
import io.commitd.iam.policy.PolicyEvaluator;
import io.commitd.iam.policy.RequestContext;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Decides every request by the caller's IAM policies, read fresh from the identity store so a
 * policy change holds from the next request on. Principal and session tags become
 * {@code aws:PrincipalTag/…} keys.
 */
public final class PolicyAuthorizer implements Authorizer {
  private final PrincipalPolicies principals;
  private final PolicyEvaluator evaluator = new PolicyEvaluator();

  public PolicyAuthorizer(PrincipalPolicies principals) {
    this.principals = principals;
  }

  @Override
  public AuthorizationResult authorize(Caller caller, String action, String resourceArn, Map<String, List<String>> context) {
    String resourceAccount = AccountRootAuthorizer.accountOf(resourceArn);
    if (!resourceAccount.isEmpty() && !resourceAccount.equals(caller.accountId())) {
      // CodeCommit resources have no resource-based policies: other accounts come in through roles.
      return AuthorizationResult.deny("because no resource-based policy allows the " + action + " action");
    }
    PrincipalPolicies.Loaded loaded = principals.load(caller);
    Map<String, List<String>> keys = new LinkedHashMap<>(context);
    loaded.principalTags().forEach((key, value) -> keys.put("aws:PrincipalTag/" + key, List.of(value)));
    Decision decision = evaluator.evaluate(loaded.policies(),
        new AuthorizationRequest(caller.principalArn(), action, resourceArn, RequestContext.of(keys)));
    return switch (decision.effect()) {
      case ALLOW -> AuthorizationResult.allow(String.join("; ", decision.reasons()));
      case EXPLICIT_DENY -> AuthorizationResult.deny("with an explicit deny in an identity-based policy");
      case IMPLICIT_DENY -> AuthorizationResult.deny("because " + decision.reasons().get(0));
    };
  }
}
