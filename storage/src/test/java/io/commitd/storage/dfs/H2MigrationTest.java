package io.commitd.storage.dfs;

import static org.assertj.core.api.Assertions.assertThat;

import io.commitd.storage.MetadataDatabases;
import java.nio.file.Path;
import java.util.List;
import org.eclipse.jgit.internal.storage.dfs.DfsObjDatabase.PackSource;
import org.eclipse.jgit.internal.storage.dfs.DfsPackDescription;
import org.eclipse.jgit.internal.storage.dfs.DfsRepositoryDescription;
import org.eclipse.jgit.internal.storage.pack.PackExt;
import org.eclipse.jgit.lib.ObjectId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The DFS tables and their SQL also run on embedded H2 (PostgreSQL mode): a single-node setup. */
class H2MigrationTest {
  @TempDir Path scratch;

  @Test
  void packListAndRefCompareAndSwapWorkOnH2() throws Exception {
    try (MetadataDatabases.Fresh h2 = MetadataDatabases.open(MetadataDatabases.Kind.H2, scratch)) {
      PackCatalog catalog = new PackCatalog(h2.database());
      assertThat(catalog.register("repo-1", 1L)).isTrue();
      assertThat(catalog.register("repo-1", 2L)).isFalse();

      DfsRepositoryDescription repository = new DfsRepositoryDescription("repo-1");
      DfsPackDescription pack = new DfsPackDescription(repository, "pack-1", PackSource.INSERT);
      pack.addFileExt(PackExt.PACK);
      pack.setFileSize(PackExt.PACK, 42);
      catalog.commit("repo-1", List.of(pack), List.of(), 3L);
      assertThat(catalog.livePacks(repository)).hasSize(1);

      ObjectId one = ObjectId.fromString("1111111111111111111111111111111111111111");
      ObjectId two = ObjectId.fromString("2222222222222222222222222222222222222222");
      RefRows.Value absent = RefRows.Value.ABSENT;
      boolean[] results =
          h2.database()
              .inTransaction(
                  c ->
                      new boolean[] {
                        RefRows.compareAndPut(c, "repo-1", "refs/heads/x", absent, RefRows.Value.unpeeled(one), 4L),
                        RefRows.compareAndPut(c, "repo-1", "refs/heads/x", absent, RefRows.Value.unpeeled(two), 4L),
                        RefRows.compareAndPut(c, "repo-1", "refs/heads/x", RefRows.Value.unpeeled(two), RefRows.Value.unpeeled(one), 4L),
                        RefRows.compareAndPut(c, "repo-1", "refs/heads/x", RefRows.Value.unpeeled(one), RefRows.Value.unpeeled(two), 4L)
                      });
      assertThat(results).containsExactly(true, false, false, true);
      GcLock.Held held = new GcLock(h2.database()).tryAcquire("repo-1").orElseThrow();
      try {
        assertThat(new GcLock(h2.database()).tryAcquire("repo-1")).isEmpty();
      } finally {
        held.close();
      }
      assertThat(new GcLock(h2.database()).tryAcquire("repo-1")).isPresent();
    }
  }
}
