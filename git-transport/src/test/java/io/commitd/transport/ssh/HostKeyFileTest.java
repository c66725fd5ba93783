package io.commitd.transport.ssh;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.server.keyprovider.SimpleGeneratorHostKeyProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HostKeyFileTest {
  @TempDir Path directory;

  @Test
  void aNewInstallationGetsAnEcdsaKeyAndKeepsIt() throws Exception {
    Path file = directory.resolve("ssh_host_key");

    KeyPair generated = only(new HostKeyFile(file));
    byte[] written = Files.readAllBytes(file);
    KeyPair readBack = only(new HostKeyFile(file));

    assertThat(KeyUtils.getKeyType(generated)).isEqualTo("ecdsa-sha2-nistp256");
    assertThat(readBack.getPublic()).isEqualTo(generated.getPublic());
    assertThat(Files.readAllBytes(file)).isEqualTo(written);
  }

  @Test
  void theRsaKeyOfAnEarlierInstallationIsKeptNotReplaced() throws Exception {
    Path file = directory.resolve("ssh_host_key");
    SimpleGeneratorHostKeyProvider earlier = new SimpleGeneratorHostKeyProvider(file);
    earlier.setAlgorithm("RSA");
    earlier.setKeySize(3072);
    KeyPair rsa = only(earlier);
    byte[] written = Files.readAllBytes(file);

    KeyPair loaded = only(new HostKeyFile(file));

    assertThat(KeyUtils.getKeyType(loaded)).isEqualTo("ssh-rsa");
    assertThat(loaded.getPublic()).isEqualTo(rsa.getPublic());
    assertThat(Files.readAllBytes(file)).isEqualTo(written);
  }

  private static KeyPair only(SimpleGeneratorHostKeyProvider provider) throws Exception {
    Iterable<KeyPair> keys = provider.loadKeys(null);
    assertThat(keys).hasSize(1);
    return keys.iterator().next();
  }
}
