package io.commitd.reviews;

import io.commitd.approval.rules.ApprovalRuleException;
import io.commitd.storage.errors.AwsException;
import java.util.function.Supplier;

/** Turns the approval-rule module's validation failures into CodeCommit's errors. */
final class ApprovalErrors {
  private ApprovalErrors() {}

  /** Runs a validation of the pure approval-rule module, answering its failure with its CodeCommit code. */
  static <T> T checked(Supplier<T> validation) {
    try {
      return validation.get();
    } catch (ApprovalRuleException e) {
      throw AwsException.badRequest(e.code(), e.getMessage());
    }
  }
}
