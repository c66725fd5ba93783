package io.commitd.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.commitd.server.config.RootCredentials;
import io.commitd.server.config.ServerConfig;
import io.commitd.server.testing.AwsCli;
import io.commitd.server.testing.TestDatabase;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A first start with no credentials configured generates them, keeps them private, and keeps them. */
class FirstStartIT {
  @TempDir Path dataDir;

  @Test
  void generatesRootCredentialsOnceAndTheCliCanUseThem() throws Exception {
    try (TestDatabase database = TestDatabase.create()) {
      ServerConfig config = ServerConfig.defaults(dataDir).withBindAddress("127.0.0.1").withPorts(0, 0)
          .withDatabase(database.url(), database.user(), null);
      Path file = dataDir.resolve(RootCredentials.FILE_NAME);
      String accessKeyId;
      try (CommitdServer server = CommitdServer.start(config)) {
        assertThat(file).exists();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        accessKeyId = server.rootCredentials().accessKeyId();
        assertThat(accessKeyId).matches("AKIA[A-Z2-7]{16}");

        AwsCli aws = new AwsCli(URI.create("http://127.0.0.1:" + server.httpPort()),
            accessKeyId, server.rootCredentials().secretAccessKey(), null);
        assertThat(aws.run("codecommit", "create-repository", "--repository-name", "first").json()
            .get("repositoryMetadata").get("accountId").asText()).isEqualTo(ServerConfig.DEFAULT_ACCOUNT_ID);
      }
      try (CommitdServer restarted = CommitdServer.start(config)) {
        assertThat(restarted.rootCredentials().accessKeyId()).isEqualTo(accessKeyId);
        AwsCli aws = new AwsCli(URI.create("http://127.0.0.1:" + restarted.httpPort()),
            accessKeyId, restarted.rootCredentials().secretAccessKey(), null);
        assertThat(aws.run("codecommit", "get-repository", "--repository-name", "first").succeeded()).isTrue();
      }
    }
  }
}
