package io.commitd.approval.rules;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The approvers whose approval stands for the pull request's current revision. Each approver's
 * latest state change wins (the list is in the order the changes happened), so an approval that was
 * later revoked, or given for an older revision, does not count. The author never counts: CodeCommit
 * does not let people approve their own pull requests.
 */
final class CountedApprovers {

  private CountedApprovers() {}

  static List<String> of(List<Approval> approvals, String currentRevisionId, String authorArn) {
    Map<String, Approval> latestByApprover = new LinkedHashMap<>();
    for (Approval approval : approvals) {
      latestByApprover.put(approval.approverArn(), approval);
    }
    return latestByApprover.values().stream()
        .filter(approval -> approval.state() == ApprovalState.APPROVE)
        .filter(approval -> approval.revisionId().equals(currentRevisionId))
        .map(Approval::approverArn)
        .filter(approver -> !approver.equals(authorArn))
        .toList();
  }
}
