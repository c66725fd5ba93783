package io.commitd.git.merge;

/** Which version of a conflicting file a resolution keeps, or that it brings new content. */
public enum ReplacementType {
  KEEP_BASE,
  KEEP_SOURCE,
  KEEP_DESTINATION,
  USE_NEW_CONTENT;

  /**
   * The wire value, or {@code null} when absent: a missing type is reported when the resolution is
   * checked, as {@code ReplacementTypeRequiredException}.
   */
  public static ReplacementType parse(String value) {
    if (value == null) {
      return null;
    }
    try {
      return valueOf(value);
    } catch (IllegalArgumentException e) {
      throw MergeErrors.invalidReplacementType(value);
    }
  }
}
