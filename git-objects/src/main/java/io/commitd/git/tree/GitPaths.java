package io.commitd.git.tree;

import io.commitd.storage.errors.AwsException;

/** CodeCommit's rules for paths in a repository, with its errors. */
public final class GitPaths {
  private GitPaths() {}

  /**
   * A file path to write: relative, no empty, {@code .} or {@code ..} segments, nothing under
   * {@code .git}, no trailing slash.
   */
  public static String writable(String path) {
    if (path == null || path.isEmpty()) {
      throw AwsException.badRequest("PathRequiredException", "The folderPath for a location cannot be null.");
    }
    if (path.startsWith("/") || path.endsWith("/")) {
      throw invalid(path);
    }
    check(path);
    return path;
  }

  /**
   * A path to read: a leading slash is allowed, {@code /} or empty is the root (returned as "").
   */
  public static String readable(String path, boolean folder) {
    if (path == null) {
      throw AwsException.badRequest("PathRequiredException", "The path is required, but was not specified.");
    }
    String relative = path.startsWith("/") ? path.substring(1) : path;
    if (folder && relative.endsWith("/")) {
      relative = relative.substring(0, relative.length() - 1);
    }
    if (relative.isEmpty()) {
      if (folder) {
        return "";
      }
      throw AwsException.badRequest("PathRequiredException", "The path is required, but was not specified.");
    }
    check(relative);
    return relative;
  }

  private static void check(String path) {
    for (String segment : path.split("/", -1)) {
      if (segment.isEmpty() || segment.equals(".") || segment.equals("..") || segment.equalsIgnoreCase(".git")
          || segment.indexOf('\0') >= 0) {
        throw invalid(path);
      }
    }
  }

  public static AwsException invalid(String path) {
    return AwsException.badRequest("InvalidPathException", "The specified path is not valid: " + path);
  }
}
