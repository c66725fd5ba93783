package io.commitd.git.merge;

/** The three ways CodeCommit merges one branch into another. */
public enum MergeOption {
  FAST_FORWARD_MERGE,
  SQUASH_MERGE,
  THREE_WAY_MERGE;

  /** The wire value; the operations that take a merge option require one. */
  public static MergeOption parse(String value) {
    if (value == null) {
      throw MergeErrors.mergeOptionRequired();
    }
    try {
      return valueOf(value);
    } catch (IllegalArgumentException e) {
      throw MergeErrors.invalidMergeOption(value);
    }
  }

  /**
   * This option, when it makes a merge commit. Describing conflicts and creating an unreferenced
   * merge commit make no sense for a fast-forward, and the service refuses it.
   */
  public MergeOption requireMergeCommit() {
    if (this == FAST_FORWARD_MERGE) {
      throw MergeErrors.invalidMergeOption(name());
    }
    return this;
  }
}
