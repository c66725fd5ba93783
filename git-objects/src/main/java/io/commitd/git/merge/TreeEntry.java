package io.commitd.git.merge;

import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;

/** What one side of a merge holds at a path: a mode and an object, or nothing. */
record TreeEntry(FileMode mode, ObjectId id) {
  static final TreeEntry MISSING = new TreeEntry(FileMode.MISSING, ObjectId.zeroId());

  boolean isPresent() {
    return mode != FileMode.MISSING;
  }

  boolean isTree() {
    return mode == FileMode.TREE;
  }

  /** A blob holding file content or a symlink target. */
  boolean isBlob() {
    return (mode.getObjectType() == Constants.OBJ_BLOB) && isPresent();
  }

  /** A file whose content can be merged line by line: not a symlink, whose target is one path. */
  boolean isFile() {
    return isBlob() && mode != FileMode.SYMLINK;
  }

  /**
   * Same mode and object. Compared by mode bits because JGit hands out equal modes as distinct
   * instances for unusual bit patterns.
   */
  boolean sameAs(TreeEntry other) {
    return mode.getBits() == other.mode.getBits() && id.equals(other.id);
  }

  boolean sameModeAs(TreeEntry other) {
    return mode.getBits() == other.mode.getBits();
  }
}
