package io.commitd.storage.dfs;

import org.eclipse.jgit.internal.storage.dfs.DfsPackDescription;
import org.eclipse.jgit.internal.storage.pack.PackExt;

/** The bare name of a pack (JGit keeps it private; its file names are name + "." + ext). */
final class PackNames {
  private PackNames() {}

  static String of(DfsPackDescription pack) {
    String packFile = pack.getFileName(PackExt.PACK);
    return packFile.substring(0, packFile.length() - PackExt.PACK.getExtension().length() - 1);
  }
}
