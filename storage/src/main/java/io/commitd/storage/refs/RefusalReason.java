package io.commitd.storage.refs;

/**
 * Why the pipeline refused a ref: each front end turns it into its own answer (an AWS error code,
 * a line on git's report), so an approval-gate refusal never reads as an IAM denial.
 */
public enum RefusalReason {
  /** Step 1: an IAM policy does not allow the change. */
  POLICY_DENIED,
  /** Step 2: the approval-rule gate protects the ref. */
  APPROVAL_GATE,
  /** Step 3: the ref no longer has the value the writer expected, or another writer holds its lock. */
  STALE_VALUE,
  /** The ref name or value is not acceptable (not a branch or tag, missing object, …). */
  INVALID_REF,
  /** The server failed; the ref is unchanged. */
  INTERNAL_FAILURE,
  /** Not tried, because another ref of an atomic request was refused. */
  ABORTED
}
