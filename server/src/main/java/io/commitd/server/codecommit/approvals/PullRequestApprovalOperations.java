package io.commitd.server.codecommit.approvals;

import io.commitd.reviews.PullRequestApprovalRule;
import io.commitd.reviews.PullRequestApprovals;
import io.commitd.reviews.PullRequestRecord;
import io.commitd.server.api.OperationRegistry;
import io.commitd.server.codecommit.Input;
import io.commitd.server.codecommit.Operation;
import io.commitd.server.codecommit.OperationFamily;
import io.commitd.server.codecommit.OperationRequest;
import io.commitd.server.codecommit.pullrequests.PullRequestOperations;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A pull request's approval rules, approvals, their evaluation and the override. Each is authorized
 * on the pull request's repository, as in CodeCommit.
 */
public final class PullRequestApprovalOperations implements OperationFamily {
  private final PullRequestOperations pullRequests;
  private final PullRequestApprovals approvals;

  public PullRequestApprovalOperations(PullRequestOperations pullRequests, PullRequestApprovals approvals) {
    this.pullRequests = pullRequests;
    this.approvals = approvals;
  }

  @Override
  public void register(OperationRegistry<OperationRequest> registry) {
    registry
        .add("CreatePullRequestApprovalRule", Operation.on(pullRequests::pullRequestArn, this::createRule))
        .add("UpdatePullRequestApprovalRuleContent", Operation.on(pullRequests::pullRequestArn, this::updateRule))
        .add("DeletePullRequestApprovalRule", Operation.on(pullRequests::pullRequestArn, this::deleteRule))
        .add("UpdatePullRequestApprovalState", Operation.on(pullRequests::pullRequestArn, this::updateState))
        .add("GetPullRequestApprovalStates", Operation.on(pullRequests::pullRequestArn, this::states))
        .add("EvaluatePullRequestApprovalRules", Operation.on(pullRequests::pullRequestArn, this::evaluate))
        .add("OverridePullRequestApprovalRules", Operation.on(pullRequests::pullRequestArn, this::override))
        .add("GetPullRequestOverrideState", Operation.on(pullRequests::pullRequestArn, this::overrideState));
  }

  private Object createRule(OperationRequest request) {
    Input input = request.input();
    PullRequestRecord pr = pullRequests.pullRequest(request);
    PullRequestApprovalRule rule = approvals.createRule(pr, input.string("approvalRuleName"),
        input.string("approvalRuleContent"), actor(request));
    return Map.of("approvalRule", ApprovalShapes.rule(rule));
  }

  private Object updateRule(OperationRequest request) {
    Input input = request.input();
    PullRequestRecord pr = pullRequests.pullRequest(request);
    PullRequestApprovalRule rule = approvals.updateRuleContent(pr, input.string("approvalRuleName"),
        input.string("newRuleContent"), input.string("existingRuleContentSha256"), actor(request));
    return Map.of("approvalRule", ApprovalShapes.rule(rule));
  }

  private Object deleteRule(OperationRequest request) {
    PullRequestRecord pr = pullRequests.pullRequest(request);
    Optional<String> id = approvals.deleteRule(pr, request.input().string("approvalRuleName"), actor(request));
    return Map.of("approvalRuleId", id.orElse(""));
  }

  private Object updateState(OperationRequest request) {
    Input input = request.input();
    PullRequestRecord pr = pullRequests.pullRequest(request);
    approvals.updateApprovalState(pr, input.string("revisionId"), input.string("approvalState"), actor(request));
    return null;
  }

  private Object states(OperationRequest request) {
    PullRequestRecord pr = pullRequests.pullRequest(request);
    return Map.of("approvals", approvals.approvals(pr, request.input().string("revisionId")).stream()
        .map(a -> new ApprovalShapes.ApprovalShape(a.approverArn(), a.state().name())).toList());
  }

  private Object evaluate(OperationRequest request) {
    PullRequestRecord pr = pullRequests.pullRequest(request);
    return Map.of("evaluation", ApprovalShapes.evaluation(approvals.evaluate(pr, request.input().string("revisionId"))));
  }

  private Object override(OperationRequest request) {
    Input input = request.input();
    PullRequestRecord pr = pullRequests.pullRequest(request);
    approvals.override(pr, input.string("revisionId"), input.string("overrideStatus"), actor(request));
    return null;
  }

  private Object overrideState(OperationRequest request) {
    PullRequestRecord pr = pullRequests.pullRequest(request);
    Optional<String> overrider = approvals.overrider(pr, request.input().string("revisionId"));
    Map<String, Object> output = new LinkedHashMap<>();
    output.put("overridden", overrider.isPresent());
    overrider.ifPresent(arn -> output.put("overrider", arn));
    return output;
  }

  private static String actor(OperationRequest request) {
    return request.caller().principalArn();
  }
}
