package io.commitd.storage.dfs;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.eclipse.jgit.lib.BatchRefUpdate;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.NullProgressMonitor;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.TagBuilder;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.transport.ReceiveCommand;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.extension.RegisterExtension;

class SqlRefDatabaseTest {
  @RegisterExtension @Order(1) static final S3ProxyServer S3 = new S3ProxyServer();
  @RegisterExtension @Order(2) static final DfsFixture fixture = new DfsFixture(S3);

  private String id;
  private ObjectId first;
  private ObjectId second;
  private ObjectId third;

  @BeforeEach
  void repositoryWithThreeCommits() throws Exception {
    id = DfsFixture.newRepositoryId();
    S3RepositoryStore store = fixture.node();
    store.create(id);
    try (Repository repository = store.open(id)) {
      first = S3RepositoryStoreTest.commitFile(repository, "a", "1", null);
      second = S3RepositoryStoreTest.commitFile(repository, "a", "2", first);
      third = S3RepositoryStoreTest.commitFile(repository, "a", "3", second);
    }
  }

  @Test
  void ofTwoConcurrentUpdatesFromTheSameOldValueExactlyOneWins() throws Exception {
    set("refs/heads/main", first);
    ExecutorService threads = Executors.newFixedThreadPool(2);
    try {
      for (int round = 0; round < 10; round++) {
        String ref = "refs/heads/race-" + round;
        set(ref, first);
        // Each racer reads the ref through its own node before either writes.
        CountDownLatch bothRead = new CountDownLatch(2);
        List<Future<RefUpdate.Result>> racers = new ArrayList<>();
        for (ObjectId target : List.of(second, third)) {
          racers.add(threads.submit(forceUpdate(ref, target, bothRead)));
        }
        List<RefUpdate.Result> results = new ArrayList<>();
        for (Future<RefUpdate.Result> racer : racers) {
          results.add(racer.get());
        }
        assertThat(results)
            .containsExactlyInAnyOrder(RefUpdate.Result.FORCED, RefUpdate.Result.LOCK_FAILURE);
        assertThat(read(ref)).isIn(second, third);
      }
    } finally {
      threads.shutdownNow();
    }
  }

  @Test
  void ofTwoCreatesOfTheSameRefOnlyOneWins() throws Exception {
    try (Repository nodeA = fixture.node().open(id);
        Repository nodeB = fixture.node().open(id)) {
      RefUpdate fromA = nodeA.updateRef("refs/heads/new");
      RefUpdate fromB = nodeB.updateRef("refs/heads/new");
      fromA.setNewObjectId(first);
      fromB.setNewObjectId(second);
      assertThat(fromA.update()).isEqualTo(RefUpdate.Result.NEW);
      assertThat(fromB.update()).isEqualTo(RefUpdate.Result.LOCK_FAILURE);
    }
    assertThat(read("refs/heads/new")).isEqualTo(first);
  }

  @Test
  void anAtomicBatchWithOneStaleRefChangesNothing() throws Exception {
    set("refs/heads/a", first);
    set("refs/heads/b", first);
    try (Repository repository = fixture.node().open(id);
        RevWalk walk = new RevWalk(repository)) {
      BatchRefUpdate batch = repository.getRefDatabase().newBatchUpdate();
      batch.setAtomic(true);
      ReceiveCommand a = new ReceiveCommand(first, second, "refs/heads/a");
      ReceiveCommand stale = new ReceiveCommand(second, third, "refs/heads/b");
      ReceiveCommand create = new ReceiveCommand(ObjectId.zeroId(), third, "refs/heads/c");
      batch.addCommand(a, stale, create);
      batch.execute(walk, NullProgressMonitor.INSTANCE);

      assertThat(stale.getResult()).isEqualTo(ReceiveCommand.Result.LOCK_FAILURE);
      assertThat(a.getResult()).isEqualTo(ReceiveCommand.Result.REJECTED_OTHER_REASON);
      assertThat(create.getResult()).isEqualTo(ReceiveCommand.Result.REJECTED_OTHER_REASON);
    }
    assertThat(read("refs/heads/a")).isEqualTo(first);
    assertThat(read("refs/heads/b")).isEqualTo(first);
    assertThat(read("refs/heads/c")).isNull();
  }

  @Test
  void anAtomicBatchAppliesEveryChangeTogether() throws Exception {
    set("refs/heads/a", first);
    set("refs/heads/gone", first);
    try (Repository repository = fixture.node().open(id);
        RevWalk walk = new RevWalk(repository)) {
      BatchRefUpdate batch = repository.getRefDatabase().newBatchUpdate();
      batch.setAtomic(true);
      batch.addCommand(
          new ReceiveCommand(first, second, "refs/heads/a"),
          new ReceiveCommand(ObjectId.zeroId(), third, "refs/heads/c"),
          new ReceiveCommand(first, ObjectId.zeroId(), "refs/heads/gone"));
      batch.execute(walk, NullProgressMonitor.INSTANCE);

      assertThat(batch.getCommands())
          .allSatisfy(c -> assertThat(c.getResult()).isEqualTo(ReceiveCommand.Result.OK));
      // The view that ran the batch sees its own changes.
      assertThat(repository.resolve("refs/heads/a")).isEqualTo(second);
    }
    assertThat(read("refs/heads/a")).isEqualTo(second);
    assertThat(read("refs/heads/c")).isEqualTo(third);
    assertThat(read("refs/heads/gone")).isNull();
  }

  @Test
  void aNonAtomicBatchAppliesWhatItCan() throws Exception {
    set("refs/heads/a", first);
    set("refs/heads/b", first);
    try (Repository repository = fixture.node().open(id);
        RevWalk walk = new RevWalk(repository)) {
      BatchRefUpdate batch = repository.getRefDatabase().newBatchUpdate();
      batch.setAtomic(false);
      ReceiveCommand a = new ReceiveCommand(first, second, "refs/heads/a");
      ReceiveCommand stale = new ReceiveCommand(second, third, "refs/heads/b");
      batch.addCommand(a, stale);
      batch.execute(walk, NullProgressMonitor.INSTANCE);

      assertThat(a.getResult()).isEqualTo(ReceiveCommand.Result.OK);
      assertThat(stale.getResult()).isEqualTo(ReceiveCommand.Result.LOCK_FAILURE);
    }
    assertThat(read("refs/heads/a")).isEqualTo(second);
    assertThat(read("refs/heads/b")).isEqualTo(first);
  }

  @Test
  void aBatchRejectsNonFastForwardsUnlessAllowed() throws Exception {
    set("refs/heads/a", third);
    try (Repository repository = fixture.node().open(id);
        RevWalk walk = new RevWalk(repository)) {
      BatchRefUpdate batch = repository.getRefDatabase().newBatchUpdate();
      ReceiveCommand rewind = new ReceiveCommand(third, first, "refs/heads/a");
      batch.addCommand(rewind);
      batch.execute(walk, NullProgressMonitor.INSTANCE);
      assertThat(rewind.getResult()).isEqualTo(ReceiveCommand.Result.REJECTED_NONFASTFORWARD);
    }
    assertThat(read("refs/heads/a")).isEqualTo(third);
  }

  @Test
  void annotatedTagsAndSymbolicRefsReadBackFromAnotherNode() throws Exception {
    ObjectId tag;
    try (Repository repository = fixture.node().open(id);
        ObjectInserter inserter = repository.newObjectInserter()) {
      TagBuilder builder = new TagBuilder();
      builder.setObjectId(second, Constants.OBJ_COMMIT);
      builder.setTag("v1");
      builder.setTagger(new PersonIdent("Tagger", "t@example.com"));
      builder.setMessage("release");
      tag = inserter.insert(builder);
      inserter.flush();
      RefUpdate update = repository.updateRef("refs/tags/v1");
      update.setNewObjectId(tag);
      assertThat(update.update()).isEqualTo(RefUpdate.Result.NEW);
      assertThat(repository.updateRef("refs/heads/alias").link("refs/tags/v1"))
          .isEqualTo(RefUpdate.Result.NEW);
    }

    try (Repository repository = fixture.node().open(id)) {
      Ref read = repository.exactRef("refs/tags/v1");
      assertThat(read.getObjectId()).isEqualTo(tag);
      assertThat(read.isPeeled()).isTrue();
      assertThat(read.getPeeledObjectId()).isEqualTo(second);
      Ref alias = repository.exactRef("refs/heads/alias");
      assertThat(alias.isSymbolic()).isTrue();
      assertThat(alias.getObjectId()).isEqualTo(tag);
      assertThat(repository.getRefDatabase().getRefsByPrefix("refs/")).hasSize(2);
    }
  }

  @Test
  void aRefIsDeletedOnlyFromItsExpectedValue() throws Exception {
    set("refs/heads/a", first);
    try (Repository stale = fixture.node().open(id)) {
      stale.exactRef("refs/heads/a"); // caches first
      set("refs/heads/a", second);
      RefUpdate delete = stale.updateRef("refs/heads/a");
      delete.setForceUpdate(true);
      assertThat(delete.delete()).isEqualTo(RefUpdate.Result.LOCK_FAILURE);
    }
    try (Repository fresh = fixture.node().open(id)) {
      RefUpdate delete = fresh.updateRef("refs/heads/a");
      delete.setForceUpdate(true);
      assertThat(delete.delete()).isEqualTo(RefUpdate.Result.FORCED);
    }
    assertThat(read("refs/heads/a")).isNull();
  }

  private Callable<RefUpdate.Result> forceUpdate(String ref, ObjectId target, CountDownLatch bothRead) {
    return () -> {
      try (Repository repository = fixture.node().open(id)) {
        RefUpdate update = repository.updateRef(ref);
        update.setNewObjectId(target);
        update.setForceUpdate(true);
        bothRead.countDown();
        bothRead.await();
        return update.update();
      }
    };
  }

  private void set(String ref, ObjectId value) throws Exception {
    try (Repository repository = fixture.node().open(id)) {
      RefUpdate update = repository.updateRef(ref);
      update.setNewObjectId(value);
      update.setForceUpdate(true);
      assertThat(update.update()).isIn(RefUpdate.Result.NEW, RefUpdate.Result.FORCED,
          RefUpdate.Result.FAST_FORWARD, RefUpdate.Result.NO_CHANGE);
    }
  }

  private ObjectId read(String ref) throws Exception {
    try (Repository repository = fixture.node().open(id)) {
      Ref found = repository.exactRef(ref);
      return found == null ? null : found.getObjectId();
    }
  }
}
