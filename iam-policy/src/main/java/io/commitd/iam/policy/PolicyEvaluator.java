package io.commitd.iam.policy;

import java.util.ArrayList;
import java.util.List;

/**
 * AWS's policy evaluation logic, without I/O: an explicit deny in any policy wins; otherwise an
 * allow is needed — from the identity policies (within the permissions boundary and the session
 * policies, when there are any), or from the resource policy — and without one the request is
 * implicitly denied. Across accounts both the identity and the resource side must allow.
 */
public final class PolicyEvaluator {

  public Decision evaluate(PolicySet policies, AuthorizationRequest request) {
    List<String> denials = new ArrayList<>();
    collect(policies.identity(), "identity policy", StatementEffect.DENY, request, false, denials);
    if (policies.resource() != null) {
      collect(List.of(policies.resource()), "resource policy", StatementEffect.DENY, request, true, denials);
    }
    if (policies.boundary() != null) {
      collect(List.of(policies.boundary()), "permissions boundary", StatementEffect.DENY, request, false, denials);
    }
    collect(policies.session(), "session policy", StatementEffect.DENY, request, false, denials);
    if (!denials.isEmpty()) {
      return new Decision(Decision.Effect.EXPLICIT_DENY, denials);
    }

    List<String> identityAllows = new ArrayList<>();
    collect(policies.identity(), "identity policy", StatementEffect.ALLOW, request, false, identityAllows);
    List<String> resourceAllows = new ArrayList<>();
    if (policies.resource() != null) {
      collect(List.of(policies.resource()), "resource policy", StatementEffect.ALLOW, request, true, resourceAllows);
    }
    List<String> boundaryAllows = new ArrayList<>();
    if (policies.boundary() != null) {
      collect(List.of(policies.boundary()), "permissions boundary", StatementEffect.ALLOW, request, false, boundaryAllows);
    }
    List<String> sessionAllows = new ArrayList<>();
    collect(policies.session(), "session policy", StatementEffect.ALLOW, request, false, sessionAllows);

    boolean withinBoundary = policies.boundary() == null || !boundaryAllows.isEmpty();
    boolean withinSession = policies.session().isEmpty() || !sessionAllows.isEmpty();
    boolean identityGrants = !identityAllows.isEmpty() && withinBoundary && withinSession;
    boolean resourceGrants = !resourceAllows.isEmpty() && withinSession;

    List<String> reasons = new ArrayList<>();
    reasons.addAll(identityAllows);
    reasons.addAll(resourceAllows);
    boolean crossAccount = policies.resource() != null && isCrossAccount(request);
    boolean allowed = crossAccount ? identityGrants && resourceGrants : identityGrants || resourceGrants;
    if (allowed) {
      return new Decision(Decision.Effect.ALLOW, reasons);
    }
    List<String> why = new ArrayList<>();
    if (identityAllows.isEmpty() && resourceAllows.isEmpty()) {
      why.add("no identity-based policy allows the " + request.action() + " action");
    } else if (!identityAllows.isEmpty() && !withinBoundary) {
      why.add("no permissions boundary allows the " + request.action() + " action");
    } else if (!withinSession) {
      why.add("no session policy allows the " + request.action() + " action");
    } else if (crossAccount && resourceAllows.isEmpty()) {
      why.add("no resource-based policy allows the " + request.action() + " action");
    } else {
      why.add("no identity-based policy allows the " + request.action() + " action");
    }
    return new Decision(Decision.Effect.IMPLICIT_DENY, why);
  }

  /**
   * True when {@code resource} on its own allows the request and does not deny it: what a role's
   * trust policy must do for AssumeRole, whatever the caller's identity policies say.
   */
  public boolean resourcePolicyAllows(PolicyDocument resource, AuthorizationRequest request) {
    List<String> denials = new ArrayList<>();
    collect(List.of(resource), "resource policy", StatementEffect.DENY, request, true, denials);
    List<String> allows = new ArrayList<>();
    collect(List.of(resource), "resource policy", StatementEffect.ALLOW, request, true, allows);
    return denials.isEmpty() && !allows.isEmpty();
  }

  private static boolean isCrossAccount(AuthorizationRequest request) {
    String principalAccount = Principals.accountOf(request.principalArn());
    String resourceAccount = Principals.accountOf(request.resource());
    return !principalAccount.isEmpty() && !resourceAccount.isEmpty() && !principalAccount.equals(resourceAccount);
  }

  private static void collect(
      List<PolicyDocument> documents, String kind, StatementEffect effect, AuthorizationRequest request,
      boolean checkPrincipal, List<String> into) {
    for (int d = 0; d < documents.size(); d++) {
      PolicyDocument document = documents.get(d);
      boolean variables = document.substitutesVariables();
      List<Statement> statements = document.statements();
      for (int s = 0; s < statements.size(); s++) {
        Statement statement = statements.get(s);
        if (statement.effect() == effect
            && (!checkPrincipal || statement.matchesPrincipal(request.principalArn()))
            && statement.matchesAction(request.action())
            && statement.matchesResource(request.resource(), request.context(), variables)
            && statement.conditionsHold(request.context(), variables)) {
          into.add(kind + (documents.size() > 1 ? " #" + (d + 1) : "") + " " + statement.label(s)
              + (effect == StatementEffect.DENY ? " denied" : " allowed"));
        }
      }
    }
  }
}
