package io.commitd.git.merge;

import org.eclipse.jgit.lib.FileMode;

/** The file modes CodeCommit names; directories and submodules have none. */
public enum FileModeType {
  EXECUTABLE,
  NORMAL,
  SYMLINK;

  /** The wire value, or {@code null} when absent (whether one is required is the caller's rule). */
  public static FileModeType parse(String value) {
    if (value == null) {
      return null;
    }
    try {
      return valueOf(value);
    } catch (IllegalArgumentException e) {
      throw MergeErrors.invalidFileMode(value);
    }
  }

  /** The CodeCommit name of a Git mode, or {@code null} for absent paths, trees and gitlinks. */
  static FileModeType of(FileMode mode) {
    if (mode == FileMode.EXECUTABLE_FILE) {
      return EXECUTABLE;
    }
    if (mode == FileMode.REGULAR_FILE) {
      return NORMAL;
    }
    return mode == FileMode.SYMLINK ? SYMLINK : null;
  }

  FileMode toFileMode() {
    return switch (this) {
      case EXECUTABLE -> FileMode.EXECUTABLE_FILE;
      case NORMAL -> FileMode.REGULAR_FILE;
      case SYMLINK -> FileMode.SYMLINK;
    };
  }
}
