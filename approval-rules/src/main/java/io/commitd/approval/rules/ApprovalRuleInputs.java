package io.commitd.approval.rules;

/**
 * Checks names and descriptions against CodeCommit's limits, failing with CodeCommit's codes. Each
 * check returns its input so callers can validate in line.
 */
public final class ApprovalRuleInputs {

  /** Longest approval rule or template name CodeCommit accepts. */
  public static final int MAX_NAME_LENGTH = 100;

  /** Longest template description CodeCommit accepts. */
  public static final int MAX_DESCRIPTION_LENGTH = 1000;

  private ApprovalRuleInputs() {}

  public static String requireValidRuleName(String name) {
    if (name == null || name.isEmpty()) {
      throw new ApprovalRuleNameRequiredException("an approval rule name is required");
    }
    if (length(name) > MAX_NAME_LENGTH) {
      throw new InvalidApprovalRuleNameException(
          "approval rule names are at most " + MAX_NAME_LENGTH + " characters long");
    }
    return name;
  }

  public static String requireValidTemplateName(String name) {
    if (name == null || name.isEmpty()) {
      throw new ApprovalRuleTemplateNameRequiredException(
          "an approval rule template name is required");
    }
    if (length(name) > MAX_NAME_LENGTH) {
      throw new InvalidApprovalRuleTemplateNameException(
          "approval rule template names are at most " + MAX_NAME_LENGTH + " characters long");
    }
    return name;
  }

  /** A missing description is allowed and becomes empty, as CodeCommit reports it. */
  public static String requireValidTemplateDescription(String description) {
    if (description == null) {
      return "";
    }
    if (length(description) > MAX_DESCRIPTION_LENGTH) {
      throw new InvalidApprovalRuleTemplateDescriptionException(
          "approval rule template descriptions are at most "
              + MAX_DESCRIPTION_LENGTH
              + " characters long");
    }
    return description;
  }

  // Limits are in characters, so a letter outside the BMP counts once, not as two chars.
  private static int length(String text) {
    return text.codePointCount(0, text.length());
  }
}
