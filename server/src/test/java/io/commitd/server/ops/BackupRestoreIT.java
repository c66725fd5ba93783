package io.commitd.server.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.commitd.server.CommitdServer;
import io.commitd.server.Main;
import io.commitd.server.config.ServerConfig;
import io.commitd.server.testing.AwsCli;
import io.commitd.server.testing.Git;
import io.commitd.server.testing.TestDatabase;
import io.commitd.server.testing.TestServer;
import io.commitd.storage.db.Database;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code commitd backup} taken while pushes go on, restored with {@code commitd restore} into a new
 * data directory and database: the restored server serves every push acknowledged before the
 * backup began, and the same identities and pull requests.
 */
class BackupRestoreIT {
  @TempDir Path scratch;

  @Test
  void aBackupDuringPushesRestoresEveryAcknowledgedPush() throws Exception {
    Path backup = scratch.resolve("backup");
    String pullRequestId;
    List<String> acknowledgedBeforeBackup;
    try (TestServer server = TestServer.start()) {
      AwsCli root = server.rootCli();
      root.run("codecommit", "create-repository", "--repository-name", "busy").json();
      root.run("iam", "create-user", "--user-name", "kept").json();
      Git git = Git.withCredentialHelper(scratch, root);
      Path work = scratch.resolve("work");
      git.ok(scratch, "clone", "-q", server.endpoint() + "/v1/repos/busy", work.toString());
      git.commitFile(work, "base.txt", "base", "base");
      git.ok(work, "push", "-q", "origin", "main");
      git.ok(work, "checkout", "-q", "-b", "feature");
      git.commitFile(work, "feature.txt", "feature", "feature");
      git.ok(work, "push", "-q", "origin", "feature");
      git.ok(work, "checkout", "-q", "main");
      pullRequestId = root.run("codecommit", "create-pull-request", "--title", "kept across restore", "--targets",
          "repositoryName=busy,sourceReference=feature,destinationReference=main").json()
          .get("pullRequest").get("pullRequestId").asText();

      List<String> acknowledged = Collections.synchronizedList(new ArrayList<>());
      AtomicBoolean stop = new AtomicBoolean();
      CompletableFuture<Void> pushes = CompletableFuture.runAsync(() -> {
        for (int i = 0; !stop.get() && i < 40; i++) {
          String commit = git.commitFile(work, "n.txt", "push " + i, "push " + i);
          git.ok(work, "push", "-q", "origin", "main");
          acknowledged.add(commit);
        }
      });
      while (acknowledged.size() < 3 && !pushes.isDone()) {
        Thread.sleep(20);
      }
      acknowledgedBeforeBackup = List.copyOf(acknowledged);
      String printed = runMain("backup", "--to", backup.toString(), "--data-dir", server.dataDir().toString(),
          "--db-url", dbUrl(server), "--db-user", TestDatabase.postgresRequested() ? TestDatabase.USER : "");
      assertThat(printed).startsWith("commitd: backed up 1 repositories");
      Thread.sleep(300);
      stop.set(true);
      pushes.get(120, TimeUnit.SECONDS);
      assertThat(acknowledged.size()).as("pushes went on during the backup").isGreaterThan(acknowledgedBeforeBackup.size());
    }

    Path restoredDir = scratch.resolve("restored");
    try (TestDatabase database = TestDatabase.create()) {
      String url = database.url() != null ? database.url() : Database.embeddedUrl(restoredDir);
      assertThat(runMain("restore", "--from", backup.toString(), "--data-dir", restoredDir.toString(), "--db-url", url,
          "--db-user", database.user() == null ? "" : database.user())).startsWith("commitd: restored 1 repositories");
      ServerConfig config = ServerConfig.defaults(restoredDir).withBindAddress("127.0.0.1").withPorts(0, 0)
          .withDatabase(url, database.user(), null)
          .withRootCredentials(TestServer.ROOT_ACCESS_KEY_ID, TestServer.ROOT_SECRET).withAccountId(TestServer.ACCOUNT_ID);
      try (CommitdServer restored = CommitdServer.start(config)) {
        URI endpoint = URI.create("http://127.0.0.1:" + restored.httpPort());
        AwsCli root = new AwsCli(endpoint, TestServer.ROOT_ACCESS_KEY_ID, TestServer.ROOT_SECRET, null);
        Git git = Git.withCredentialHelper(scratch, root);
        Path copy = scratch.resolve("copy");
        git.ok(scratch, "clone", "-q", endpoint + "/v1/repos/busy", copy.toString());
        git.ok(copy, "fsck", "--strict");
        for (String commit : acknowledgedBeforeBackup) {
          assertThat(git.run(copy, "merge-base", "--is-ancestor", commit, "origin/main").exitCode())
              .as("acknowledged push %s is served", commit).isZero();
        }
        assertThat(git.ok(copy, "branch", "-r")).contains("origin/feature");
        assertThat(root.run("iam", "get-user", "--user-name", "kept").json().get("User").get("UserName").asText()).isEqualTo("kept");
        assertThat(root.run("codecommit", "get-pull-request", "--pull-request-id", pullRequestId).json()
            .get("pullRequest").get("title").asText()).isEqualTo("kept across restore");
        // New writes get new ids after the restored ones.
        root.run("codecommit", "create-repository", "--repository-name", "after-restore").json();
        assertThat(root.run("cloudtrail", "lookup-events", "--lookup-attributes",
            "AttributeKey=EventName,AttributeValue=CreateRepository").json().get("Events")).hasSizeGreaterThanOrEqualTo(2);
      }
    }
  }

  private static String dbUrl(TestServer server) {
    return server.server().config().databaseUrl() != null ? server.server().config().databaseUrl()
        : Database.embeddedUrl(server.dataDir());
  }

  private static String runMain(String... args) {
    PrintStream original = System.out;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    try {
      assertThat(Main.run(args)).isZero();
    } finally {
      System.setOut(original);
    }
    return out.toString(StandardCharsets.UTF_8);
  }
}
