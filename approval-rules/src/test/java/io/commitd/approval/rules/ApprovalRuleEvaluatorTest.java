package io.commitd.approval.rules;

import static io.commitd.approval.rules.Approval.approve;
import static io.commitd.approval.rules.Approval.revoke;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ApprovalRuleEvaluatorTest {

  private static final String REVISION = "rev-2";
  private static final String OLD_REVISION = "rev-1";
  private static final String AUTHOR = "arn:aws:iam::1:user/author";
  private static final String ALICE = "arn:aws:iam::1:user/alice";
  private static final String BOB = "arn:aws:iam::1:user/bob";
  private static final String CAROL = "arn:aws:iam::1:user/carol";
  private static final String REVIEW_SESSION = "arn:aws:sts::1:assumed-role/Review/dave";

  private static ApprovalRule rule(String name, String... statements) {
    String json = "{\"Version\": \"2018-11-08\", \"Statements\": [" + String.join(",", statements) + "]}";
    return new ApprovalRule(name, ApprovalRuleContent.parse(json));
  }

  private static String approvers(int needed, String... pool) {
    String statement = "{\"Type\": \"Approvers\", \"NumberOfApprovalsNeeded\": " + needed;
    if (pool.length > 0) {
      statement += ", \"ApprovalPoolMembers\": [\"" + String.join("\", \"", pool) + "\"]";
    }
    return statement + "}";
  }

  private static Evaluation evaluate(List<ApprovalRule> rules, Approval... approvals) {
    return ApprovalRuleEvaluator.evaluate(rules, List.of(approvals), REVISION, AUTHOR, false);
  }

  @Test
  void aRuleIsSatisfiedWhenEnoughApproversFromThePoolApprove() {
    ApprovalRule twoFromUsers = rule("two", approvers(2, "arn:aws:iam::1:user/*"));

    Evaluation evaluation = evaluate(List.of(twoFromUsers), approve(ALICE, REVISION), approve(BOB, REVISION));

    assertThat(evaluation.approved()).isTrue();
    assertThat(evaluation.overridden()).isFalse();
    assertThat(evaluation.approvalRulesSatisfied()).containsExactly("two");
    assertThat(evaluation.approvalRulesNotSatisfied()).isEmpty();
  }

  @Test
  void aRuleIsNotSatisfiedWithTooFewApprovalsAndSaysWhoCounted() {
    ApprovalRule twoFromUsers = rule("two", approvers(2, "arn:aws:iam::1:user/*"));

    Evaluation evaluation = evaluate(List.of(twoFromUsers), approve(ALICE, REVISION));

    assertThat(evaluation.approved()).isFalse();
    assertThat(evaluation.approvalRulesNotSatisfied()).containsExactly("two");
    assertThat(evaluation.reasonFor("two")).hasValue("needs 2 approvals from the pool, has 1: " + ALICE);
  }

  @Test
  void approvalsFromOutsideThePoolDoNotCount() {
    ApprovalRule onlyReviewers = rule("reviewers", approvers(1, "arn:aws:iam::1:role/Review"));

    Evaluation evaluation = evaluate(List.of(onlyReviewers), approve(ALICE, REVISION));

    assertThat(evaluation.approved()).isFalse();
    assertThat(evaluation.reasonFor("reviewers")).hasValue("needs 1 approval from the pool, has 0");
  }

  @Test
  void aSessionOfAPoolRoleCounts() {
    ApprovalRule onlyReviewers = rule("reviewers", approvers(1, "arn:aws:iam::1:role/Review"));

    assertThat(evaluate(List.of(onlyReviewers), approve(REVIEW_SESSION, REVISION)).approved()).isTrue();
  }

  @Test
  void aShorthandPoolMemberCountsItsUser() {
    ApprovalRule alice = rule("alice", approvers(1, "CodeCommitApprovers:1:alice"));

    assertThat(evaluate(List.of(alice), approve(ALICE, REVISION)).approved()).isTrue();
    assertThat(evaluate(List.of(alice), approve(BOB, REVISION)).approved()).isFalse();
  }

  @Test
  void withoutAPoolAnyoneButTheAuthorCounts() {
    ApprovalRule anyOne = rule("any", approvers(1));

    Evaluation evaluation = evaluate(List.of(anyOne), approve(CAROL, REVISION));

    assertThat(evaluation.approved()).isTrue();
    assertThat(evaluation.reasonFor("any")).hasValue("needs 1 approval from anyone, has 1: " + CAROL);
  }

  @Test
  void theAuthorsOwnApprovalNeverCounts() {
    ApprovalRule anyOne = rule("any", approvers(1, "arn:aws:iam::1:user/*"));

    assertThat(evaluate(List.of(anyOne), approve(AUTHOR, REVISION)).approved()).isFalse();
  }

  @Test
  void approvalsForAnEarlierRevisionAreIgnored() {
    ApprovalRule anyOne = rule("any", approvers(1));

    assertThat(evaluate(List.of(anyOne), approve(ALICE, OLD_REVISION)).approved()).isFalse();
  }

  @Test
  void aRevokedApprovalNoLongerCounts() {
    ApprovalRule anyOne = rule("any", approvers(1));

    assertThat(evaluate(List.of(anyOne), approve(ALICE, REVISION), revoke(ALICE, REVISION)).approved()).isFalse();
  }

  @Test
  void approvingAgainAfterRevokingCountsOnceMore() {
    ApprovalRule anyOne = rule("any", approvers(1));

    Evaluation evaluation =
        evaluate(List.of(anyOne), approve(ALICE, REVISION), revoke(ALICE, REVISION), approve(ALICE, REVISION));

    assertThat(evaluation.approved()).isTrue();
  }

  @Test
  void reApprovingTheCurrentRevisionRevivesAnApprovalThatWentStale() {
    ApprovalRule anyOne = rule("any", approvers(1));

    assertThat(evaluate(List.of(anyOne), approve(ALICE, OLD_REVISION), approve(ALICE, REVISION)).approved())
        .isTrue();
  }

  @Test
  void anApproverWhoApprovesTwiceCountsOnce() {
    ApprovalRule two = rule("two", approvers(2));

    Evaluation evaluation = evaluate(List.of(two), approve(ALICE, REVISION), approve(ALICE, REVISION));

    assertThat(evaluation.approved()).isFalse();
    assertThat(evaluation.reasonFor("two")).hasValue("needs 2 approvals from anyone, has 1: " + ALICE);
  }

  @Test
  void anApproverMatchingSeveralPoolMembersCountsOnce() {
    ApprovalRule two = rule("two", approvers(2, "CodeCommitApprovers:1:alice", "arn:aws:iam::1:user/*"));

    assertThat(evaluate(List.of(two), approve(ALICE, REVISION)).approved()).isFalse();
  }

  @Test
  void everyStatementOfARuleMustBeSatisfied() {
    ApprovalRule usersAndReviewers =
        rule("both", approvers(1, "arn:aws:iam::1:user/*"), approvers(1, "arn:aws:iam::1:role/Review"));

    Evaluation onlyUser = evaluate(List.of(usersAndReviewers), approve(ALICE, REVISION));
    Evaluation userAndReviewer =
        evaluate(List.of(usersAndReviewers), approve(ALICE, REVISION), approve(REVIEW_SESSION, REVISION));

    assertThat(onlyUser.approved()).isFalse();
    assertThat(onlyUser.reasonFor("both"))
        .hasValue(
            "statement 1 needs 1 approval from the pool, has 1: " + ALICE
                + "; statement 2 needs 1 approval from the pool, has 0");
    assertThat(userAndReviewer.approved()).isTrue();
  }

  @Test
  void oneApprovalMayCountTowardsSeveralRules() {
    ApprovalRule first = rule("first", approvers(1));
    ApprovalRule second = rule("second", approvers(1, "CodeCommitApprovers:1:alice"));

    Evaluation evaluation = evaluate(List.of(first, second), approve(ALICE, REVISION));

    assertThat(evaluation.approved()).isTrue();
    assertThat(evaluation.approvalRulesSatisfied()).containsExactly("first", "second");
  }

  @Test
  void thePullRequestIsApprovedOnlyWhenEveryRuleIsSatisfied() {
    ApprovalRule anyOne = rule("any", approvers(1));
    ApprovalRule reviewers = rule("reviewers", approvers(1, "arn:aws:iam::1:role/Review"));

    Evaluation evaluation = evaluate(List.of(anyOne, reviewers), approve(ALICE, REVISION));

    assertThat(evaluation.approved()).isFalse();
    assertThat(evaluation.approvalRulesSatisfied()).containsExactly("any");
    assertThat(evaluation.approvalRulesNotSatisfied()).containsExactly("reviewers");
    assertThat(evaluation.ruleOutcomes()).extracting(RuleOutcome::satisfied).containsExactly(true, false);
  }

  @Test
  void aRuleWithNoStatementsIsSatisfied() {
    ApprovalRule empty = rule("empty");

    Evaluation evaluation = evaluate(List.of(empty));

    assertThat(evaluation.approved()).isTrue();
    assertThat(evaluation.approvalRulesSatisfied()).containsExactly("empty");
    assertThat(evaluation.reasonFor("empty")).hasValue("has no statements, so nothing is required");
  }

  @Test
  void aPullRequestWithoutRulesIsApproved() {
    Evaluation evaluation = evaluate(List.of());

    assertThat(evaluation.approved()).isTrue();
    assertThat(evaluation.approvalRulesSatisfied()).isEmpty();
    assertThat(evaluation.approvalRulesNotSatisfied()).isEmpty();
  }

  @Test
  void anOverriddenPullRequestIsApprovedEvenWithUnsatisfiedRules() {
    ApprovalRule reviewers = rule("reviewers", approvers(1, "arn:aws:iam::1:role/Review"));

    Evaluation evaluation = ApprovalRuleEvaluator.evaluate(List.of(reviewers), List.of(), REVISION, AUTHOR, true);

    assertThat(evaluation.approved()).isTrue();
    assertThat(evaluation.overridden()).isTrue();
    assertThat(evaluation.approvalRulesNotSatisfied()).containsExactly("reviewers");
  }

  @Test
  void theEvaluationListsCannotBeModified() {
    Evaluation evaluation = evaluate(List.of(rule("any", approvers(1))));

    assertThat(evaluation.approvalRulesNotSatisfied()).isUnmodifiable();
    assertThat(evaluation.ruleOutcomes()).isUnmodifiable();
  }
}
