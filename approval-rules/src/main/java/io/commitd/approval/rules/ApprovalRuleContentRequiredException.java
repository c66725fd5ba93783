package io.commitd.approval.rules;

/** An approval rule was given no content at all. */
public final class ApprovalRuleContentRequiredException extends ApprovalRuleException {

  private static final long serialVersionUID = 1L;

  public ApprovalRuleContentRequiredException(String message) {
    super("ApprovalRuleContentRequiredException", message);
  }
}
