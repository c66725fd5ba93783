package io.commitd.storage.dfs;

import org.eclipse.jgit.internal.storage.dfs.DfsBlockCache;
import org.eclipse.jgit.internal.storage.dfs.DfsBlockCacheConfig;

/**
 * JGit's {@link DfsBlockCache} is one per JVM. The first store sizes it; reconfiguring later would
 * throw away every cached block of every other store, so later sizes are ignored.
 */
final class BlockCacheSetup {
  private static boolean configured;

  private BlockCacheSetup() {}

  static synchronized void configureOnce(int megabytes) {
    if (configured) {
      return;
    }
    if (megabytes < 1) {
      throw new IllegalArgumentException("block cache needs at least 1 MiB, not " + megabytes);
    }
    DfsBlockCache.reconfigure(
        new DfsBlockCacheConfig().setBlockLimit(megabytes * 1024L * 1024L));
    configured = true;
  }
}
