package io.commitd.server.scale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.commitd.server.StorageCommand;
import io.commitd.server.testing.AwsCli;
import io.commitd.server.testing.Git;
import io.commitd.server.testing.S3Proxy;
import io.commitd.server.testing.TestDatabase;
import io.commitd.server.testing.TestServer;
import io.commitd.storage.dfs.S3RepositoryStore;
import io.commitd.storage.git.FileRepositoryStore;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.file.Paths;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Two commitd nodes on the s3 engine, sharing one PostgreSQL database and one S3 store (S3Proxy),
 * driven with the real git and aws CLIs: whatever one node does, the other serves at once, and
 * concurrent writers through both nodes neither lose nor tear a ref.
 *
 * <p>Runs in the suite's PostgreSQL pass only: the s3 engine needs PostgreSQL, and the H2 pass would
 * run the same cluster a second time for nothing.
 */
class ScaleOutIT {
  static TestDatabase database;
  static S3Proxy s3;
  static TestServer nodeA;
  static TestServer nodeB;
  static AwsCli awsA;
  static AwsCli awsB;

  @TempDir Path scratch;

  @BeforeAll
  static void startCluster() throws Exception {
    assumeTrue(TestDatabase.postgresRequested(), "the s3 engine runs on PostgreSQL: ScaleOutIT runs in the postgresql pass");
    database = TestDatabase.createPostgres();
    s3 = S3Proxy.start();
    nodeA = TestServer.startNode(database, s3.storage());
    nodeB = TestServer.startNode(database, s3.storage());
    awsA = nodeA.rootCli();
    awsB = nodeB.rootCli();
  }

  @AfterAll
  static void stopCluster() {
    for (AutoCloseable resource : new AutoCloseable[] {nodeB, nodeA, s3, database}) {
      if (resource != null) {
        try {
          resource.close();
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      }
    }
  }

  static String url(TestServer node, String repository) {
    return node.endpoint() + "/v1/repos/" + repository;
  }

  static String createRepository(AwsCli aws, String name) {
    return aws.run("codecommit", "create-repository", "--repository-name", name).json()
        .get("repositoryMetadata").get("repositoryId").asText();
  }

  Path cloneOf(Git git, TestServer node, String repository, String... options) {
    Path target = scratch.resolve(repository + "-" + System.nanoTime());
    List<String> args = new ArrayList<>(List.of("clone", "-q"));
    args.addAll(List.of(options));
    args.add(url(node, repository));
    args.add(target.toString());
    git.ok(scratch, args.toArray(String[]::new));
    return target;
  }

  static String remoteHead(Git git, Path directory, TestServer node, String repository, String branch) {
    String line = git.ok(directory, "ls-remote", url(node, repository), "refs/heads/" + branch).strip();
    return line.isEmpty() ? null : line.substring(0, line.indexOf('\t'));
  }

  @Test
  void aRepositoryCreatedOnAIsServedByBAndBothShowOneHostKey() {
    String id = createRepository(awsA, "created-on-a");
    JsonNode onB = awsB.run("codecommit", "get-repository", "--repository-name", "created-on-a").json().get("repositoryMetadata");
    assertThat(onB.get("repositoryId").asText()).isEqualTo(id);
    assertThat(awsB.run("codecommit", "list-repositories").stdout()).contains("created-on-a");

    Git git = Git.withCredentialHelper(scratch, awsB);
    assertThat(git.ok(scratch, "ls-remote", url(nodeB, "created-on-a"))).isEmpty();

    // One host key for the cluster: a client behind a load balancer never sees it change.
    assertThat(hostKey(nodeA)).isNotEmpty().isEqualTo(hostKey(nodeB));
  }

  /** The host key the node's SSH port presents (ECDSA, as new installations get), as {@code ssh-keyscan} prints it. */
  private static String hostKey(TestServer node) {
    try {
      Process scan = new ProcessBuilder("ssh-keyscan", "-t", "ecdsa", "-p", String.valueOf(node.server().sshPort()), "127.0.0.1")
          .redirectError(ProcessBuilder.Redirect.DISCARD).start();
      String out = new String(scan.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      scan.waitFor();
      return out.lines().filter(l -> !l.startsWith("#")).map(l -> l.substring(l.indexOf(' ') + 1)).findFirst().orElse("");
    } catch (java.io.IOException e) {
      throw new IllegalStateException("could not run ssh-keyscan", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  @Test
  void aPushThroughAIsClonedThroughBAtOnce() {
    createRepository(awsA, "push-a-clone-b");
    Git gitA = Git.withCredentialHelper(scratch, awsA);
    Git gitB = Git.withCredentialHelper(scratch, awsB);
    Path work = cloneOf(gitA, nodeA, "push-a-clone-b");
    String last = null;
    for (int i = 0; i < 3; i++) {
      last = gitA.commitFile(work, "file" + i + ".txt", "content " + i + "\n", "commit " + i);
      gitA.ok(work, "push", "-q", "origin", "main");
      // No wait: B reads the refs and the pack list from the shared database on every request.
      Path clone = cloneOf(gitB, nodeB, "push-a-clone-b");
      assertThat(gitB.ok(clone, "rev-parse", "HEAD").strip()).isEqualTo(last);
      assertThat(clone.resolve("file" + i + ".txt")).hasContent("content " + i);
    }
    Path shallow = cloneOf(gitB, nodeB, "push-a-clone-b", "--depth", "1");
    assertThat(gitB.ok(shallow, "rev-list", "--count", "HEAD").strip()).isEqualTo("1");
    Path blobless = cloneOf(gitB, nodeB, "push-a-clone-b", "--filter=blob:none");
    assertThat(blobless.resolve("file2.txt")).hasContent("content 2");
    assertThat(gitB.ok(blobless, "rev-parse", "HEAD").strip()).isEqualTo(last);
  }

  @Test
  void concurrentPushesToOneBranchThroughAAndBHaveExactlyOneWinnerEveryRound() throws Exception {
    createRepository(awsA, "race");
    Git gitA = Git.withCredentialHelper(scratch, awsA);
    Git gitB = Git.withCredentialHelper(scratch, awsB);
    Path left = cloneOf(gitA, nodeA, "race");
    gitA.commitFile(left, "base.txt", "base\n", "base");
    gitA.ok(left, "push", "-q", "origin", "main");
    Path right = cloneOf(gitB, nodeB, "race");
    ExecutorService pushers = Executors.newFixedThreadPool(2);
    try {
      for (int round = 0; round < 10; round++) {
        String leftCommit = gitA.commitFile(left, "left.txt", "left " + round + "\n", "left " + round);
        String rightCommit = gitB.commitFile(right, "right.txt", "right " + round + "\n", "right " + round);
        CompletableFuture<Git.Result> throughA = CompletableFuture.supplyAsync(() -> gitA.run(left, "push", "origin", "main"), pushers);
        CompletableFuture<Git.Result> throughB = CompletableFuture.supplyAsync(() -> gitB.run(right, "push", "origin", "main"), pushers);
        Git.Result a = throughA.get();
        Git.Result b = throughB.get();

        assertThat(a.exitCode() == 0 ^ b.exitCode() == 0)
            .as("round %d: exactly one push wins (A: %s / B: %s)", round, a.stderr(), b.stderr()).isTrue();
        String winner = a.exitCode() == 0 ? leftCommit : rightCommit;
        assertThat(remoteHead(gitA, scratch, nodeA, "race", "main")).isEqualTo(winner);
        assertThat(remoteHead(gitB, scratch, nodeB, "race", "main")).isEqualTo(winner);

        // The loser starts the next round from the winner's commit.
        Path loser = a.exitCode() == 0 ? right : left;
        Git loserGit = a.exitCode() == 0 ? gitB : gitA;
        loserGit.ok(loser, "fetch", "-q", "origin");
        loserGit.ok(loser, "reset", "-q", "--hard", "origin/main");
      }
    } finally {
      pushers.shutdownNow();
    }
  }

  @Test
  void clientsPushingDistinctBranchesThroughBothNodesLoseNothing() throws Exception {
    createRepository(awsB, "many-branches");
    Git gitA = Git.withCredentialHelper(scratch, awsA);
    Git gitB = Git.withCredentialHelper(scratch, awsB);
    Path seed = cloneOf(gitA, nodeA, "many-branches");
    gitA.commitFile(seed, "base.txt", "base\n", "base");
    gitA.ok(seed, "push", "-q", "origin", "main");

    int clients = 8;
    List<Path> works = new ArrayList<>();
    List<String> commits = new ArrayList<>();
    for (int i = 0; i < clients; i++) {
      Git git = i % 2 == 0 ? gitA : gitB;
      Path work = cloneOf(git, i % 2 == 0 ? nodeA : nodeB, "many-branches");
      git.ok(work, "checkout", "-q", "-b", "client-" + i);
      commits.add(git.commitFile(work, "client-" + i + ".txt", "client " + i + "\n", "client " + i));
      works.add(work);
    }
    ExecutorService pushers = Executors.newFixedThreadPool(clients);
    try {
      List<CompletableFuture<Git.Result>> pushes = new ArrayList<>();
      for (int i = 0; i < clients; i++) {
        Git git = i % 2 == 0 ? gitA : gitB;
        Path work = works.get(i);
        String branch = "client-" + i;
        pushes.add(CompletableFuture.supplyAsync(() -> git.run(work, "push", "origin", branch), pushers));
      }
      for (CompletableFuture<Git.Result> push : pushes) {
        Git.Result result = push.get();
        assertThat(result.exitCode()).as(result.stderr()).isZero();
      }
    } finally {
      pushers.shutdownNow();
    }
    for (TestServer node : List.of(nodeA, nodeB)) {
      String refs = gitA.ok(scratch, "ls-remote", url(node, "many-branches"));
      for (int i = 0; i < clients; i++) {
        assertThat(refs).contains(commits.get(i) + "\trefs/heads/client-" + i);
      }
    }
    Path all = cloneOf(gitB, nodeB, "many-branches", "--mirror");
    gitB.ok(all, "fsck", "--strict");
  }

  @Test
  void anAtomicPushWithOneRefusedRefChangesNothing() {
    createRepository(awsA, "atomic");
    Git rootGit = Git.withCredentialHelper(scratch, awsA);
    Path seed = cloneOf(rootGit, nodeA, "atomic");
    rootGit.commitFile(seed, "a.txt", "a\n", "seed");
    rootGit.ok(seed, "push", "-q", "origin", "main");

    // The user and its policy are made through A; B decides with them.
    awsA.run("iam", "create-user", "--user-name", "no-main").json();
    awsA.run("iam", "put-user-policy", "--user-name", "no-main", "--policy-name", "no-main", "--policy-document", """
        {"Version": "2012-10-17", "Statement": [
          {"Effect": "Allow", "Action": "codecommit:*", "Resource": "*"},
          {"Effect": "Deny", "Action": "codecommit:GitPush", "Resource": "*",
           "Condition": {"StringEqualsIfExists": {"codecommit:References": ["refs/heads/main"]},
                         "Null": {"codecommit:References": "false"}}}]}""").json();
    JsonNode key = awsA.run("iam", "create-access-key", "--user-name", "no-main").json().get("AccessKey");
    Git git = Git.withCredentialHelper(scratch, awsB.as(key.get("AccessKeyId").asText(), key.get("SecretAccessKey").asText(), null));

    Path work = cloneOf(git, nodeB, "atomic");
    String before = remoteHead(git, scratch, nodeB, "atomic", "main");
    git.commitFile(work, "b.txt", "b\n", "both");
    Git.Result atomic = git.run(work, "push", "--atomic", "origin", "HEAD:refs/heads/feature", "HEAD:refs/heads/main");
    assertThat(atomic.exitCode()).isNotZero();
    assertThat(atomic.stderr()).contains("main");
    for (TestServer node : List.of(nodeA, nodeB)) {
      assertThat(git.ok(scratch, "ls-remote", url(node, "atomic"))).doesNotContain("refs/heads/feature");
      assertThat(remoteHead(git, scratch, node, "atomic", "main")).isEqualTo(before);
    }
  }

  @Test
  void putFileOnBIsSeenByACloneFromA() {
    createRepository(awsA, "put-file");
    Git gitA = Git.withCredentialHelper(scratch, awsA);
    Path seed = cloneOf(gitA, nodeA, "put-file");
    String parent = gitA.commitFile(seed, "README.md", "hello\n", "seed");
    gitA.ok(seed, "push", "-q", "origin", "main");

    JsonNode put = awsB.run("codecommit", "put-file", "--repository-name", "put-file", "--branch-name", "main",
        "--file-path", "docs/from-b.txt", "--file-content", "written through B", "--parent-commit-id", parent).json();
    String commit = put.get("commitId").asText();

    Path clone = cloneOf(gitA, nodeA, "put-file");
    assertThat(gitA.ok(clone, "rev-parse", "HEAD").strip()).isEqualTo(commit);
    assertThat(clone.resolve("docs/from-b.txt")).hasContent("written through B");
    JsonNode file = awsA.run("codecommit", "get-file", "--repository-name", "put-file", "--file-path", "docs/from-b.txt").json();
    assertThat(file.get("commitId").asText()).isEqualTo(commit);
  }

  @Test
  void aRepositoryUnderACustomerKmsKeyIsPushedAndClonedThroughBothNodes() {
    // Its packs go up with SSE-KMS headers; S3Proxy stores them (without encrypting): best effort.
    awsA.run("codecommit", "create-repository", "--repository-name", "encrypted",
        "--kms-key-id", "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab").json();
    Git gitA = Git.withCredentialHelper(scratch, awsA);
    Git gitB = Git.withCredentialHelper(scratch, awsB);
    Path work = cloneOf(gitA, nodeA, "encrypted");
    String commit = gitA.commitFile(work, "secret.txt", "sealed\n", "sealed");
    gitA.ok(work, "push", "-q", "origin", "main");
    Path clone = cloneOf(gitB, nodeB, "encrypted");
    assertThat(gitB.ok(clone, "rev-parse", "HEAD").strip()).isEqualTo(commit);
    assertThat(clone.resolve("secret.txt")).hasContent("sealed");
  }

  @Test
  void afterGcAndTheSweepClonesFromEitherNodePassFsckStrict() throws Exception {
    String id = createRepository(awsA, "collected");
    Git gitA = Git.withCredentialHelper(scratch, awsA);
    Git gitB = Git.withCredentialHelper(scratch, awsB);
    Path work = cloneOf(gitA, nodeA, "collected");
    for (int i = 0; i < 12; i++) {
      gitA.commitFile(work, "dir" + (i % 3) + "/file" + i + ".txt", "content " + i + "\n", "commit " + i);
      gitA.ok(work, "push", "-q", i % 2 == 0 ? "origin" : url(nodeB, "collected"), "main");
    }
    gitA.ok(work, "push", "-q", "origin", "main:refs/heads/other", "--tags");
    String head = gitA.ok(work, "rev-parse", "HEAD").strip();

    S3RepositoryStore storeA = (S3RepositoryStore) nodeA.server().repositoryStore();
    S3RepositoryStore storeB = (S3RepositoryStore) nodeB.server().repositoryStore();
    // Background GC may hold the cluster-wide lock: then this node's turn comes after it.
    boolean collected = false;
    for (int attempt = 0; attempt < 100 && !collected; attempt++) {
      collected = (attempt % 2 == 0 ? storeA : storeB).gc(id);
      if (!collected) {
        Thread.sleep(200);
      }
    }
    assertThat(collected).as("a GC ran").isTrue();
    storeB.deleteReplacedPacksOlderThan(Duration.ZERO);

    for (TestServer node : List.of(nodeA, nodeB)) {
      Git git = node == nodeA ? gitA : gitB;
      Path clone = cloneOf(git, node, "collected");
      assertThat(git.ok(clone, "rev-parse", "HEAD").strip()).isEqualTo(head);
      git.ok(clone, "fsck", "--strict");
      Path mirror = cloneOf(git, node, "collected", "--mirror");
      git.ok(mirror, "fsck", "--strict");
      assertThat(git.ok(mirror, "rev-list", "--count", "--all").strip()).isEqualTo("12");
    }
  }

  @Test
  void storageMigrateCopiesAFileDataDirectoryIntoS3AndResumes() throws Exception {
    // The repository exists in the shared catalog (as after moving a file node's metadata to
    // PostgreSQL); its history is still in a file engine's data directory.
    String id = createRepository(awsA, "migrated");
    Path dataDir = Files.createDirectories(scratch.resolve("file-node"));
    try (FileRepositoryStore files = new FileRepositoryStore(dataDir.resolve("repositories"))) {
      files.create(id);
    }
    Git git = Git.withCredentialHelper(scratch, awsA);
    Path work = Files.createDirectories(scratch.resolve("history"));
    git.ok(work, "init", "-q");
    for (int i = 0; i < 5; i++) {
      git.commitFile(work, "f" + i + ".txt", "v" + i + "\n", "commit " + i);
    }
    git.ok(work, "tag", "-a", "v1", "-m", "release 1");
    git.ok(work, "branch", "side", "HEAD~2");
    String bare = dataDir.resolve("repositories").resolve(id + ".git").toString();
    git.ok(work, "push", "-q", bare, "main", "side", "v1");
    git.ok(work, "--git-dir", bare, "symbolic-ref", "HEAD", "refs/heads/main");
    String head = git.ok(work, "rev-parse", "HEAD").strip();

    String first = migrate(dataDir);
    assertThat(first).contains("copied " + id + " migrated: 3 refs");
    String again = migrate(dataDir);
    assertThat(again).contains("up-to-date " + id + " migrated: 3 refs");

    Path clone = cloneOf(git, nodeB, "migrated", "--mirror");
    git.ok(clone, "fsck", "--strict");
    assertThat(git.ok(clone, "rev-parse", "main").strip()).isEqualTo(head);
    assertThat(git.ok(clone, "show-ref")).contains("refs/heads/side").contains("refs/tags/v1");
    Path checkout = cloneOf(git, nodeA, "migrated");
    assertThat(checkout.resolve("f4.txt")).hasContent("v4");
  }

  private String migrate(Path dataDir) {
    StringWriter out = new StringWriter();
    CommandLine command = new CommandLine(new StorageCommand());
    command.setOut(new PrintWriter(out, true));
    int exit = command.execute("migrate", "--to", "s3", "--data-dir", dataDir.toString(),
        "--db-url", database.url(), "--db-user", database.user(),
        "--s3-endpoint", s3.endpoint().toString(), "--s3-bucket", S3Proxy.BUCKET, "--s3-region", "us-east-1",
        "--s3-path-style", "true", "--s3-access-key-id", S3Proxy.IDENTITY, "--s3-secret-access-key", S3Proxy.CREDENTIAL,
        "--root-access-key-id", TestServer.ROOT_ACCESS_KEY_ID, "--root-secret-access-key", TestServer.ROOT_SECRET);
    assertThat(exit).as(out.toString()).isZero();
    return out.toString();
  }

  /**
   * A node killed with {@code kill -9} in the middle of pushes leaves every ref at its old or its new
   * value (both refs of an atomic push alike), never a dangling one, and the other node keeps serving.
   * The node is a child JVM running commitd from the classes under test.
   */
  @Test
  void aNodeKilledMidPushTearsNoRefAndTheOtherNodeKeepsServing() throws Exception {
    createRepository(awsA, "killed");
    Git gitA = Git.withCredentialHelper(scratch, awsA);
    Git gitB = Git.withCredentialHelper(scratch, awsB);
    Path work = cloneOf(gitA, nodeA, "killed");
    gitA.commitFile(work, "base.txt", "base\n", "base");
    gitA.ok(work, "push", "-q", "origin", "main", "main:refs/heads/second");

    Random random = new Random(42);
    for (int round = 0; round < 3; round++) {
      String before = remoteHead(gitB, scratch, nodeB, "killed", "main");
      Path big = work.resolve("big-" + round + ".bin");
      byte[] content = new byte[8 * 1024 * 1024];
      random.nextBytes(content);
      Files.write(big, content);
      gitA.ok(work, "add", big.getFileName().toString());
      gitA.ok(work, "commit", "-q", "-m", "big " + round);
      String after = gitA.ok(work, "rev-parse", "HEAD").strip();

      Process child = startChildNode(scratch.resolve("child-" + round));
      try {
        String childUrl = "http://127.0.0.1:" + childPort + "/v1/repos/killed";
        CompletableFuture<Git.Result> push = CompletableFuture.supplyAsync(
            () -> gitA.run(work, "push", "--atomic", childUrl, "HEAD:refs/heads/main", "HEAD:refs/heads/second"));
        Thread.sleep(300 + round * 700L);
        new ProcessBuilder("kill", "-9", String.valueOf(child.pid())).start().waitFor();
        push.get(120, TimeUnit.SECONDS);
      } finally {
        child.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
      }

      String main = remoteHead(gitB, scratch, nodeB, "killed", "main");
      String second = remoteHead(gitB, scratch, nodeB, "killed", "second");
      assertThat(main).as("round %d: main is old or new", round).isIn(before, after);
      assertThat(second).as("round %d: both refs of the atomic push alike", round).isEqualTo(main);
      Path mirror = cloneOf(gitB, nodeB, "killed", "--mirror");
      gitB.ok(mirror, "fsck", "--strict");

      // Node B takes the push the dead node may not have finished.
      gitB.ok(work, "push", "-q", url(nodeB, "killed"), "HEAD:refs/heads/main", "HEAD:refs/heads/second");
      assertThat(remoteHead(gitA, scratch, nodeA, "killed", "main")).isEqualTo(after);
    }
  }

  private int childPort;

  /**
   * commitd in a child JVM, on the cluster's database and bucket, answering on {@link #childPort}. It
   * runs the classes under test (this JVM's class path), never a packaged jar that may be stale.
   */
  private Process startChildNode(Path dataDir) throws Exception {
    try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
      childPort = socket.getLocalPort();
    }
    Files.createDirectories(dataDir);
    var storage = s3.storage();
    Process child = new ProcessBuilder(Paths.get(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx384m",
        "-cp", System.getProperty("java.class.path"), "io.commitd.server.Main", "serve", "--data-dir", dataDir.toString(), "--bind", "127.0.0.1",
        "--http-port", String.valueOf(childPort), "--ssh-port", "-1",
        "--db-url", database.url(), "--db-user", database.user(), "--account-id", TestServer.ACCOUNT_ID,
        "--root-access-key-id", TestServer.ROOT_ACCESS_KEY_ID, "--root-secret-access-key", TestServer.ROOT_SECRET,
        "--storage", "s3", "--s3-endpoint", storage.s3Endpoint(), "--s3-bucket", storage.s3Bucket(),
        "--s3-region", storage.s3Region(), "--s3-path-style", "true", "--s3-access-key-id", storage.s3AccessKeyId(),
        "--s3-secret-access-key", storage.s3SecretAccessKey(), "--block-cache-mb", "32")
        .redirectErrorStream(true)
        .redirectOutput(dataDir.resolve("commitd.log").toFile())
        .start();
    URI health = URI.create("http://127.0.0.1:" + childPort + "/health");
    for (int i = 0; i < 1200; i++) {
      if (!child.isAlive()) {
        throw new IllegalStateException("child node exited: " + Files.readString(dataDir.resolve("commitd.log")));
      }
      try {
        HttpURLConnection connection = (HttpURLConnection) health.toURL().openConnection();
        connection.setConnectTimeout(500);
        if (connection.getResponseCode() == 200) {
          return child;
        }
      } catch (IOException notYet) {
        // starting
      }
      Thread.sleep(100);
    }
    child.destroyForcibly();
    throw new IllegalStateException("child node did not become healthy");
  }
}
