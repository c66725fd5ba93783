package io.commitd.approval.rules;

import java.util.List;
import java.util.Optional;

/**
 * The result of evaluating a pull request's approval rules. The first four components carry
 * botocore's {@code Evaluation} member names; {@code ruleOutcomes} adds a reason for each rule.
 */
public record Evaluation(
    boolean approved,
    boolean overridden,
    List<String> approvalRulesSatisfied,
    List<String> approvalRulesNotSatisfied,
    List<RuleOutcome> ruleOutcomes) {

  public Evaluation {
    approvalRulesSatisfied = List.copyOf(approvalRulesSatisfied);
    approvalRulesNotSatisfied = List.copyOf(approvalRulesNotSatisfied);
    ruleOutcomes = List.copyOf(ruleOutcomes);
  }

  /** Why the named rule is or is not satisfied. */
  public Optional<String> reasonFor(String ruleName) {
    return ruleOutcomes.stream()
        .filter(outcome -> outcome.ruleName().equals(ruleName))
        .map(RuleOutcome::reason)
        .findFirst();
  }
}
