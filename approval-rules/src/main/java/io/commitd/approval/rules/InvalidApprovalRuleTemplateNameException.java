package io.commitd.approval.rules;

/** An approval rule template name breaks CodeCommit's limits. */
public final class InvalidApprovalRuleTemplateNameException extends ApprovalRuleException {

  private static final long serialVersionUID = 1L;

  public InvalidApprovalRuleTemplateNameException(String message) {
    super("InvalidApprovalRuleTemplateNameException", message);
  }
}
