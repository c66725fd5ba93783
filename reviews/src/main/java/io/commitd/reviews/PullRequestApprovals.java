package io.commitd.reviews;

import static io.commitd.reviews.ApprovalErrors.checked;

import io.commitd.approval.rules.Approval;
import io.commitd.approval.rules.ApprovalRule;
import io.commitd.approval.rules.ApprovalRuleContent;
import io.commitd.approval.rules.ApprovalRuleEvaluator;
import io.commitd.approval.rules.ApprovalRuleInputs;
import io.commitd.approval.rules.ApprovalState;
import io.commitd.approval.rules.Evaluation;
import io.commitd.reviews.PullRequestStore.Outgoing;
import io.commitd.storage.errors.AwsException;
import io.commitd.triggers.events.PullRequestEventType;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * A pull request's approval rules, the approvals given for each of its revisions, their evaluation
 * and the override: what decides whether it may be merged.
 */
public final class PullRequestApprovals {
  /** CodeCommit's quota of approval rules per pull request. */
  public static final int MAX_RULES = 25;
  /** CodeCommit's quota of approvals per pull request revision. */
  public static final int MAX_APPROVALS = 200;
  private static final Pattern REVISION_ID = Pattern.compile("[0-9a-f]{64}");

  private final PullRequestService pullRequests;
  private final ApprovalStore store;
  private final Clock clock;

  public PullRequestApprovals(PullRequestService pullRequests, ApprovalStore store, Clock clock) {
    this.pullRequests = pullRequests;
    this.store = store;
    this.clock = clock;
  }

  public List<PullRequestApprovalRule> rules(PullRequestRecord pr) {
    return store.rules(pr.pullRequestId());
  }

  public PullRequestApprovalRule createRule(PullRequestRecord pr, String name, String content, String actorArn) {
    checked(() -> ApprovalRuleInputs.requireValidRuleName(name));
    ApprovalRuleContent parsed = checked(() -> ApprovalRuleContent.parse(content, ApprovalRuleContent.Kind.RULE));
    PullRequestService.requireOpen(pr);
    if (store.rules(pr.pullRequestId()).size() >= MAX_RULES) {
      throw AwsException.badRequest("NumberOfRulesExceededException",
          "The approval rule cannot be added. The pull request has the maximum number of approval rules associated with it ("
              + MAX_RULES + ").");
    }
    Instant now = clock.instant();
    PullRequestApprovalRule rule = new PullRequestApprovalRule(UUID.randomUUID().toString(), pr.pullRequestId(), name,
        parsed.text(), parsed.sha256(), null, null, now, now, actorArn);
    try {
      store.createRule(rule, PullRequestEvents.approvalRule(PullRequestEvents.APPROVAL_RULE_CREATED, rule, now, actorArn),
          ruleEvent(pr, PullRequestEventType.PULL_REQUEST_APPROVAL_RULE_CREATED, rule, actorArn));
    } catch (ApprovalStore.RuleNameTakenException e) {
      throw AwsException.badRequest("ApprovalRuleNameAlreadyExistsException",
          "An approval rule with that name already exists. Approval rule names must be unique within the scope of a pull"
              + " request: " + name);
    }
    return rule;
  }

  /**
   * @param existingSha256 when given, the content the caller last saw; another answers
   *     {@code InvalidRuleContentSha256Exception}
   */
  public PullRequestApprovalRule updateRuleContent(PullRequestRecord pr, String name, String content,
      String existingSha256, String actorArn) {
    checked(() -> ApprovalRuleInputs.requireValidRuleName(name));
    PullRequestService.requireOpen(pr);
    PullRequestApprovalRule current = store.rule(pr.pullRequestId(), name).orElseThrow(() -> AwsException.badRequest(
        "ApprovalRuleDoesNotExistException", "The specified approval rule does not exist: " + name));
    if (current.fromTemplate()) {
      throw AwsException.badRequest("CannotModifyApprovalRuleFromTemplateException",
          "The approval rule cannot be modified for the pull request because it was created by an approval rule template"
              + " and applied to the pull request automatically.");
    }
    ApprovalRuleContent parsed = checked(() -> ApprovalRuleContent.parse(content, ApprovalRuleContent.Kind.RULE));
    if (existingSha256 != null && !existingSha256.equals(current.contentSha256())) {
      throw staleSha();
    }
    Instant now = clock.instant();
    PullRequestApprovalRule updated = new PullRequestApprovalRule(current.ruleId(), current.pullRequestId(), name,
        parsed.text(), parsed.sha256(), null, null, current.createdAt(), now, actorArn);
    if (!store.updateRule(current, updated,
        PullRequestEvents.approvalRule(PullRequestEvents.APPROVAL_RULE_UPDATED, updated, now, actorArn),
        ruleEvent(pr, PullRequestEventType.PULL_REQUEST_APPROVAL_RULE_UPDATED, updated, actorArn))) {
      throw staleSha();
    }
    return updated;
  }

  /** @return the deleted rule's id; empty when it did not exist (CodeCommit answers an empty id) */
  public Optional<String> deleteRule(PullRequestRecord pr, String name, String actorArn) {
    checked(() -> ApprovalRuleInputs.requireValidRuleName(name));
    PullRequestService.requireOpen(pr);
    Optional<PullRequestApprovalRule> rule = store.rule(pr.pullRequestId(), name);
    if (rule.isEmpty()) {
      return Optional.empty();
    }
    if (rule.get().fromTemplate()) {
      throw AwsException.badRequest("CannotDeleteApprovalRuleFromTemplateException",
          "The approval rule cannot be deleted from the pull request because it was created by an approval rule template"
              + " and applied to the pull request automatically.");
    }
    Instant now = clock.instant();
    boolean deleted = store.deleteRule(rule.get(),
        PullRequestEvents.approvalRule(PullRequestEvents.APPROVAL_RULE_DELETED, rule.get(), now, actorArn),
        ruleEvent(pr, PullRequestEventType.PULL_REQUEST_APPROVAL_RULE_DELETED, rule.get(), actorArn));
    return deleted ? Optional.of(rule.get().ruleId()) : Optional.empty();
  }

  /** Approves or revokes for the current revision; the author's own approval is refused. */
  public void updateApprovalState(PullRequestRecord pr, String revisionId, String state, String actorArn) {
    requireRevisionId(revisionId);
    ApprovalState approvalState = approvalState(state);
    PullRequestService.requireOpen(pr);
    PullRequestService.requireCurrent(pr, revisionId);
    if (approvalState == ApprovalState.APPROVE && pr.authorArn().equals(actorArn)) {
      throw AwsException.badRequest("PullRequestCannotBeApprovedByAuthorException",
          "The approval cannot be applied because the user approving the pull request matches the user who created the"
              + " pull request. You cannot approve a pull request that you created.");
    }
    List<Approval> given = store.approvals(pr.pullRequestId(), revisionId);
    if (approvalState == ApprovalState.APPROVE && given.size() >= MAX_APPROVALS
        && given.stream().noneMatch(a -> a.approverArn().equals(actorArn))) {
      throw AwsException.badRequest("MaximumNumberOfApprovalsExceededException",
          "The number of approvals required for the approval rule exceeds the maximum number allowed (" + MAX_APPROVALS
              + ").");
    }
    Instant now = clock.instant();
    store.setApproval(pr.pullRequestId(), new Approval(actorArn, approvalState, revisionId), now,
        PullRequestEvents.approvalStateChanged(pr.pullRequestId(), revisionId, approvalState.name(), now, actorArn),
        pullRequests.outgoing(pr, PullRequestEventType.PULL_REQUEST_APPROVAL_STATE_CHANGED, actorArn,
            detail -> detail.approvalStatus(approvalState.name())));
  }

  /** Who approved the revision (their latest state is APPROVE). */
  public List<Approval> approvals(PullRequestRecord pr, String revisionId) {
    requireRevisionId(revisionId);
    return store.approvals(pr.pullRequestId(), revisionId).stream()
        .filter(approval -> approval.state() == ApprovalState.APPROVE).toList();
  }

  /** Evaluates the rules for the revision the caller names, which must be the current one. */
  public Evaluation evaluate(PullRequestRecord pr, String revisionId) {
    requireRevisionId(revisionId);
    PullRequestService.requireCurrent(pr, revisionId);
    return evaluate(pr);
  }

  /** Evaluates the pull request's rules against the approvals of its current revision. */
  public Evaluation evaluate(PullRequestRecord pr) {
    List<ApprovalRule> rules = store.rules(pr.pullRequestId()).stream()
        .map(rule -> new ApprovalRule(rule.name(), ApprovalRuleContent.parse(rule.content(), ApprovalRuleContent.Kind.RULE)))
        .toList();
    return ApprovalRuleEvaluator.evaluate(rules, store.approvals(pr.pullRequestId(), pr.revisionId()), pr.revisionId(),
        pr.authorArn(), "OVERRIDE".equals(pr.overrideStatus()));
  }

  public PullRequestRecord override(PullRequestRecord pr, String revisionId, String overrideStatus, String actorArn) {
    requireRevisionId(revisionId);
    if (overrideStatus == null || overrideStatus.isEmpty()) {
      throw AwsException.badRequest("OverrideStatusRequiredException", "An override status is required, but none was provided.");
    }
    if (!overrideStatus.equals("OVERRIDE") && !overrideStatus.equals("REVOKE")) {
      throw AwsException.badRequest("InvalidOverrideStatusException",
          "The override status is not valid. Valid statuses are OVERRIDE and REVOKE.");
    }
    return pullRequests.setOverride(pr, revisionId, overrideStatus.equals("OVERRIDE"), actorArn);
  }

  /** Who overrode the rules of the revision, if anyone did. */
  public Optional<String> overrider(PullRequestRecord pr, String revisionId) {
    requireRevisionId(revisionId);
    return pr.revisionId().equals(revisionId) && "OVERRIDE".equals(pr.overrideStatus())
        ? Optional.ofNullable(pr.overriderArn()) : Optional.empty();
  }

  // ----

  private Outgoing ruleEvent(PullRequestRecord pr, PullRequestEventType type, PullRequestApprovalRule rule, String actorArn) {
    return pullRequests.outgoing(pr, type, actorArn,
        detail -> detail.approvalRule(rule.ruleId(), rule.name(), rule.contentSha256()));
  }

  private static void requireRevisionId(String revisionId) {
    if (revisionId == null || revisionId.isEmpty()) {
      throw AwsException.badRequest("RevisionIdRequiredException", "A revision ID is required, but was not provided.");
    }
    if (!REVISION_ID.matcher(revisionId).matches()) {
      throw AwsException.badRequest("InvalidRevisionIdException", "The revision ID is not valid: " + revisionId);
    }
  }

  private static ApprovalState approvalState(String state) {
    if (state == null || state.isEmpty()) {
      throw AwsException.badRequest("ApprovalStateRequiredException", "An approval state is required, but was not specified.");
    }
    try {
      return ApprovalState.valueOf(state);
    } catch (IllegalArgumentException e) {
      throw AwsException.badRequest("InvalidApprovalStateException",
          "The state for the approval is not valid. Valid values include APPROVE and REVOKE.");
    }
  }

  private static AwsException staleSha() {
    return AwsException.badRequest("InvalidRuleContentSha256Exception",
        "The SHA-256 hash signature for the rule content is not valid.");
  }
}
