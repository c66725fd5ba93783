package io.commitd.approval.rules;

import java.util.Objects;

/**
 * One approval-state change: who, what, and for which revision of the pull request. Approvals are
 * tied to a revision because CodeCommit discards them when new commits arrive.
 */
public record Approval(String approverArn, ApprovalState state, String revisionId) {

  public Approval {
    Objects.requireNonNull(approverArn, "approverArn");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(revisionId, "revisionId");
  }

  public static Approval approve(String approverArn, String revisionId) {
    return new Approval(approverArn, ApprovalState.APPROVE, revisionId);
  }

  public static Approval revoke(String approverArn, String revisionId) {
    return new Approval(approverArn, ApprovalState.REVOKE, revisionId);
  }
}
