package io.commitd.approval.rules;

/** An approval rule name breaks CodeCommit's limits. */
public final class InvalidApprovalRuleNameException extends ApprovalRuleException {

  private static final long serialVersionUID = 1L;

  public InvalidApprovalRuleNameException(String message) {
    super("InvalidApprovalRuleNameException", message);
  }
}
