package io.commitd.approval.rules;

/** An approver's latest word on a pull request (botocore's {@code ApprovalState}). */
public enum ApprovalState {
  APPROVE,
  REVOKE
}
