package io.commitd.git.merge;

/**
 * How finely a merge looks for conflicts. {@code FILE_LEVEL}, the service's default, calls a file
 * conflicting as soon as both branches changed it; {@code LINE_LEVEL} only when both changed the
 * same lines.
 */
public enum ConflictDetailLevel {
  FILE_LEVEL,
  LINE_LEVEL;

  /** The wire value, or the default {@code FILE_LEVEL} when absent. */
  public static ConflictDetailLevel parse(String value) {
    if (value == null) {
      return FILE_LEVEL;
    }
    try {
      return valueOf(value);
    } catch (IllegalArgumentException e) {
      throw MergeErrors.invalidConflictDetailLevel(value);
    }
  }
}
