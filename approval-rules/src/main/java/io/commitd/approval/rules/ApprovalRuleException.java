package io.commitd.approval.rules;

/**
 * A rejected approval-rule input. {@link #code()} is the CodeCommit error code (the botocore
 * exception shape name) so the HTTP layer can answer with exactly what the SDKs expect.
 */
public abstract class ApprovalRuleException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final String code;

  protected ApprovalRuleException(String code, String message) {
    super(message);
    this.code = code;
  }

  /** The CodeCommit error code, for example {@code InvalidApprovalRuleContentException}. */
  public String code() {
    return code;
  }
}
