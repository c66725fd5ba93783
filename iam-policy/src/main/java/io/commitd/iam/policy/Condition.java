package io.commitd.iam.policy;

import java.util.List;
import java.util.Optional;

/**
 * One key under one operator of a Condition block, e.g.
 * {@code "ForAnyValue:StringLike": {"codecommit:References": ["refs/heads/main"]}}.
 */
public record Condition(
    ConditionOperator operator, SetQualifier qualifier, boolean ifExists, String key, List<String> values) {

  /** How a multivalued request key is compared with the policy's values. */
  public enum SetQualifier {
    NONE,
    FOR_ALL_VALUES,
    FOR_ANY_VALUE
  }

  /** True when the request satisfies this condition. Values are OR'ed. */
  boolean holds(RequestContext context, boolean substituteVariables) {
    Optional<List<String>> requestValues = context.get(key);
    boolean present = requestValues.isPresent() && !requestValues.get().isEmpty();
    if (operator == ConditionOperator.NULL) {
      boolean wantsAbsent = values.stream().anyMatch(v -> v.equalsIgnoreCase("true"));
      boolean wantsPresent = values.stream().anyMatch(v -> v.equalsIgnoreCase("false"));
      return (wantsAbsent && !present) || (wantsPresent && present);
    }
    if (!present) {
      if (ifExists) {
        return true;
      }
      return switch (qualifier) {
        // AWS: ForAllValues is true for a missing or empty key; ForAnyValue is false.
        case FOR_ALL_VALUES -> true;
        case FOR_ANY_VALUE -> false;
        // A missing key matches no value: a positive operator fails, a negated one holds.
        case NONE -> operator.negated;
      };
    }
    List<String> policyValues = substituteVariables ? substituted(context) : values;
    List<String> actual = requestValues.get();
    return switch (qualifier) {
      case FOR_ALL_VALUES -> actual.stream().allMatch(v -> holdsFor(v, policyValues));
      case FOR_ANY_VALUE -> actual.stream().anyMatch(v -> holdsFor(v, policyValues));
      case NONE -> operator.negated
          ? actual.stream().noneMatch(v -> matchesAny(v, policyValues))
          : actual.stream().anyMatch(v -> matchesAny(v, policyValues));
    };
  }

  private boolean holdsFor(String requestValue, List<String> policyValues) {
    boolean matched = matchesAny(requestValue, policyValues);
    return operator.negated ? !matched : matched;
  }

  private boolean matchesAny(String requestValue, List<String> policyValues) {
    for (String policyValue : policyValues) {
      if (operator.positiveMatch(requestValue, policyValue)) {
        return true;
      }
    }
    return false;
  }

  private List<String> substituted(RequestContext context) {
    return values.stream()
        .map(v -> PolicyVariables.substitute(v, context))
        .flatMap(Optional::stream)
        .toList();
  }
}
