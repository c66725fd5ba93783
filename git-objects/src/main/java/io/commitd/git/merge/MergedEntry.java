package io.commitd.git.merge;

import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;

/**
 * What the merged tree holds at a path: an object that already exists, or content the merge made
 * and has yet to insert. Kept apart from {@link TreeEntry} so analysing a merge never writes
 * objects; only committing one does.
 */
record MergedEntry(FileMode mode, ObjectId existingId, byte[] newContent) {
  static MergedEntry existing(TreeEntry entry) {
    return new MergedEntry(entry.mode(), entry.id(), null);
  }

  static MergedEntry existing(FileMode mode, ObjectId id) {
    return new MergedEntry(mode, id, null);
  }

  static MergedEntry newContent(FileMode mode, byte[] content) {
    return new MergedEntry(mode, null, content);
  }

  MergedEntry withMode(FileMode newMode) {
    return new MergedEntry(newMode, existingId, newContent);
  }

  boolean isTree() {
    return mode == FileMode.TREE;
  }
}
