package io.commitd.transport;

/** A git client may not do what it asked: pull from, or see, the repository. */
public final class GitAccessDeniedException extends Exception {
  private static final long serialVersionUID = 1L;

  public GitAccessDeniedException(String message) {
    super(message);
  }
}
