package io.commitd.approval.rules;

/** An approval rule template name is required but was missing or empty. */
public final class ApprovalRuleTemplateNameRequiredException extends ApprovalRuleException {

  private static final long serialVersionUID = 1L;

  public ApprovalRuleTemplateNameRequiredException(String message) {
    super("ApprovalRuleTemplateNameRequiredException", message);
  }
}
