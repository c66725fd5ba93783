package io.commitd.approval.rules;

/** The content of an approval rule template is not valid. */
public final class InvalidApprovalRuleTemplateContentException extends ApprovalRuleException {

  private static final long serialVersionUID = 1L;

  public InvalidApprovalRuleTemplateContentException(String message) {
    super("InvalidApprovalRuleTemplateContentException", message);
  }
}
