package io.commitd.git.tree;

import io.commitd.storage.errors.AwsException;
import org.eclipse.jgit.lib.FileMode;

/** CodeCommit's file modes (NORMAL, EXECUTABLE, SYMLINK) and Git's. */
public final class FileModes {
  private FileModes() {}

  public static FileMode parse(String mode, FileMode fallback) {
    if (mode == null) {
      return fallback;
    }
    return switch (mode) {
      case "NORMAL" -> FileMode.REGULAR_FILE;
      case "EXECUTABLE" -> FileMode.EXECUTABLE_FILE;
      case "SYMLINK" -> FileMode.SYMLINK;
      default -> throw AwsException.badRequest("InvalidFileModeException", "The specified file mode permission is not valid: " + mode);
    };
  }

  public static String name(FileMode mode) {
    if (FileMode.EXECUTABLE_FILE.equals(mode)) {
      return "EXECUTABLE";
    }
    if (FileMode.SYMLINK.equals(mode)) {
      return "SYMLINK";
    }
    return "NORMAL";
  }

  /** The octal mode as GetDifferences reports it, e.g. {@code 100644}. */
  public static String octal(FileMode mode) {
    return Integer.toOctalString(mode.getBits());
  }
}
