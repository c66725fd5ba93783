package io.commitd.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Configuration: defaults, flags, and one clear line naming a bad setting. */
class ServeCommandTest {

  static ServerConfig parse(String... args) {
    ServeCommand command = new ServeCommand();
    new CommandLine(command).parseArgs(args);
    return command.toConfig();
  }

  @Test
  void withNothingSetItServesTheEmbeddedDefault() {
    // Holds when the COMMITD_* variables are unset, as in CI and on a fresh machine.
    ServerConfig config = parse();
    assertThat(config.dataDir()).isEqualTo(Path.of(System.getenv().getOrDefault("COMMITD_DATA_DIR", "./data")));
    if (System.getenv("COMMITD_HTTP_PORT") == null) {
      assertThat(config.httpPort()).isEqualTo(8080);
      assertThat(config.sshPort()).isEqualTo(2222);
      assertThat(config.databaseUrl()).isNull();
      assertThat(config.region()).isEqualTo("us-east-1");
      assertThat(config.accountId()).isEqualTo("000000000000");
      assertThat(config.rootAccessKeyId()).isNull();
    }
  }

  @Test
  void flagsOverrideTheDefaults() {
    ServerConfig config = parse("--http-port", "9090", "--ssh-port", "-1", "--region", "eu-west-1",
        "--account-id", "123456789012", "--db-url", "jdbc:postgresql://db:5432/commitd", "--data-dir", "/tmp/x");
    assertThat(config.httpPort()).isEqualTo(9090);
    assertThat(config.sshPort()).isEqualTo(-1);
    assertThat(config.region()).isEqualTo("eu-west-1");
    assertThat(config.accountId()).isEqualTo("123456789012");
    assertThat(config.databaseUrl()).isEqualTo("jdbc:postgresql://db:5432/commitd");
    assertThat(config.dataDir()).isEqualTo(Path.of("/tmp/x"));
  }

  @Test
  void eventSettingsComeFromTheirFlags() {
    ServerConfig config = parse("--region", "eu-west-1", "--events-endpoint", "http://localhost:4566",
        "--events-access-key-id", "test", "--events-secret-access-key", "test", "--eventbridge-bus", "commitd",
        "--eventbridge-pattern", "{\"detail\":{\"referenceType\":[\"branch\"]}}", "--webhook-secret", "s3cret",
        "--delivery-max-attempts", "5", "--delivery-poll-interval", "250ms", "--delivery-initial-backoff", "2s",
        "--delivery-max-backoff", "1h");
    assertThat(config.events().region()).as("defaults to the server's region").isEqualTo("eu-west-1");
    assertThat(config.events().endpoint()).hasToString("http://localhost:4566");
    assertThat(config.events().accessKeyId()).isEqualTo("test");
    assertThat(config.events().eventBridgeBus()).isEqualTo("commitd");
    assertThat(config.events().eventBridgeSource()).isEqualTo("aws.codecommit");
    assertThat(config.events().webhookSecret()).isEqualTo("s3cret");
    assertThat(config.events().maxAttempts()).isEqualTo(5);
    assertThat(config.events().pollInterval()).isEqualTo(Duration.ofMillis(250));
    assertThat(config.events().initialBackoff()).isEqualTo(Duration.ofSeconds(2));
    assertThat(config.events().maxBackoff()).isEqualTo(Duration.ofHours(1));
  }

  @Test
  void eachBadEventSettingNamesItself() {
    assertBad("COMMITD_EVENTS_ENDPOINT", "--events-endpoint", "localhost:4566");
    assertBad("COMMITD_EVENTS_REGION", "--events-region", "moon-1");
    assertBad("COMMITD_EVENTS_SECRET_ACCESS_KEY", "--events-access-key-id", "AKIDONLY");
    assertBad("COMMITD_EVENTBRIDGE_PATTERN", "--eventbridge-pattern", "{\"source\":\"not-a-list\"}");
    assertBad("COMMITD_EVENTBRIDGE_PATTERN", "--eventbridge-pattern", "{nope");
    assertBad("COMMITD_DELIVERY_MAX_ATTEMPTS", "--delivery-max-attempts", "0");
    assertBad("COMMITD_DELIVERY_POLL_INTERVAL", "--delivery-poll-interval", "soon");
    assertBad("COMMITD_DELIVERY_INITIAL_BACKOFF", "--delivery-initial-backoff", "0s");
    assertBad("COMMITD_DELIVERY_MAX_BACKOFF", "--delivery-initial-backoff", "10m", "--delivery-max-backoff", "1m");
  }

  @Test
  void eachBadValueNamesItsSetting() {
    assertBad("COMMITD_HTTP_PORT", "--http-port", "eighty");
    assertBad("COMMITD_HTTP_PORT", "--http-port", "70000");
    assertBad("COMMITD_SSH_PORT", "--ssh-port", "-7");
    assertBad("COMMITD_REGION", "--region", "Mars");
    assertBad("COMMITD_ACCOUNT_ID", "--account-id", "42");
    assertBad("COMMITD_DB_URL", "--db-url", "jdbc:mysql://x/y");
    assertBad("COMMITD_ROOT_SECRET_ACCESS_KEY", "--root-access-key-id", "AKIAABCDEFGHIJKLMNOP");
    assertBad("COMMITD_SSH_PORT", "--http-port", "9000", "--ssh-port", "9000");
  }

  @Test
  void theS3EngineIsConfiguredByItsFlagsAndRefusesH2() {
    ServerConfig config = parse("--db-url", "jdbc:postgresql://db:5432/commitd", "--storage", "s3",
        "--s3-endpoint", "http://minio:9000", "--s3-bucket", "packs", "--s3-region", "eu-west-1", "--s3-path-style", "true",
        "--s3-access-key-id", "minio", "--s3-secret-access-key", "minio-secret", "--block-cache-mb", "512");
    StorageConfig storage = config.storage();
    assertThat(storage.engine()).isEqualTo(StorageConfig.Engine.S3);
    assertThat(storage.s3Endpoint()).isEqualTo("http://minio:9000");
    assertThat(storage.s3Bucket()).isEqualTo("packs");
    assertThat(storage.s3Region()).isEqualTo("eu-west-1");
    assertThat(storage.s3PathStyle()).isTrue();
    assertThat(storage.blockCacheMegabytes()).isEqualTo(512);
    assertThat(storage.toString()).doesNotContain("minio-secret");
    if (System.getenv("COMMITD_STORAGE") == null) {
      assertThat(parse().storage().engine()).isEqualTo(StorageConfig.Engine.FILE);
    }

    String pg = "jdbc:postgresql://db:5432/commitd";
    assertBad("COMMITD_STORAGE", "--storage", "nfs");
    assertBad("COMMITD_STORAGE", "--storage", "s3", "--s3-bucket", "packs");
    assertBad("COMMITD_STORAGE", "--storage", "s3", "--s3-bucket", "packs", "--db-url", "jdbc:h2:mem:x");
    assertBad("COMMITD_S3_BUCKET", "--storage", "s3", "--db-url", pg);
    assertBad("COMMITD_S3_ENDPOINT", "--storage", "s3", "--db-url", pg, "--s3-bucket", "b", "--s3-endpoint", "minio:9000");
    assertBad("COMMITD_S3_REGION", "--storage", "s3", "--db-url", pg, "--s3-bucket", "b", "--s3-region", "Mars");
    assertBad("COMMITD_S3_SECRET_ACCESS_KEY", "--storage", "s3", "--db-url", pg, "--s3-bucket", "b", "--s3-access-key-id", "k");
    assertBad("COMMITD_S3_PATH_STYLE", "--s3-path-style", "yes");
    assertBad("COMMITD_BLOCK_CACHE_MB", "--block-cache-mb", "0");
    assertBad("COMMITD_BLOCK_CACHE_MB", "--block-cache-mb", "lots");
  }

  private static void assertBad(String setting, String... args) {
    assertThatThrownBy(() -> parse(args))
        .isInstanceOf(ConfigValidator.InvalidSettingException.class)
        .hasMessageStartingWith(setting + ": ")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
  }
}
