package io.commitd.storage.dfs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.eclipse.jgit.internal.storage.dfs.DfsObjDatabase.PackSource;
import org.eclipse.jgit.internal.storage.dfs.DfsPackCompactor;
import org.eclipse.jgit.internal.storage.dfs.DfsPackDescription;
import org.eclipse.jgit.internal.storage.dfs.DfsPackFile;
import org.eclipse.jgit.internal.storage.dfs.DfsRepository;
import org.eclipse.jgit.internal.storage.dfs.DfsRepositoryDescription;
import org.eclipse.jgit.internal.storage.pack.PackExt;
import org.eclipse.jgit.junit.TestRepository;
import org.eclipse.jgit.revwalk.RevWalk;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Pack-list changes from two nodes: the one that replaces packs the other already replaced loses. */
class PackListRaceTest {
  @RegisterExtension @Order(1) static final S3ProxyServer S3 = new S3ProxyServer();
  @RegisterExtension @Order(2) static final DfsFixture fixture = new DfsFixture(S3);

  @Test
  void aCompactionOfPacksAnotherNodeAlreadyReplacedFailsAndChangesNothing() throws Exception {
    String id = DfsFixture.newRepositoryId();
    S3RepositoryStore nodeA = fixture.node();
    nodeA.create(id);
    try (DfsRepository repository = (DfsRepository) nodeA.open(id);
        TestRepository<DfsRepository> history = new TestRepository<>(repository)) {
      S3RepositoryStoreTest.buildHistory(history, 4);
    }

    try (DfsRepository staleOnB = (DfsRepository) fixture.node().open(id)) {
      DfsPackFile[] seenByB = staleOnB.getObjectDatabase().getPacks();
      assertThat(seenByB.length).isGreaterThan(1);

      assertThat(nodeA.gc(id)).isTrue();

      DfsPackCompactor compactor = new DfsPackCompactor(staleOnB);
      for (DfsPackFile pack : seenByB) {
        compactor.add(pack);
      }
      assertThatThrownBy(() -> compactor.compact(null))
          .isInstanceOf(IOException.class)
          .hasMessageContaining("already replaced");
    }

    try (DfsRepository repository = (DfsRepository) fixture.node().open(id);
        RevWalk walk = new RevWalk(repository)) {
      DfsPackFile[] live = repository.getObjectDatabase().getPacks();
      assertThat(live).hasSize(1);
      assertThat(live[0].getPackDescription().getPackSource()).isEqualTo(PackSource.GC);
      walk.markStart(walk.parseCommit(repository.resolve("refs/heads/main")));
      assertThat(walk).hasSize(4);
    }
  }

  @Test
  void ofTwoConcurrentReplacementsOfTheSamePackExactlyOneCommits() throws Exception {
    String id = DfsFixture.newRepositoryId();
    fixture.node().create(id);
    PackCatalog catalog = new PackCatalog(fixture.database());
    DfsRepositoryDescription repository = new DfsRepositoryDescription(id);
    DfsPackDescription original = pack(repository, "pack-original", PackSource.INSERT);
    catalog.commit(id, List.of(original), List.of(), 1L);

    ExecutorService threads = Executors.newFixedThreadPool(2);
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<Boolean>> racers = new ArrayList<>();
      for (String name : List.of("pack-from-a", "pack-from-b")) {
        DfsPackDescription replacement = pack(repository, name, PackSource.COMPACT);
        racers.add(
            threads.submit(
                () -> {
                  start.await();
                  try {
                    catalog.commit(id, List.of(replacement), List.of(original), 2L);
                    return true;
                  } catch (StalePackListException lost) {
                    return false;
                  }
                }));
      }
      start.countDown();
      List<Boolean> won = new ArrayList<>();
      for (Future<Boolean> racer : racers) {
        won.add(racer.get());
      }
      assertThat(won).containsExactlyInAnyOrder(true, false);
    } finally {
      threads.shutdownNow();
    }

    List<DfsPackDescription> live = catalog.livePacks(repository);
    assertThat(live).hasSize(1);
    assertThat(PackNames.of(live.get(0))).isIn("pack-from-a", "pack-from-b");
    assertThat(live.get(0).getFileSize(PackExt.PACK)).isEqualTo(100);
    assertThat(live.get(0).hasFileExt(PackExt.INDEX)).isTrue();
  }

  private static DfsPackDescription pack(
      DfsRepositoryDescription repository, String name, PackSource source) {
    DfsPackDescription pack = new DfsPackDescription(repository, name, source);
    pack.addFileExt(PackExt.PACK);
    pack.setFileSize(PackExt.PACK, 100);
    pack.addFileExt(PackExt.INDEX);
    pack.setFileSize(PackExt.INDEX, 10);
    pack.setObjectCount(1);
    return pack;
  }
}
