package io.commitd.iam.policy;

import java.util.ArrayList;
import java.util.List;

/**
 * AWS's policy evaluation logic (IAM User Guide, "Policy evaluation logic"), without I/O: an
 * explicit deny in any policy wins; otherwise an allow is needed — from the identity policies
 * (within the permissions boundary and the session policies, when there are any), or from the
 * resource policy — and without one the request is implicitly denied. Across accounts both the
 * identity and the resource side must allow. What a resource policy's allow is worth depends on
 * how it names the principal (see {@link Principals.Match}).
 */
public final class PolicyEvaluator {

  public Decision evaluate(PolicySet policies, AuthorizationRequest request) {
    boolean hasBoundary = policies.boundary() != null;
    List<String> denials = new ArrayList<>();
    collect(policies.identity(), "identity policy", StatementEffect.DENY, request, false, denials);
    if (policies.resource() != null) {
      collect(List.of(policies.resource()), "resource policy", StatementEffect.DENY, request, true, denials);
      if (hasBoundary) {
        notPrincipalDenials(policies.resource(), request, denials);
      }
    }
    if (hasBoundary) {
      collect(List.of(policies.boundary()), "permissions boundary", StatementEffect.DENY, request, false, denials);
    }
    collect(policies.session(), "session policy", StatementEffect.DENY, request, false, denials);
    if (!denials.isEmpty()) {
      return new Decision(Decision.Effect.EXPLICIT_DENY, denials);
    }

    boolean crossAccount = isCrossAccount(request);
    List<String> identityAllows = new ArrayList<>();
    collect(policies.identity(), "identity policy", StatementEffect.ALLOW, request, false, identityAllows);
    if (isAccountRoot(request.principalArn()) && !crossAccount) {
      // "The root user ... has complete access to all AWS services and resources in the account"
      // (IAM User Guide, "AWS account root user"): no identity policy is needed in its own account.
      identityAllows.add("the account's root user");
    }
    List<String> boundaryAllows = new ArrayList<>();
    if (hasBoundary) {
      collect(List.of(policies.boundary()), "permissions boundary", StatementEffect.ALLOW, request, false, boundaryAllows);
    }
    List<String> sessionAllows = new ArrayList<>();
    collect(policies.session(), "session policy", StatementEffect.ALLOW, request, false, sessionAllows);
    boolean withinBoundary = !hasBoundary || !boundaryAllows.isEmpty();
    boolean withinSession = policies.session().isEmpty() || !sessionAllows.isEmpty();
    boolean identityGrants = !identityAllows.isEmpty() && withinBoundary && withinSession;

    // The resource side: an allow naming the principal itself (a user or session ARN) stands
    // alone; one naming a role (for its sessions) or everyone is limited by the boundary and the
    // session policy; one naming the account only delegates to the account's own policies.
    List<String> resourceAllows = new ArrayList<>();
    boolean resourceGrants = false;
    if (policies.resource() != null) {
      List<Statement> statements = policies.resource().statements();
      boolean variables = policies.resource().substitutesVariables();
      for (int s = 0; s < statements.size(); s++) {
        Statement statement = statements.get(s);
        if (statement.effect() != StatementEffect.ALLOW || !applies(statement, request, variables) || !statement.matchesPrincipal(request.principalArn())) {
          continue;
        }
        resourceAllows.add("resource policy " + statement.label(s) + " allowed");
        Principals.Match match = statement.principalMatch(request.principalArn());
        resourceGrants |= switch (match) {
          case EXACT -> true;
          case ROLE, EVERYONE -> withinBoundary && withinSession;
          case ACCOUNT, NONE -> false;
        };
      }
    }

    List<String> reasons = new ArrayList<>();
    reasons.addAll(identityAllows);
    reasons.addAll(resourceAllows);
    boolean allowed = crossAccount
        ? identityGrants && !resourceAllows.isEmpty()
        : identityGrants || resourceGrants;
    if (allowed) {
      return new Decision(Decision.Effect.ALLOW, reasons);
    }
    List<String> why = new ArrayList<>();
    if (identityAllows.isEmpty() && resourceAllows.isEmpty()) {
      why.add("no identity-based policy allows the " + request.action() + " action");
    } else if (!withinBoundary) {
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

  /**
   * IAM User Guide, "Permissions boundaries for IAM entities": "The NotPrincipal element with a
   * Deny effect will always deny any IAM principal that has a permissions boundary policy attached,
   * regardless of the values specified in the NotPrincipal element."
   */
  private static void notPrincipalDenials(PolicyDocument resource, AuthorizationRequest request, List<String> into) {
    List<Statement> statements = resource.statements();
    for (int s = 0; s < statements.size(); s++) {
      Statement statement = statements.get(s);
      if (statement.effect() == StatementEffect.DENY && statement.notPrincipal()
          && applies(statement, request, resource.substitutesVariables())) {
        String label = "resource policy " + statement.label(s) + " denied (NotPrincipal with a permissions boundary)";
        if (!into.contains(label)) {
          into.add(label);
        }
      }
    }
  }

  private static boolean applies(Statement statement, AuthorizationRequest request, boolean variables) {
    return statement.matchesAction(request.action())
        && statement.matchesResource(request.resource(), request.context(), variables)
        && statement.conditionsHold(request.context(), variables);
  }

  private static boolean isAccountRoot(String principalArn) {
    return Principals.isAccountRoot(principalArn);
  }

  /** Both sides belong to (real, 12-digit) accounts and they differ; AWS-owned resources belong to none. */
  private static boolean isCrossAccount(AuthorizationRequest request) {
    String principalAccount = Principals.accountOf(request.principalArn());
    String resourceAccount = Principals.accountOf(request.resource());
    return Principals.isAccountId(principalAccount) && Principals.isAccountId(resourceAccount) && !principalAccount.equals(resourceAccount);
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
            && applies(statement, request, variables)) {
          into.add(kind + (documents.size() > 1 ? " #" + (d + 1) : "") + " " + statement.label(s)
              + (effect == StatementEffect.DENY ? " denied" : " allowed"));
        }
      }
    }
  }
}
