package io.commitd.server.codecommit.approvals;

import io.commitd.approval.rules.Evaluation;
import io.commitd.reviews.ApprovalRuleTemplate;
import io.commitd.reviews.PullRequestApprovalRule;
import io.commitd.reviews.PullRequestApprovals;
import io.commitd.server.codecommit.pullrequests.PullRequestOperations.ApprovalRulesView;
import java.time.Instant;
import java.util.List;

/** botocore's {@code ApprovalRuleTemplate}, {@code ApprovalRule}, {@code Approval} and {@code Evaluation} shapes. */
public final class ApprovalShapes {
  private ApprovalShapes() {}

  record Template(String approvalRuleTemplateId, String approvalRuleTemplateName, String approvalRuleTemplateDescription,
      String approvalRuleTemplateContent, String ruleContentSha256, Instant lastModifiedDate, Instant creationDate,
      String lastModifiedUser) {}

  record OriginApprovalRuleTemplate(String approvalRuleTemplateId, String approvalRuleTemplateName) {}

  record Rule(String approvalRuleId, String approvalRuleName, String approvalRuleContent, String ruleContentSha256,
      Instant lastModifiedDate, Instant creationDate, String lastModifiedUser,
      OriginApprovalRuleTemplate originApprovalRuleTemplate) {}

  record ApprovalShape(String userArn, String approvalState) {}

  record EvaluationShape(Boolean approved, Boolean overridden, List<String> approvalRulesSatisfied,
      List<String> approvalRulesNotSatisfied) {}

  record BatchError(String repositoryName, String errorCode, String errorMessage) {}

  static Template template(ApprovalRuleTemplate t) {
    return new Template(t.templateId(), t.name(), t.description(), t.content(), t.contentSha256(), t.lastModifiedAt(),
        t.createdAt(), t.lastModifiedUser());
  }

  static Rule rule(PullRequestApprovalRule r) {
    return new Rule(r.ruleId(), r.name(), r.content(), r.contentSha256(), r.lastModifiedAt(), r.createdAt(),
        r.lastModifiedUser(), r.fromTemplate() ? new OriginApprovalRuleTemplate(r.originTemplateId(), r.originTemplateName())
            : null);
  }

  static EvaluationShape evaluation(Evaluation e) {
    return new EvaluationShape(e.approved(), e.overridden(), e.approvalRulesSatisfied(), e.approvalRulesNotSatisfied());
  }

  /** What {@code GetPullRequest} and the other pull-request answers show as {@code approvalRules}. */
  public static ApprovalRulesView view(PullRequestApprovals approvals) {
    return pullRequest -> approvals.rules(pullRequest).stream().<Object>map(ApprovalShapes::rule).toList();
  }
}
