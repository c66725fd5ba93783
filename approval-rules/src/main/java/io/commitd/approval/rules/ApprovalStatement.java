package io.commitd.approval.rules;

import java.util.List;

/**
 * One {@code Approvers} statement: at least {@code numberOfApprovalsNeeded} distinct approvers from
 * the pool must approve. An empty pool means CodeCommit's default of "any user".
 */
public record ApprovalStatement(
    String type, int numberOfApprovalsNeeded, List<ApprovalPoolMember> approvalPoolMembers) {

  /** The only statement type content version 2018-11-08 defines. */
  public static final String APPROVERS = "Approvers";

  public ApprovalStatement {
    approvalPoolMembers = List.copyOf(approvalPoolMembers);
  }

  /** Whether this statement limits who may approve, as opposed to counting anyone. */
  public boolean hasPool() {
    return !approvalPoolMembers.isEmpty();
  }

  /** Whether an approval from this principal counts towards the statement. */
  public boolean admits(String approverArn) {
    return !hasPool()
        || approvalPoolMembers.stream().anyMatch(member -> member.matches(approverArn));
  }
}
