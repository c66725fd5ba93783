package io.commitd.storage.dfs;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jgit.errors.RepositoryNotFoundException;
import org.eclipse.jgit.internal.storage.commitgraph.CommitGraph;
import org.eclipse.jgit.internal.storage.dfs.DfsPackDescription;
import org.eclipse.jgit.internal.storage.dfs.DfsPackFile;
import org.eclipse.jgit.internal.storage.dfs.DfsReader;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.internal.storage.dfs.DfsRepository;
import org.eclipse.jgit.internal.storage.dfs.DfsRepositoryDescription;
import org.eclipse.jgit.internal.storage.dfs.InMemoryRepository;
import org.eclipse.jgit.internal.storage.pack.PackExt;
import org.eclipse.jgit.junit.TestRepository;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.TreeFormatter;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.transport.PushResult;
import org.eclipse.jgit.transport.ReceivePack;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.RemoteRefUpdate;
import org.eclipse.jgit.transport.TestProtocol;
import org.eclipse.jgit.transport.Transport;
import org.eclipse.jgit.transport.URIish;
import org.eclipse.jgit.transport.UploadPack;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.extension.RegisterExtension;

class S3RepositoryStoreTest {
  @RegisterExtension @Order(1) static final S3ProxyServer S3 = new S3ProxyServer();
  @RegisterExtension @Order(2) static final DfsFixture fixture = new DfsFixture(S3);

  @Test
  void createsOpensAndDeletesRepositories() throws Exception {
    S3RepositoryStore store = fixture.node();
    String id = DfsFixture.newRepositoryId();

    store.create(id);
    try (Repository repository = store.open(id)) {
      Ref head = repository.exactRef(Constants.HEAD);
      assertThat(head.isSymbolic()).isTrue();
      assertThat(head.getTarget().getName()).isEqualTo("refs/heads/master");
    }
    assertThatThrownBy(() -> store.create(id)).isInstanceOf(IOException.class);

    store.delete(id);
    assertThatThrownBy(() -> store.open(id)).isInstanceOf(RepositoryNotFoundException.class);
    assertThatThrownBy(() -> store.open(DfsFixture.newRepositoryId()))
        .isInstanceOf(RepositoryNotFoundException.class);
  }

  @Test
  void aSecondNodeReadsWhatTheFirstWrote() throws Exception {
    S3RepositoryStore nodeA = fixture.node();
    S3RepositoryStore nodeB = fixture.node();
    String id = DfsFixture.newRepositoryId();
    nodeA.create(id);

    try (Repository viewOnB = nodeB.open(id)) {
      assertThat(viewOnB.exactRef("refs/heads/master")).isNull();
    }

    ObjectId commit;
    try (Repository repository = nodeA.open(id)) {
      commit = commitFile(repository, "README.md", "hello from node A", null);
      RefUpdate update = repository.updateRef("refs/heads/master");
      update.setNewObjectId(commit);
      update.setExpectedOldObjectId(ObjectId.zeroId());
      assertThat(update.update()).isEqualTo(RefUpdate.Result.NEW);
    }

    try (Repository repository = nodeB.open(id);
        RevWalk walk = new RevWalk(repository)) {
      assertThat(repository.resolve("refs/heads/master")).isEqualTo(commit);
      RevCommit read = walk.parseCommit(repository.resolve(Constants.HEAD));
      assertThat(read.getFullMessage()).isEqualTo("add README.md");
      ObjectId blob =
          org.eclipse.jgit.treewalk.TreeWalk.forPath(repository, "README.md", read.getTree())
              .getObjectId(0);
      assertThat(new String(repository.open(blob).getBytes(), UTF_8)).isEqualTo("hello from node A");
    }
  }

  @Test
  void aPackLargerThanOnePartGoesUpInPartsAndReadsBack() throws Exception {
    S3RepositoryStore store = fixture.node();
    String id = DfsFixture.newRepositoryId();
    store.create(id);
    byte[] large = new byte[DfsFixture.SMALL_PART_SIZE * 2 + 12345];
    new Random(7).nextBytes(large); // incompressible, so the pack stays larger than two parts

    ObjectId blob;
    try (Repository repository = store.open(id);
        ObjectInserter inserter = repository.newObjectInserter()) {
      blob = inserter.insert(Constants.OBJ_BLOB, large);
      inserter.flush();
    }

    assertThat(S3.calls()).contains("uploadPart", "completeMultipartUpload");
    try (Repository repository = fixture.node().open(id)) {
      assertThat(repository.open(blob).getBytes()).isEqualTo(large);
    }
  }

  @Test
  void aViewAsksForTheRepositorysKeyOnceForAllTheFilesItWrites() throws Exception {
    AtomicInteger lookups = new AtomicInteger();
    S3RepositoryStore store =
        new S3RepositoryStore(
            S3.client(),
            S3ProxyServer.BUCKET,
            fixture.database(),
            64,
            repositoryId -> {
              lookups.incrementAndGet();
              return Optional.empty();
            });
    String id = DfsFixture.newRepositoryId();
    store.create(id);

    try (Repository repository = store.open(id)) {
      ObjectId first = commitFile(repository, "a.txt", "a", null);
      commitFile(repository, "b.txt", "b", first);
    }

    // Two flushes wrote two packs and their indexes: four files, one lookup.
    assertThat(lookups).hasValue(1);
  }

  @Test
  void aPushed1000CommitHistoryClonesFromAFreshNode() throws Exception {
    // Built in memory (a DFS repo with one pack per commit would be the slow part), pushed to
    // node A through receive-pack, cloned from node B through upload-pack: the real server paths.
    InMemoryRepository source = new InMemoryRepository(new DfsRepositoryDescription("source"));
    RevCommit tip;
    try (TestRepository<InMemoryRepository> history = new TestRepository<>(source)) {
      tip = buildHistory(history, 1000);
    }
    String id = DfsFixture.newRepositoryId();
    fixture.node().create(id);
    TestProtocol<Object> protocol =
        new TestProtocol<>((request, db) -> new UploadPack(db), (request, db) -> new ReceivePack(db));
    Transport.register(protocol);
    try {
      try (Repository nodeA = fixture.node().open(id)) {
        URIish pushUri = protocol.register(new Object(), nodeA);
        Iterable<PushResult> results =
            Git.wrap(source)
                .push()
                .setRemote(pushUri.toString())
                .setRefSpecs(new RefSpec("refs/heads/main:refs/heads/main"))
                .setAtomic(true)
                .call();
        for (PushResult result : results) {
          assertThat(result.getRemoteUpdate("refs/heads/main").getStatus())
              .isEqualTo(RemoteRefUpdate.Status.OK);
        }
      }

      InMemoryRepository clone = new InMemoryRepository(new DfsRepositoryDescription("clone"));
      try (Repository nodeB = fixture.node().open(id);
          RevWalk walk = new RevWalk(clone)) {
        URIish fetchUri = protocol.register(new Object(), nodeB);
        Git.wrap(clone)
            .fetch()
            .setRemote(fetchUri.toString())
            .setRefSpecs(new RefSpec("refs/heads/*:refs/heads/*"))
            .call();
        assertThat(clone.resolve("refs/heads/main")).isEqualTo(tip);
        walk.markStart(walk.parseCommit(tip));
        assertThat(walk).hasSize(1000);
      }
    } finally {
      Transport.unregister(protocol);
    }
  }

  @Test
  void testRepositoryWritesDirectlyIntoTheStore() throws Exception {
    S3RepositoryStore store = fixture.node();
    String id = DfsFixture.newRepositoryId();
    RevCommit tip = createWithHistory(store, id, 20);

    try (Repository repository = fixture.node().open(id);
        RevWalk walk = new RevWalk(repository)) {
      walk.markStart(walk.parseCommit(repository.resolve("refs/heads/main")));
      assertThat(walk).hasSize(20);
      assertThat(repository.resolve("refs/heads/main")).isEqualTo(tip);
    }
  }

  @Test
  void gcWritesOnePackWithABitmapAndTheHistoryStillReads() throws Exception {
    S3RepositoryStore store = fixture.node();
    String id = DfsFixture.newRepositoryId();
    RevCommit tip = createWithHistory(store, id, 30);
    try (DfsRepository repository = (DfsRepository) store.open(id)) {
      assertThat(repository.getObjectDatabase().getPacks().length).isGreaterThan(1);
    }

    assertThat(store.gc(id)).isTrue();

    try (DfsRepository repository = (DfsRepository) fixture.node().open(id);
        RevWalk walk = new RevWalk(repository)) {
      DfsPackFile[] packs = repository.getObjectDatabase().getPacks();
      assertThat(packs).hasSize(1);
      DfsPackDescription pack = packs[0].getPackDescription();
      assertThat(pack.hasFileExt(PackExt.BITMAP_INDEX)).isTrue();
      assertThat(pack.getObjectCount()).isEqualTo(30 * 3);
      walk.markStart(walk.parseCommit(repository.resolve("refs/heads/main")));
      assertThat(walk).hasSize(30);
      assertThat(repository.resolve("refs/heads/main")).isEqualTo(tip);
    }
  }

  @Test
  void gcWritesACommitGraphThatAnotherNodeWalksWith() throws Exception {
    S3RepositoryStore store = fixture.node();
    String id = DfsFixture.newRepositoryId();
    RevCommit tip = createWithHistory(store, id, 12);

    assertThat(store.gc(id)).isTrue();

    try (DfsRepository repository = (DfsRepository) fixture.node().open(id);
        ObjectReader reader = repository.newObjectReader()) {
      DfsPackFile[] packs = repository.getObjectDatabase().getPacks();
      assertThat(packs[0].getPackDescription().hasFileExt(PackExt.COMMIT_GRAPH)).isTrue();
      CommitGraph graph = reader.getCommitGraph().orElseThrow();
      assertThat(graph.getCommitCnt()).isEqualTo(12);
      assertThat(graph.findGraphPosition(tip)).isNotNegative();
    }
  }

  @Test
  void theNodeThatCollectedServesTheNewIndexesFromItsCache() throws Exception {
    S3RepositoryStore store = fixture.node();
    String id = DfsFixture.newRepositoryId();
    createWithHistory(store, id, 10);

    assertThat(store.gc(id)).isTrue();

    long readsBefore = S3.calls().stream().filter(call -> call.startsWith("getObject")).count();
    try (DfsRepository repository = (DfsRepository) store.open(id);
        ObjectReader reader = repository.newObjectReader()) {
      DfsPackFile pack = repository.getObjectDatabase().getPacks()[0];
      DfsReader dfsReader = (DfsReader) reader;
      assertThat(pack.getPackIndex(dfsReader).getObjectCount()).isEqualTo(10 * 3);
      assertThat(pack.getBitmapIndex(dfsReader)).isNotNull();
      assertThat(reader.getCommitGraph()).isPresent();
    }
    assertThat(S3.calls().stream().filter(call -> call.startsWith("getObject")).count())
        .isEqualTo(readsBefore);
  }

  @Test
  void replacedPacksAreDeletedOnlyAfterTheGracePeriod() throws Exception {
    S3RepositoryStore store = fixture.node();
    String id = DfsFixture.newRepositoryId();
    createWithHistory(store, id, 3);
    assertThat(store.gc(id)).isTrue();

    assertThat(store.deleteReplacedPacksOlderThan(Duration.ofHours(1))).isZero();
    Thread.sleep(5);
    assertThat(store.deleteReplacedPacksOlderThan(Duration.ZERO)).isGreaterThanOrEqualTo(3);

    try (Repository repository = fixture.node().open(id);
        RevWalk walk = new RevWalk(repository)) {
      walk.markStart(walk.parseCommit(repository.resolve("refs/heads/main")));
      assertThat(walk).hasSize(3);
    }
  }

  @Test
  void deletingARepositoryRetiresItsPacksForTheSweep() throws Exception {
    S3RepositoryStore store = fixture.node();
    String id = DfsFixture.newRepositoryId();
    store.create(id);
    try (Repository repository = store.open(id)) {
      commitFile(repository, "a.txt", "a", null);
    }
    store.delete(id);
    Thread.sleep(5);

    assertThat(store.deleteReplacedPacksOlderThan(Duration.ZERO)).isGreaterThanOrEqualTo(1);
    assertThatThrownBy(() -> store.open(id)).isInstanceOf(RepositoryNotFoundException.class);
  }

  @Test
  void theBucketIsNeverListed() throws Exception {
    S3RepositoryStore store = fixture.node();
    String id = DfsFixture.newRepositoryId();
    createWithHistory(store, id, 5);
    store.gc(id);
    store.deleteReplacedPacksOlderThan(Duration.ZERO);
    try (Repository repository = fixture.node().open(id)) {
      assertThat(repository.resolve("refs/heads/main")).isNotNull();
    }

    assertThat(S3.calls()).isNotEmpty().noneMatch(call -> call.toLowerCase().startsWith("list"));
  }

  /** A linear history on refs/heads/main, one new file per commit. */
  /** Creates the repository in the store with {@code commits} commits on main; returns the tip. */
  private static RevCommit createWithHistory(S3RepositoryStore store, String id, int commits) throws Exception {
    store.create(id);
    try (DfsRepository repository = (DfsRepository) store.open(id);
        TestRepository<DfsRepository> history = new TestRepository<>(repository)) {
      return buildHistory(history, commits);
    }
  }

  static RevCommit buildHistory(TestRepository<? extends Repository> history, int commits)
      throws Exception {
    TestRepository<? extends Repository>.BranchBuilder main = history.branch("refs/heads/main");
    RevCommit tip = null;
    for (int i = 0; i < commits; i++) {
      tip = main.commit().add("file-" + i + ".txt", "content " + i).message("commit " + i).create();
    }
    return tip;
  }

  /** Writes a commit of one file with a plain ObjectInserter; returns its id. */
  static ObjectId commitFile(Repository repository, String path, String content, ObjectId parent)
      throws IOException {
    try (ObjectInserter inserter = repository.newObjectInserter()) {
      ObjectId blob = inserter.insert(Constants.OBJ_BLOB, content.getBytes(UTF_8));
      TreeFormatter tree = new TreeFormatter();
      tree.append(path, FileMode.REGULAR_FILE, blob);
      ObjectId treeId = inserter.insert(tree);
      CommitBuilder commit = new CommitBuilder();
      PersonIdent who = new PersonIdent("Node A", "a@example.com");
      commit.setAuthor(who);
      commit.setCommitter(who);
      commit.setTreeId(treeId);
      if (parent != null) {
        commit.setParentId(parent);
      }
      commit.setMessage("add " + path);
      ObjectId id = inserter.insert(commit);
      inserter.flush();
      return id;
    }
  }
}
