package io.commitd.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.internal.storage.dfs.DfsRepositoryDescription;
import org.eclipse.jgit.internal.storage.dfs.InMemoryRepository;
import org.eclipse.jgit.lib.NullProgressMonitor;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.pack.PackStatistics;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.TestProtocol;
import org.eclipse.jgit.transport.Transport;
import org.eclipse.jgit.transport.URIish;
import org.eclipse.jgit.transport.UploadPack;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A shallow clone is packed from the deltas the repository has; other fetches still search for deltas. */
class ShallowClonePackingTest {
  @TempDir Path work;

  private final AtomicReference<PackStatistics> lastPack = new AtomicReference<>();
  private Git server;
  private TestProtocol<Object> protocol;
  private URIish served;

  @BeforeEach
  void serveARepositoryWithTwoNearlyEqualFiles() throws Exception {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < 2000; i++) {
      text.append("line ").append(i).append(" of a file large enough to be worth a delta\n");
    }
    server = Git.init().setDirectory(work.resolve("server").toFile()).setInitialBranch("main").call();
    Files.writeString(work.resolve("server/a.txt"), text + "a\n");
    Files.writeString(work.resolve("server/b.txt"), text + "b\n");
    server.add().addFilepattern(".").call();
    server.commit().setMessage("two files").setAuthor("ada", "ada@example.com").setCommitter("ada", "ada@example.com").call();
    protocol = new TestProtocol<>((request, repository) -> {
      UploadPack uploadPack = new UploadPack(repository);
      uploadPack.setPreUploadHook(new ShallowClonePacking());
      uploadPack.setPostUploadHook(lastPack::set);
      return uploadPack;
    }, null);
    Transport.register(protocol);
    served = protocol.register(new Object(), server.getRepository());
  }

  @AfterEach
  void stopServing() {
    Transport.unregister(protocol);
    server.close();
  }

  @Test
  void aShallowCloneSearchesNoDeltasAndHasEveryFile() throws Exception {
    InMemoryRepository client = fetch(1);

    assertThat(lastPack.get().getDeltaSearchNonEdgeObjects()).isZero();
    assertThat(filesAtTip(client)).containsExactly("a.txt", "b.txt");
  }

  @Test
  void aFullCloneStillSearchesForDeltas() throws Exception {
    InMemoryRepository client = fetch(0);

    assertThat(lastPack.get().getDeltaSearchNonEdgeObjects()).isPositive();
    assertThat(lastPack.get().getDeltasFound()).isPositive();
    assertThat(filesAtTip(client)).containsExactly("a.txt", "b.txt");
  }

  private InMemoryRepository fetch(int depth) throws Exception {
    InMemoryRepository client = new InMemoryRepository(new DfsRepositoryDescription("client"));
    try (Transport transport = Transport.open(client, served)) {
      if (depth > 0) {
        transport.setDepth(depth);
      }
      transport.fetch(NullProgressMonitor.INSTANCE, List.of(new RefSpec("+refs/heads/*:refs/heads/*")));
    }
    return client;
  }

  private static List<String> filesAtTip(Repository repository) throws Exception {
    try (TreeWalk walk = new TreeWalk(repository)) {
      walk.addTree(repository.parseCommit(repository.resolve("refs/heads/main")).getTree());
      walk.setRecursive(true);
      List<String> paths = new ArrayList<>();
      while (walk.next()) {
        paths.add(walk.getPathString());
      }
      return paths;
    }
  }
}
