package io.commitd.server.transport;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.commitd.server.testing.AwsCli;
import io.commitd.server.testing.Git;
import io.commitd.server.testing.TestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Git over SSH with the real git and ssh binaries, keys managed with aws iam upload-ssh-public-key. */
class GitSshIT {
  static TestServer server;
  static AwsCli admin;
  static Path keys;
  static String sshKeyId;

  @TempDir Path scratch;

  @BeforeAll
  static void start() throws Exception {
    server = TestServer.start();
    admin = server.rootCli();
    keys = Files.createTempDirectory("commitd-ssh-keys-");
    for (String name : new String[] {"known", "unknown"}) {
      Process keygen = new ProcessBuilder("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", name, "-f", keys.resolve(name).toString())
          .redirectErrorStream(true).start();
      assertThat(keygen.waitFor()).isZero();
    }
    admin.run("iam", "create-user", "--user-name", "ssh-dev").json();
    admin.run("iam", "put-user-policy", "--user-name", "ssh-dev", "--policy-name", "dev", "--policy-document", """
        {"Version": "2012-10-17", "Statement": [
          {"Effect": "Allow", "Action": "codecommit:*", "Resource": "*"},
          {"Effect": "Deny", "Action": "codecommit:GitPush", "Resource": "*",
           "Condition": {"ForAnyValue:StringEquals": {"codecommit:References": "refs/heads/release"}}}]}""").json();
    JsonNode key = admin.run("iam", "upload-ssh-public-key", "--user-name", "ssh-dev", "--ssh-public-key-body",
        Files.readString(keys.resolve("known.pub")).strip()).json().get("SSHPublicKey");
    sshKeyId = key.get("SSHPublicKeyId").asText();
    assertThat(sshKeyId).startsWith("APKA");
    assertThat(key.get("Fingerprint").asText()).matches("([0-9a-f]{2}:){15}[0-9a-f]{2}");
    admin.run("codecommit", "create-repository", "--repository-name", "over-ssh").json();
  }

  @AfterAll
  static void stop() throws Exception {
    try (var repositories = Files.list(server.dataDir().resolve("repositories"))) {
      for (Path repository : repositories.toList()) {
        Git.anonymous(server.dataDir()).ok(repository, "fsck", "--strict");
      }
    }
    server.close();
  }

  Git gitWithKey(String keyName) {
    return Git.anonymous(scratch).withEnvironment("GIT_SSH_COMMAND", "ssh -i " + keys.resolve(keyName)
        + " -o IdentitiesOnly=yes -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null -o LogLevel=ERROR -o BatchMode=yes");
  }

  static String url(String user, String path) {
    return "ssh://" + user + "@127.0.0.1:" + server.server().sshPort() + path;
  }

  @Test
  void cloneFetchPushAndLsRemoteWithTheSshKeyId() {
    Git git = gitWithKey("known");
    Path work = scratch.resolve("work");
    git.ok(scratch, "clone", "-q", url(sshKeyId, "/v1/repos/over-ssh"), work.toString());
    String commit = git.commitFile(work, "ssh.txt", "over ssh\n", "first over ssh");
    git.ok(work, "push", "-q", "origin", "main");
    assertThat(git.ok(scratch, "ls-remote", url(sshKeyId, "/v1/repos/over-ssh"))).contains(commit + "\trefs/heads/main");

    for (String version : new String[] {"0", "2"}) {
      assertThat(git.ok(scratch, "-c", "protocol.version=" + version, "ls-remote", url(sshKeyId, "/v1/repos/over-ssh")))
          .contains("refs/heads/main");
    }
    Path byUserName = scratch.resolve("by-user-name");
    git.ok(scratch, "clone", "-q", "--depth", "1", url("ssh-dev", "/v1/repos/over-ssh"), byUserName.toString());
    assertThat(byUserName.resolve("ssh.txt")).hasContent("over ssh");
    git.commitFile(byUserName, "second.txt", "2\n", "second");
    git.ok(byUserName, "push", "-q", "origin", "main");
    git.ok(work, "fetch", "-q");
    assertThat(work.resolve(".git/FETCH_HEAD")).isNotEmptyFile();

    Path partial = scratch.resolve("partial");
    git.ok(scratch, "clone", "-q", "--filter=blob:none", url(sshKeyId, "/v1/repos/over-ssh"), partial.toString());
    assertThat(partial.resolve("second.txt")).hasContent("2");
  }

  /** A near client's output is held to a quarter of a megabyte in flight (InFlightLimit): a pack of many times that arrives whole. */
  @Test
  void aPackManyTimesTheInFlightLimitArrivesWhole() throws Exception {
    admin.run("codecommit", "create-repository", "--repository-name", "large-over-ssh").json();
    Git git = gitWithKey("known");
    Path work = scratch.resolve("large");
    git.ok(scratch, "init", "-q", work.toString());
    byte[] noise = new byte[8 * 1024 * 1024];
    new Random(7).nextBytes(noise);
    Files.write(work.resolve("noise.bin"), noise);
    git.ok(work, "add", "noise.bin");
    git.ok(work, "commit", "-q", "-m", "8 MB that do not compress");
    git.ok(work, "push", "-q", url(sshKeyId, "/v1/repos/large-over-ssh"), "main");

    Path copy = scratch.resolve("large-copy");
    git.ok(scratch, "clone", "-q", url(sshKeyId, "/v1/repos/large-over-ssh"), copy.toString());

    assertThat(copy.resolve("noise.bin")).hasBinaryContent(noise);
  }

  @Test
  void aDeniedRefIsRejectedOnItsLine() {
    Git git = gitWithKey("known");
    Path work = scratch.resolve("deny");
    git.ok(scratch, "clone", "-q", url(sshKeyId, "/v1/repos/over-ssh"), work.toString());
    git.commitFile(work, "r.txt", "r\n", "release candidate");
    Git.Result result = git.run(work, "push", "origin", "HEAD:refs/heads/release");
    assertThat(result.exitCode()).isNotZero();
    assertThat(result.stderr()).contains("! [remote rejected] HEAD -> release").contains("codecommit:GitPush");
  }

  @Test
  void anUnknownKeyIsRefused() {
    Git.Result result = gitWithKey("unknown").run(scratch, "ls-remote", url(sshKeyId, "/v1/repos/over-ssh"));
    assertThat(result.exitCode()).isNotZero();
    assertThat(result.stderr()).contains("Permission denied");
  }

  @Test
  void onlyGitCommandsOnRepositoriesAreServed() throws Exception {
    Process shell = new ProcessBuilder("ssh", "-i", keys.resolve("known").toString(), "-o", "IdentitiesOnly=yes",
        "-o", "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=/dev/null", "-o", "LogLevel=ERROR", "-o", "BatchMode=yes",
        "-p", String.valueOf(server.server().sshPort()), sshKeyId + "@127.0.0.1", "cat /etc/passwd").redirectErrorStream(true).start();
    String output = new String(shell.getInputStream().readAllBytes());
    assertThat(shell.waitFor()).isNotZero();
    assertThat(output).doesNotContain("root:");

    Git.Result missing = gitWithKey("known").run(scratch, "ls-remote", url(sshKeyId, "/v1/repos/nope"));
    assertThat(missing.exitCode()).isNotZero();
    assertThat(missing.stderr()).contains("not found");
  }
}
