package io.commitd.iam.auth;

import io.commitd.iam.policy.AuthorizationRequest;
import io.commitd.iam.policy.Decision;
import io.commitd.iam.policy.PolicyEvaluator;
import io.commitd.iam.policy.PolicySet;
import io.commitd.iam.policy.RequestContext;
import io.commitd.storage.aws.Arn;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The one authorization entry point: every CodeCommit, IAM and STS call, every git pull and push,
 * AssumeRole's trust policy and the policy simulator ask here, and only here is the policy
 * evaluator called. Policies are cached under the IAM generation that every IAM write moves
 * ({@link PrincipalPolicies}), so a change holds from the next request.
 */
public final class AccessControl {
  private final PrincipalPolicies principals;
  private final PolicyEvaluator evaluator = new PolicyEvaluator();

  public AccessControl(PrincipalPolicies principals) {
    this.principals = principals;
  }

  /** The decision, and AWS's explanation of a denial. */
  public AuthorizationResult decide(AccessRequest request) {
    Caller caller = request.caller();
    String resourceAccount = Objects.requireNonNullElse(Arn.accountIdOf(request.resource()), "");
    // AWS-owned resources (AWS managed policies, arn:aws:iam::aws:policy/…) belong to no account:
    // reading them is decided by the caller's own policies, as in its own account.
    boolean sameAccount = resourceAccount.isEmpty() || resourceAccount.equals("aws") || resourceAccount.equals(caller.accountId());
    if (request.resourcePolicy() == null) {
      if (caller.isRoot() && sameAccount) {
        return AuthorizationResult.allow("the account's root user");
      }
      if (!sameAccount) {
        // CodeCommit resources have no resource-based policies: other accounts come in through roles.
        return AuthorizationResult.deny("because no resource-based policy allows the " + request.action() + " action");
      }
    }
    PrincipalPolicies.Loaded loaded = principals.load(caller);
    RequestContext context = RequestContext.lazily(() -> contextOf(request, loaded));
    AuthorizationRequest question =
        new AuthorizationRequest(caller.principalArn(), request.action().toString(), request.resource(), context);
    PolicySet policies = request.resourcePolicy() == null ? loaded.policies() : loaded.policies().withResource(request.resourcePolicy());
    Decision decision = evaluator.evaluate(policies, question);
    if (decision.allowed() && request.resourcePolicy() != null) {
      // A role's trust policy must allow the caller by itself, conditions included, in the same
      // account as across accounts: an identity policy alone never lets anyone assume a role.
      if (!evaluator.resourcePolicyAllows(request.resourcePolicy(), question)) {
        return AuthorizationResult.deny("because the resource's policy does not allow it");
      }
    }
    return switch (decision.effect()) {
      case ALLOW -> AuthorizationResult.allow(String.join("; ", decision.reasons()));
      case EXPLICIT_DENY -> AuthorizationResult.deny("with an explicit deny in an identity-based policy");
      case IMPLICIT_DENY -> AuthorizationResult.deny("because " + decision.reasons().get(0));
    };
  }

  /** Throws {@link AccessDenied} unless the request is allowed. */
  public void require(AccessRequest request) {
    AuthorizationResult result = decide(request);
    if (!result.allowed()) {
      throw denial(request, result);
    }
  }

  /** The denial of {@code request}, worded as AWS words it. */
  public static AccessDenied denial(AccessRequest request, AuthorizationResult result) {
    return new AccessDenied(request.caller().principalArn(), request.action(), request.resource(), result.explanation());
  }

  /**
   * What IAM's policy simulator answers: {@code subject}'s own policies evaluated for the action,
   * with exactly the context the caller supplies and no root shortcut.
   */
  public Decision simulate(Caller subject, String action, String resource, Map<String, List<String>> context) {
    PrincipalPolicies.Loaded loaded = principals.load(subject);
    return evaluator.evaluate(loaded.policies(),
        new AuthorizationRequest(subject.principalArn(), action, resource, RequestContext.of(context)));
  }

  private static Map<String, List<String>> contextOf(AccessRequest request, PrincipalPolicies.Loaded loaded) {
    Map<String, List<String>> keys = new LinkedHashMap<>(GlobalConditionKeys.of(request.caller(), request.facts()));
    keys.putAll(request.operationKeys());
    loaded.principalTags().forEach((key, value) -> keys.put("aws:PrincipalTag/" + key, List.of(value)));
    return keys;
  }
}
