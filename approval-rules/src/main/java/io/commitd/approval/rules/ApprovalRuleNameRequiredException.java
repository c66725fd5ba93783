package io.commitd.approval.rules;

/** An approval rule name is required but was missing or empty. */
public final class ApprovalRuleNameRequiredException extends ApprovalRuleException {

  private static final long serialVersionUID = 1L;

  public ApprovalRuleNameRequiredException(String message) {
    super("ApprovalRuleNameRequiredException", message);
  }
}
