package io.commitd.approval.rules;

import java.util.ArrayList;
import java.util.List;

/**
 * Decides whether a pull request meets its approval rules (EvaluatePullRequestApprovalRules). A rule
 * is met when every one of its statements has enough distinct approvers from its pool; the pull
 * request is approved when every rule is met, or when someone has overridden the rules.
 */
public final class ApprovalRuleEvaluator {

  private ApprovalRuleEvaluator() {}

  /**
   * @param approvals approval-state changes in the order they happened; each approver's latest one
   *     counts
   * @param currentRevisionId the pull request's revision; approvals for other revisions are stale
   * @param authorArn the pull request's author, whose approval never counts
   * @param overridden whether the approval rules have been overridden
   */
  public static Evaluation evaluate(
      List<ApprovalRule> rules,
      List<Approval> approvals,
      String currentRevisionId,
      String authorArn,
      boolean overridden) {
    List<String> approvers = CountedApprovers.of(approvals, currentRevisionId, authorArn);
    List<String> satisfied = new ArrayList<>();
    List<String> notSatisfied = new ArrayList<>();
    List<RuleOutcome> outcomes = new ArrayList<>();
    for (ApprovalRule rule : rules) {
      RuleOutcome outcome = evaluateRule(rule, approvers);
      outcomes.add(outcome);
      (outcome.satisfied() ? satisfied : notSatisfied).add(rule.name());
    }
    boolean approved = overridden || notSatisfied.isEmpty();
    return new Evaluation(approved, overridden, satisfied, notSatisfied, outcomes);
  }

  private static RuleOutcome evaluateRule(ApprovalRule rule, List<String> approvers) {
    List<ApprovalStatement> statements = rule.content().statements();
    if (statements.isEmpty()) {
      return new RuleOutcome(rule.name(), true, "has no statements, so nothing is required");
    }
    boolean satisfied = true;
    List<String> reasons = new ArrayList<>();
    for (ApprovalStatement statement : statements) {
      List<String> admitted = approvers.stream().filter(statement::admits).toList();
      satisfied &= admitted.size() >= statement.numberOfApprovalsNeeded();
      reasons.add(describe(statement, admitted));
    }
    return new RuleOutcome(rule.name(), satisfied, joinReasons(reasons));
  }

  /** For example "needs 2 approvals from the pool, has 1: arn:aws:iam::1:user/alice". */
  private static String describe(ApprovalStatement statement, List<String> admitted) {
    int needed = statement.numberOfApprovalsNeeded();
    String from = statement.hasPool() ? "from the pool" : "from anyone";
    String reason =
        "needs " + needed + (needed == 1 ? " approval " : " approvals ") + from + ", has "
            + admitted.size();
    return admitted.isEmpty() ? reason : reason + ": " + String.join(", ", admitted);
  }

  private static String joinReasons(List<String> reasons) {
    if (reasons.size() == 1) {
      return reasons.get(0);
    }
    List<String> numbered = new ArrayList<>();
    for (int i = 0; i < reasons.size(); i++) {
      numbered.add("statement " + (i + 1) + " " + reasons.get(i));
    }
    return String.join("; ", numbered);
  }
}
