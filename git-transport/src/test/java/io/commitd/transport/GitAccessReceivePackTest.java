package io.commitd.transport;

import static io.commitd.transport.TransportFixture.ACCOUNT;
import static org.assertj.core.api.Assertions.assertThat;

import io.commitd.iam.auth.Requester;
import io.commitd.storage.refs.RefChange;
import io.commitd.storage.refs.RefUpdateRequest;
import io.commitd.storage.repos.RepositoryRecord;
import io.commitd.transport.GitAccess.OpenRepository;
import io.commitd.transport.TransportFixture.RecordingJournal.Opened;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.StreamSupport;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.internal.storage.dfs.DfsRepositoryDescription;
import org.eclipse.jgit.internal.storage.dfs.InMemoryRepository;
import org.eclipse.jgit.junit.TestRepository;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.transport.PushResult;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.RemoteRefUpdate;
import org.eclipse.jgit.transport.TestProtocol;
import org.eclipse.jgit.transport.Transport;
import org.eclipse.jgit.transport.URIish;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A push as {@link GitAccess#receivePack} receives it: only branches and tags may move, an atomic
 * push is all or nothing, and what may move goes to the ref-update pipeline as
 * {@code codecommit:GitPush}. The client is JGit, pushing in memory over JGit's test protocol.
 */
class GitAccessReceivePackTest {
  static final String REFUSAL = "only branches and tags can be pushed";

  @TempDir Path scratch;

  TransportFixture fixture;
  RepositoryRecord repository;
  Requester requester = TransportFixture.root(ACCOUNT);
  TestRepository<InMemoryRepository> client;
  TestProtocol<Requester> protocol;
  URIish remote;

  @BeforeEach
  void serveOneRepository() throws Exception {
    fixture = new TransportFixture(scratch);
    repository = fixture.createRepository(ACCOUNT, "repo-1", "demo");
    client = new TestRepository<>(new InMemoryRepository(new DfsRepositoryDescription("client")));
    protocol = new TestProtocol<>(null, (Requester pusher, Repository git) ->
        fixture.access.receivePack(new OpenRepository(repository, git), pusher));
    Transport.register(protocol);
    try (Repository server = fixture.store.open("repo-1")) {
      remote = protocol.register(requester, server);
    }
  }

  @AfterEach
  void stopServing() {
    Transport.unregister(protocol);
    fixture.close();
  }

  /** Pushes each ref of the client to the same name on the server. */
  List<RemoteRefUpdate> push(boolean atomic, String... refNames) throws Exception {
    RefSpec[] specs = Arrays.stream(refNames).map(name -> new RefSpec(name + ":" + name)).toArray(RefSpec[]::new);
    Iterable<PushResult> results = Git.wrap(client.getRepository()).push()
        .setRemote(remote.toString())
        .setRefSpecs(specs)
        .setAtomic(atomic)
        .call();
    return StreamSupport.stream(results.spliterator(), false)
        .flatMap(result -> result.getRemoteUpdates().stream())
        .toList();
  }

  static RemoteRefUpdate update(List<RemoteRefUpdate> updates, String refName) {
    return updates.stream().filter(u -> u.getRemoteName().equals(refName)).findFirst().orElseThrow();
  }

  ObjectId serverRef(String refName) throws Exception {
    try (Repository server = fixture.store.open("repo-1")) {
      Ref ref = server.exactRef(refName);
      return ref == null ? null : ref.getObjectId();
    }
  }

  @Test
  void branchesAndTagsGoToThePipelineAsAGitPushByThePusher() throws Exception {
    RevCommit commit = client.branch("refs/heads/main").commit().add("README.md", "hello").create();
    client.update("refs/tags/v1.0", commit);

    List<RemoteRefUpdate> updates = push(false, "refs/heads/main", "refs/tags/v1.0");

    assertThat(updates).extracting(RemoteRefUpdate::getStatus).containsOnly(RemoteRefUpdate.Status.OK);
    assertThat(serverRef("refs/heads/main")).isEqualTo(commit);
    assertThat(serverRef("refs/tags/v1.0")).isEqualTo(commit);
    assertThat(fixture.pipelineRequests).singleElement().satisfies(request -> {
      assertThat(request.action()).isEqualTo("codecommit:GitPush");
      assertThat(request.actor()).isEqualTo(requester);
      assertThat(request.repository()).isEqualTo(repository);
      assertThat(request.refNames()).containsExactlyInAnyOrder("refs/heads/main", "refs/tags/v1.0");
      assertThat(request.atomic()).isFalse();
    });
    assertThat(fixture.journal.opened).singleElement().satisfies(opened -> {
      assertThat(opened.action()).isEqualTo("codecommit:GitPush");
      assertThat(opened.principalArn()).isEqualTo("arn:aws:iam::111122223333:root");
    });
  }

  @Test
  void aRefThatIsNeitherBranchNorTagIsRefusedOnItsOwnLineAndNeverReachesThePipeline() throws Exception {
    RevCommit commit = client.branch("refs/heads/main").commit().add("README.md", "hello").create();
    client.update("refs/notes/commits", commit);

    List<RemoteRefUpdate> updates = push(false, "refs/heads/main", "refs/notes/commits");

    assertThat(update(updates, "refs/notes/commits").getStatus()).isEqualTo(RemoteRefUpdate.Status.REJECTED_OTHER_REASON);
    assertThat(update(updates, "refs/notes/commits").getMessage()).isEqualTo(REFUSAL);
    assertThat(serverRef("refs/notes/commits")).isNull();
    assertThat(update(updates, "refs/heads/main").getStatus()).isEqualTo(RemoteRefUpdate.Status.OK);
    assertThat(serverRef("refs/heads/main")).isEqualTo(commit);
    assertThat(fixture.pipelineRequests).singleElement()
        .extracting(RefUpdateRequest::refNames).isEqualTo(List.of("refs/heads/main"));
    assertThat(fixture.journal.opened).flatExtracting(Opened::changes).extracting(RefChange::refName)
        .containsExactly("refs/heads/main");
  }

  @Test
  void refsOutsideBranchesAndTagsAreRefusedWhateverTheirNamespace() throws Exception {
    RevCommit commit = client.commit().add("README.md", "hello").create();
    client.update("refs/pull/1/head", commit);
    client.update("refs/changes/01/1/1", commit);
    client.update("refs/remotes/origin/main", commit);

    List<RemoteRefUpdate> updates = push(false, "refs/pull/1/head", "refs/changes/01/1/1", "refs/remotes/origin/main");

    assertThat(updates).hasSize(3).allSatisfy(update -> {
      assertThat(update.getStatus()).isEqualTo(RemoteRefUpdate.Status.REJECTED_OTHER_REASON);
      assertThat(update.getMessage()).isEqualTo(REFUSAL);
    });
    assertThat(fixture.journal.opened).isEmpty();
  }

  @Test
  void anAtomicPushWithOneRefusedRefMovesNothing() throws Exception {
    RevCommit commit = client.branch("refs/heads/main").commit().add("README.md", "hello").create();
    client.update("refs/notes/commits", commit);

    List<RemoteRefUpdate> updates = push(true, "refs/heads/main", "refs/notes/commits");

    assertThat(update(updates, "refs/notes/commits").getStatus()).isEqualTo(RemoteRefUpdate.Status.REJECTED_OTHER_REASON);
    assertThat(update(updates, "refs/notes/commits").getMessage()).isEqualTo(REFUSAL);
    assertThat(update(updates, "refs/heads/main").getStatus()).isEqualTo(RemoteRefUpdate.Status.REJECTED_OTHER_REASON);
    assertThat(update(updates, "refs/heads/main").getMessage()).isEqualTo("transaction aborted");
    assertThat(serverRef("refs/heads/main")).isNull();
    assertThat(fixture.pipelineRequests).isEmpty();
    assertThat(fixture.journal.opened).isEmpty();
  }

  @Test
  void anAtomicPushOfBranchesAndTagsReachesThePipelineAsOneAtomicRequest() throws Exception {
    RevCommit commit = client.branch("refs/heads/main").commit().add("README.md", "hello").create();
    client.update("refs/heads/feature", commit);

    List<RemoteRefUpdate> updates = push(true, "refs/heads/main", "refs/heads/feature");

    assertThat(updates).extracting(RemoteRefUpdate::getStatus).containsOnly(RemoteRefUpdate.Status.OK);
    assertThat(fixture.pipelineRequests).singleElement().satisfies(request -> {
      assertThat(request.atomic()).isTrue();
      assertThat(request.action()).isEqualTo("codecommit:GitPush");
    });
  }

  @Test
  void theFirstBranchPushedBecomesTheDefaultBranch() throws Exception {
    client.branch("refs/heads/trunk").commit().add("README.md", "hello").create();

    push(false, "refs/heads/trunk");

    assertThat(fixture.catalog.findById("repo-1").orElseThrow().defaultBranch()).isEqualTo("trunk");
  }
}
