package io.commitd.git.merge;

import org.eclipse.jgit.lib.FileMode;

/** The kind of object a path names, in CodeCommit's words. */
public enum ObjectType {
  FILE,
  DIRECTORY,
  GIT_LINK,
  SYMBOLIC_LINK;

  /** The type a tree entry of this mode has, or {@code null} when the path is absent. */
  static ObjectType of(FileMode mode) {
    if (mode == FileMode.MISSING) {
      return null;
    }
    if (mode == FileMode.TREE) {
      return DIRECTORY;
    }
    if (mode == FileMode.GITLINK) {
      return GIT_LINK;
    }
    return mode == FileMode.SYMLINK ? SYMBOLIC_LINK : FILE;
  }
}
