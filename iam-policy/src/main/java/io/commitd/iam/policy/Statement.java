package io.commitd.iam.policy;

import java.util.List;

/**
 * One statement of a policy. Exactly one of Action/NotAction and (outside trust policies) one of
 * Resource/NotResource is given; {@code notAction}/{@code notResource} say which.
 *
 * @param principals the Principal or NotPrincipal element, or null when absent
 */
public record Statement(
    String sid,
    StatementEffect effect,
    Principals principals,
    boolean notPrincipal,
    List<String> actions,
    boolean notAction,
    List<String> resources,
    boolean notResource,
    List<Condition> conditions) {

  boolean matchesAction(String action) {
    boolean listed = actions.stream().anyMatch(pattern -> Wildcards.matches(pattern, action, true));
    return notAction != listed;
  }

  boolean matchesResource(String resource, RequestContext context, boolean substituteVariables) {
    if (resources.isEmpty()) {
      // Trust policies name no resource: the role itself is the resource.
      return true;
    }
    boolean listed = resources.stream().anyMatch(pattern -> {
      String effective = pattern;
      if (substituteVariables) {
        var substituted = PolicyVariables.substitute(pattern, context);
        if (substituted.isEmpty()) {
          return false;
        }
        effective = substituted.get();
      }
      return Wildcards.matches(effective, resource, false);
    });
    return notResource != listed;
  }

  boolean matchesPrincipal(String principalArn) {
    if (principals == null) {
      return true;
    }
    return notPrincipal ? !principals.excludes(principalArn) : principals.includes(principalArn);
  }

  /** How this statement's Principal names the principal; NONE for NotPrincipal and absent elements. */
  Principals.Match principalMatch(String principalArn) {
    return principals == null || notPrincipal ? Principals.Match.NONE : principals.match(principalArn);
  }

  boolean conditionsHold(RequestContext context, boolean substituteVariables) {
    return conditions.stream().allMatch(c -> c.holds(context, substituteVariables));
  }

  /** A name for explanations: the Sid, or the statement's position. */
  String label(int index) {
    return sid != null && !sid.isEmpty() ? "statement \"" + sid + "\"" : "statement #" + (index + 1);
  }
}
