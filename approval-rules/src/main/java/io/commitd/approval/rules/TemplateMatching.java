package io.commitd.approval.rules;

/**
 * Whether an approval rule template applies to a pull request, judged by its destination branch.
 * CodeCommit compares full reference names exactly, with no wildcards.
 */
public final class TemplateMatching {

  private TemplateMatching() {}

  /**
   * @param destinationRefName the pull request's destination, for example {@code refs/heads/main}
   */
  public static boolean appliesTo(ApprovalRuleContent templateContent, String destinationRefName) {
    var references = templateContent.destinationReferences();
    return references.isEmpty() || references.contains(destinationRefName);
  }
}
