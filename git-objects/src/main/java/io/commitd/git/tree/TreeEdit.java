package io.commitd.git.tree;

import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;

/** One change to a commit's tree, as PutFile, DeleteFile and CreateCommit ask for. */
public sealed interface TreeEdit {
  String path();

  /** Writes a file: new content, or an existing blob (a copied or moved source file). */
  record Put(String path, byte[] content, ObjectId existingBlob, FileMode mode) implements TreeEdit {}

  /** Removes a file. */
  record Delete(String path) implements TreeEdit {}

  /** Changes a file's mode, keeping its content. */
  record SetMode(String path, FileMode mode) implements TreeEdit {}
}
