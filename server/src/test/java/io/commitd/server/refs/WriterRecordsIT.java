package io.commitd.server.refs;

import static org.assertj.core.api.Assertions.assertThat;

import io.commitd.server.testing.Git;
import io.commitd.server.testing.Sdk;
import io.commitd.server.testing.TestServer;
import io.commitd.storage.db.Sql;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.codecommit.CodeCommitClient;
import software.amazon.awssdk.services.codecommit.model.FileModeTypeEnum;
import software.amazon.awssdk.services.codecommit.model.PutFileEntry;

/**
 * Every writer of refs leaves its audit record and its outbox event, because every writer goes
 * through the one ref-update pipeline: git over HTTP and SSH, each API writer, the default branch
 * and the deletion of a repository.
 */
class WriterRecordsIT {
  static TestServer server;
  static CodeCommitClient codeCommit;
  static Sql sql;

  @TempDir Path scratch;

  @BeforeAll
  static void start() {
    server = TestServer.start();
    codeCommit = server.rootSdk().codeCommit();
    sql = new Sql(server.server().database());
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  /** A released audit record and event of {@code action} for {@code ref} in {@code repository}. */
  record Recorded(long audits, long events) {}

  static Recorded recorded(String repository, String action, String ref) {
    String resource = "arn:aws:codecommit:us-east-1:" + TestServer.ACCOUNT_ID + ":" + repository;
    String refMatch = "%\"referenceFullName\":\"" + ref + "\"%";
    long audits = sql.queryOne("SELECT COUNT(*) FROM audit_log WHERE NOT held AND action = ? AND resource_arn = ?"
        + " AND principal_arn = ? AND detail LIKE ?", row -> row.getLong(1),
        action, resource, "arn:aws:iam::" + TestServer.ACCOUNT_ID + ":root", refMatch).orElse(0L);
    List<String> events = sql.query("SELECT payload FROM event_outbox WHERE NOT held AND payload LIKE ? AND payload LIKE ?"
        + " AND payload LIKE ?", row -> row.getString(1),
        "%\"action\":\"" + action + "\"%", refMatch, "%\"repositoryName\":\"" + repository + "\"%");
    if (events.size() != 1) {
      System.out.println("events of " + action + " " + ref + ": " + events);
    }
    return new Recorded(audits, events.size());
  }

  static void createRepository(String name) {
    codeCommit.createRepository(r -> r.repositoryName(name));
  }

  static String putFile(String repository, String branch, String parent, String path) {
    return codeCommit.putFile(r -> r.repositoryName(repository).branchName(branch).parentCommitId(parent).filePath(path)
        .fileContent(SdkBytes.fromString("content of " + path + "\n", StandardCharsets.UTF_8))).commitId();
  }

  @Test
  void aPushOverHttpIsRecordedAsGitPush() {
    createRepository("http-push");
    Git git = Git.withCredentialHelper(scratch, server.rootCli());
    Path work = scratch.resolve("work");
    git.ok(scratch, "clone", "-q", server.endpoint() + "/v1/repos/http-push", work.toString());
    git.commitFile(work, "a.txt", "a\n", "first");
    git.ok(work, "push", "-q", "origin", "HEAD:refs/heads/main");

    assertThat(recorded("http-push", "codecommit:GitPush", "refs/heads/main")).isEqualTo(new Recorded(1, 1));
  }

  @Test
  void aPushOverSshIsRecordedAsGitPush() throws Exception {
    createRepository("ssh-push");
    Path key = scratch.resolve("key");
    Process keygen = new ProcessBuilder("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", key.toString())
        .redirectErrorStream(true).start();
    assertThat(keygen.waitFor()).isZero();
    var iam = server.rootSdk().iam();
    iam.createUser(r -> r.userName("pusher"));
    iam.putUserPolicy(r -> r.userName("pusher").policyName("all").policyDocument(
        "{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"codecommit:*\",\"Resource\":\"*\"}}"));
    String keyId = iam.uploadSSHPublicKey(r -> r.userName("pusher").sshPublicKeyBody(readKey(key))).sshPublicKey().sshPublicKeyId();
    Git git = Git.anonymous(scratch).withEnvironment("GIT_SSH_COMMAND", "ssh -i " + key
        + " -o IdentitiesOnly=yes -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null -o LogLevel=ERROR -o BatchMode=yes");
    Path work = scratch.resolve("work");
    git.ok(scratch, "clone", "-q", "ssh://" + keyId + "@127.0.0.1:" + server.server().sshPort() + "/v1/repos/ssh-push", work.toString());
    git.commitFile(work, "a.txt", "a\n", "first");
    git.ok(work, "push", "-q", "origin", "HEAD:refs/heads/main");

    long audits = sql.queryOne("SELECT COUNT(*) FROM audit_log WHERE NOT held AND action = 'codecommit:GitPush' AND principal_arn = ?",
        row -> row.getLong(1), "arn:aws:iam::" + TestServer.ACCOUNT_ID + ":user/pusher").orElse(0L);
    long events = sql.queryOne("SELECT COUNT(*) FROM event_outbox WHERE NOT held AND payload LIKE ?",
        row -> row.getLong(1), "%\"callerArn\":\"arn:aws:iam::" + TestServer.ACCOUNT_ID + ":user/pusher\"%").orElse(0L);
    assertThat(audits).isEqualTo(1);
    assertThat(events).isEqualTo(1);
  }

  @Test
  void everyApiWriterIsRecordedAsItsOwnOperation() {
    createRepository("api-writers");
    String first = putFile("api-writers", "main", null, "a.txt");
    assertThat(recorded("api-writers", "codecommit:PutFile", "refs/heads/main")).isEqualTo(new Recorded(1, 1));

    codeCommit.createBranch(r -> r.repositoryName("api-writers").branchName("feature").commitId(first));
    assertThat(recorded("api-writers", "codecommit:CreateBranch", "refs/heads/feature")).isEqualTo(new Recorded(1, 1));

    String second = codeCommit.createCommit(r -> r.repositoryName("api-writers").branchName("feature").parentCommitId(first)
        .putFiles(PutFileEntry.builder().filePath("b.txt").fileContent(SdkBytes.fromString("b\n", StandardCharsets.UTF_8))
            .fileMode(FileModeTypeEnum.NORMAL).build())).commitId();
    assertThat(recorded("api-writers", "codecommit:CreateCommit", "refs/heads/feature")).isEqualTo(new Recorded(1, 1));

    codeCommit.deleteFile(r -> r.repositoryName("api-writers").branchName("feature").parentCommitId(second).filePath("b.txt"));
    assertThat(recorded("api-writers", "codecommit:DeleteFile", "refs/heads/feature")).isEqualTo(new Recorded(1, 1));

    codeCommit.updateDefaultBranch(r -> r.repositoryName("api-writers").defaultBranchName("feature"));
    assertThat(recorded("api-writers", "codecommit:UpdateDefaultBranch", "HEAD")).isEqualTo(new Recorded(1, 1));
    assertThat(codeCommit.getRepository(r -> r.repositoryName("api-writers")).repositoryMetadata().defaultBranch()).isEqualTo("feature");

    codeCommit.deleteBranch(r -> r.repositoryName("api-writers").branchName("main"));
    assertThat(recorded("api-writers", "codecommit:DeleteBranch", "refs/heads/main")).isEqualTo(new Recorded(1, 1));
    assertThat(sql.queryOne("SELECT COUNT(*) FROM event_outbox WHERE payload LIKE ?", row -> row.getLong(1),
        "%\"repositoryName\":\"api-writers\"%")).as("one event per change, none twice").contains(6L);
  }

  @Test
  void deletingARepositoryDeletesEveryRefThroughThePipeline() {
    createRepository("doomed");
    String first = putFile("doomed", "main", null, "a.txt");
    codeCommit.createBranch(r -> r.repositoryName("doomed").branchName("side").commitId(first));

    codeCommit.deleteRepository(r -> r.repositoryName("doomed"));

    for (String ref : List.of("refs/heads/main", "refs/heads/side")) {
      assertThat(recorded("doomed", "codecommit:DeleteRepository", ref)).as(ref).isEqualTo(new Recorded(1, 1));
    }
  }

  private static String readKey(Path key) {
    try {
      return Files.readString(Path.of(key + ".pub")).strip();
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
