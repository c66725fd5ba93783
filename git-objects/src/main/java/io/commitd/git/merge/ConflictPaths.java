package io.commitd.git.merge;

/**
 * The file paths a conflict resolution names. CodeCommit paths are relative to the repository root;
 * a leading slash is tolerated, as the service's file operations tolerate it.
 */
final class ConflictPaths {
  private ConflictPaths() {}

  /** The path as the tree spells it, or the exception the service answers a bad one with. */
  static String normalize(String filePath) {
    if (filePath == null || filePath.isEmpty()) {
      throw MergeErrors.pathRequired();
    }
    String path = filePath.startsWith("/") ? filePath.substring(1) : filePath;
    if (path.isEmpty() || path.endsWith("/") || path.indexOf('\0') >= 0) {
      throw MergeErrors.invalidPath(filePath);
    }
    for (String segment : path.split("/", -1)) {
      if (segment.isEmpty()
          || segment.equals(".")
          || segment.equals("..")
          || segment.equalsIgnoreCase(".git")) {
        throw MergeErrors.invalidPath(filePath);
      }
    }
    return path;
  }
}
