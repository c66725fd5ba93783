package io.commitd.server.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MasterKeyTest {
  @TempDir Path dataDir;

  @Test
  void theFirstStartKeepsA32ByteKeyOnlyItsOwnerCanReadAndLaterStartsReadTheSameKey() throws Exception {
    byte[] generated = MasterKey.load(ServerConfig.defaults(dataDir));

    Path file = dataDir.resolve(MasterKey.FILE_NAME);
    assertThat(generated).hasSize(32);
    assertThat(Base64.getDecoder().decode(Files.readString(file).trim())).isEqualTo(generated);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    assertThat(MasterKey.load(ServerConfig.defaults(dataDir))).isEqualTo(generated);
    try (Stream<Path> files = Files.list(dataDir)) {
      assertThat(files).as("nothing but the key, no temporary file left").containsExactly(file);
    }
  }

  @Test
  void aConfiguredKeyIsUsedAndNoFileIsWritten() throws Exception {
    byte[] configured = new byte[32];
    configured[0] = 7;
    ServerConfig config = new ServerConfig(dataDir, "127.0.0.1", 0, 0, null, null, null, ServerConfig.DEFAULT_REGION,
        ServerConfig.DEFAULT_ACCOUNT_ID, null, null, Base64.getEncoder().encodeToString(configured));

    assertThat(MasterKey.load(config)).isEqualTo(configured);
    assertThat(dataDir.resolve(MasterKey.FILE_NAME)).doesNotExist();
  }
}
