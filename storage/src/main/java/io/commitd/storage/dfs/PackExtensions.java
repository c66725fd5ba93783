package io.commitd.storage.dfs;

import java.util.Optional;
import org.eclipse.jgit.internal.storage.pack.PackExt;

/** Maps the extension names stored in the pack list back to JGit's {@link PackExt}. */
final class PackExtensions {
  private PackExtensions() {}

  static Optional<PackExt> byName(String extension) {
    for (PackExt ext : PackExt.values()) {
      if (ext.getExtension().equals(extension)) {
        return Optional.of(ext);
      }
    }
    return Optional.empty();
  }
}
