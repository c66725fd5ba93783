package io.commitd.storage.db;

import static org.assertj.core.api.Assertions.assertThat;

import io.commitd.storage.MetadataDatabases;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ServerSecretsTest {
  @TempDir Path scratch;

  @ParameterizedTest
  @MethodSource("io.commitd.storage.MetadataDatabases#kinds")
  void theFirstValueStoredIsEveryonesValue(MetadataDatabases.Kind kind) throws Exception {
    try (MetadataDatabases.Fresh fresh = MetadataDatabases.open(kind, scratch)) {
      ServerSecrets nodeA = new ServerSecrets(fresh.database());
      ServerSecrets nodeB = new ServerSecrets(fresh.database());
      AtomicInteger generated = new AtomicInteger();

      assertThat(nodeA.find("ssh_host_key")).isEmpty();
      String first = nodeA.getOrCreate("ssh_host_key", () -> "key-" + generated.incrementAndGet());
      String second = nodeB.getOrCreate("ssh_host_key", () -> "key-" + generated.incrementAndGet());

      assertThat(first).isEqualTo("key-1");
      assertThat(second).isEqualTo(first);
      assertThat(generated).hasValue(1);
      assertThat(nodeB.find("ssh_host_key")).contains("key-1");
    }
  }
}
