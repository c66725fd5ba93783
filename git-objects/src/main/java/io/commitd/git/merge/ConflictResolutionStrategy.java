package io.commitd.git.merge;

/**
 * What a merge does with a file both branches changed. {@code NONE}, the default, leaves every
 * conflict for a person; {@code AUTOMERGE} also merges files whose changes do not overlap even when
 * the detail level is {@code FILE_LEVEL}.
 */
public enum ConflictResolutionStrategy {
  NONE,
  ACCEPT_SOURCE,
  ACCEPT_DESTINATION,
  AUTOMERGE;

  /** The wire value, or the default {@code NONE} when absent. */
  public static ConflictResolutionStrategy parse(String value) {
    if (value == null) {
      return NONE;
    }
    try {
      return valueOf(value);
    } catch (IllegalArgumentException e) {
      throw MergeErrors.invalidConflictResolutionStrategy(value);
    }
  }
}
