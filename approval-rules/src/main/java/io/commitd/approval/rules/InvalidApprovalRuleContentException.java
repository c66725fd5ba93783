package io.commitd.approval.rules;

/** The content of a pull request approval rule is not valid. */
public final class InvalidApprovalRuleContentException extends ApprovalRuleException {

  private static final long serialVersionUID = 1L;

  public InvalidApprovalRuleContentException(String message) {
    super("InvalidApprovalRuleContentException", message);
  }
}
