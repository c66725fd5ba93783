package io.commitd.approval.rules;

/** An approval rule template was given no content at all. */
public final class ApprovalRuleTemplateContentRequiredException extends ApprovalRuleException {

  private static final long serialVersionUID = 1L;

  public ApprovalRuleTemplateContentRequiredException(String message) {
    super("ApprovalRuleTemplateContentRequiredException", message);
  }
}
