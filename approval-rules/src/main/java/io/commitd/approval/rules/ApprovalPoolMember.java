package io.commitd.approval.rules;

/**
 * One entry of a statement's {@code ApprovalPoolMembers}: decides whether an approver belongs to
 * the pool. An entry is either a principal ARN pattern or CodeCommit's {@code
 * CodeCommitApprovers:ACCOUNT:NAME} shorthand.
 */
public sealed interface ApprovalPoolMember permits ArnPoolMember, CodeCommitApproversPoolMember {

  /** The entry exactly as written in the rule content. */
  String text();

  /** Whether the principal with this ARN (the approver, as authenticated) is in the pool. */
  boolean matches(String approverArn);

  /**
   * Reads one pool entry.
   *
   * @throws IllegalArgumentException with a readable reason if the entry is neither a principal ARN
   *     nor a well-formed {@code CodeCommitApprovers} shorthand
   */
  static ApprovalPoolMember parse(String text) {
    if (text == null || text.isEmpty()) {
      throw new IllegalArgumentException("an approval pool member must not be empty");
    }
    if (text.startsWith(CodeCommitApproversPoolMember.PREFIX)) {
      return CodeCommitApproversPoolMember.parse(text);
    }
    return ArnPoolMember.parse(text);
  }
}
