package io.commitd.git.merge;

import org.eclipse.jgit.lib.FileMode;

/** What one branch did to a path since the merge base: added, modified or deleted it. */
public enum ChangeType {
  A,
  M,
  D;

  /** The change from {@code base} to {@code side}; meaningful only when the two differ. */
  static ChangeType between(FileMode base, FileMode side) {
    if (base == FileMode.MISSING) {
      return A;
    }
    return side == FileMode.MISSING ? D : M;
  }
}
