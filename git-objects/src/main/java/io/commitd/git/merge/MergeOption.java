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
}
