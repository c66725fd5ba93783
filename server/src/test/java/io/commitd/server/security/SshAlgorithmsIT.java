package io.commitd.server.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.commitd.server.testing.TestServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The SSH port offers modern algorithms only, as the real OpenSSH client sees it, and has its host key from the start. */
class SshAlgorithmsIT {
  static TestServer server;

  @BeforeAll
  static void start() {
    server = TestServer.start();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void theHostKeyExistsBeforeAnyConnection() {
    assertThat(Files.exists(server.dataDir().resolve("ssh_host_key"))).isTrue();
  }

  @Test
  void aNewInstallationPresentsOneEcdsaHostKey() throws Exception {
    Process scan = new ProcessBuilder("ssh-keyscan", "-p", Integer.toString(server.server().sshPort()), "127.0.0.1")
        .redirectError(ProcessBuilder.Redirect.DISCARD).start();
    List<String> keys = new String(scan.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines()
        .filter(line -> !line.startsWith("#")).map(line -> line.split(" ")[1]).toList();
    scan.waitFor(30, TimeUnit.SECONDS);
    assertThat(keys).containsExactly("ecdsa-sha2-nistp256");
  }

  @Test
  void retiredAlgorithmsFindNoMatch() {
    assertThat(ssh("-o", "Ciphers=aes128-cbc,aes256-cbc,3des-cbc")).contains("no matching cipher found");
    assertThat(ssh("-o", "MACs=hmac-sha1,hmac-sha1-etm@openssh.com", "-o", "Ciphers=aes128-ctr")).contains("no matching MAC found");
    assertThat(ssh("-o", "KexAlgorithms=diffie-hellman-group14-sha1,diffie-hellman-group1-sha1"))
        .contains("no matching key exchange method found");
    assertThat(ssh("-o", "HostKeyAlgorithms=ssh-rsa")).contains("no matching host key type found");
    // What a current client offers gets as far as authentication (and no further: there is no key).
    assertThat(ssh()).contains("Permission denied");
  }

  private static String ssh(String... options) {
    List<String> command = new ArrayList<>(List.of("ssh", "-F", "/dev/null", "-o", "BatchMode=yes", "-o", "StrictHostKeyChecking=no",
        "-o", "UserKnownHostsFile=/dev/null", "-o", "PubkeyAuthentication=no", "-o", "PasswordAuthentication=no",
        "-p", Integer.toString(server.server().sshPort())));
    command.addAll(List.of(options));
    command.addAll(List.of("nobody@127.0.0.1", "git-upload-pack", "/v1/repos/none"));
    try {
      Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
      process.getOutputStream().close();
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      process.waitFor(30, TimeUnit.SECONDS);
      return output;
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
