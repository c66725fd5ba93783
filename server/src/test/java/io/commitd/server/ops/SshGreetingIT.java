package io.commitd.server.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import io.commitd.server.testing.AwsCli;
import io.commitd.server.testing.TestDatabase;
import io.commitd.server.testing.TestServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ssh KEYID@host} with no command greets like CodeCommit and ends the session with status 0. */
class SshGreetingIT {
  @TempDir Path keys;

  @Test
  void anInteractiveLoginIsGreetedAndClosedCleanly() throws Exception {
    // The greeting involves no metadata beyond the key: the H2 pass proves it.
    assumeFalse(TestDatabase.postgresRequested(), "runs on the H2 pass only");
    try (TestServer server = TestServer.start()) {
      AwsCli root = server.rootCli();
      Process keygen = new ProcessBuilder("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", keys.resolve("id").toString())
          .redirectErrorStream(true).start();
      assertThat(keygen.waitFor()).isZero();
      root.run("iam", "create-user", "--user-name", "greeted").json();
      String keyId = root.run("iam", "upload-ssh-public-key", "--user-name", "greeted", "--ssh-public-key-body",
          Files.readString(keys.resolve("id.pub")).strip()).json().get("SSHPublicKey").get("SSHPublicKeyId").asText();

      Process ssh = new ProcessBuilder("ssh", "-i", keys.resolve("id").toString(), "-o", "IdentitiesOnly=yes",
          "-o", "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=/dev/null", "-o", "LogLevel=ERROR", "-o", "BatchMode=yes",
          "-p", String.valueOf(server.server().sshPort()), keyId + "@127.0.0.1").redirectErrorStream(true).start();
      ssh.getOutputStream().close();
      String output = new String(ssh.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(ssh.waitFor(30, TimeUnit.SECONDS)).isTrue();
      assertThat(ssh.exitValue()).as(output).isZero();
      assertThat(output).startsWith("You have successfully authenticated over SSH. You can use Git to interact with commitd. "
          + "Interactive shells are not supported.");
    }
  }
}
