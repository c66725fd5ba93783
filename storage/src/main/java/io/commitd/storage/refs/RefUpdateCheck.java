package io.commitd.storage.refs;

/**
 * A step of the ref-update pipeline that may refuse refs: authorization, then the approval
 * gate. It refuses a command through {@link RefUpdateVerdict#refuse}, with its reason, and leaves
 * the others alone.
 */
@FunctionalInterface
public interface RefUpdateCheck<A extends Actor> {
  void check(RefUpdateRequest<A> request, RefUpdateVerdict verdict);

  /** A check that lets every ref through: for steps a deployment has not configured. */
  static <A extends Actor> RefUpdateCheck<A> allowAll() {
    return (request, verdict) -> {};
  }
}
