package io.commitd.approval.rules;

/** An approval rule template description is longer than CodeCommit allows. */
public final class InvalidApprovalRuleTemplateDescriptionException extends ApprovalRuleException {

  private static final long serialVersionUID = 1L;

  public InvalidApprovalRuleTemplateDescriptionException(String message) {
    super("InvalidApprovalRuleTemplateDescriptionException", message);
  }
}
