package io.commitd.storage.refs;

/**
 * A step of the ref-update pipeline that may refuse refs: authorization, then the approval
 * gate. It rejects a command by setting its result, e.g.
 * {@code command.setResult(REJECTED_OTHER_REASON, "why")}, and leaves the others alone.
 */
@FunctionalInterface
public interface RefUpdateCheck<A extends Actor> {
  void check(RefUpdateRequest<A> request);

  /** A check that lets every ref through: for steps a deployment has not configured. */
  static <A extends Actor> RefUpdateCheck<A> allowAll() {
    return request -> {};
  }
}
