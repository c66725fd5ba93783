package io.commitd.server.config;

import io.commitd.triggers.delivery.DeliverySettings;
import io.commitd.triggers.pattern.EventPattern;
import io.commitd.triggers.pattern.InvalidEventPatternException;
import java.net.URISyntaxException;
import java.util.List;
import java.util.regex.Pattern;

/** Checks a configuration before anything starts, naming the one setting that is wrong. */
public final class ConfigValidator {
  private static final Pattern REGION = Pattern.compile("[a-z]{2}(-[a-z]+)+-\\d");
  private static final Pattern ACCOUNT_ID = Pattern.compile("\\d{12}");
  private static final Pattern ACCESS_KEY_ID = Pattern.compile("[A-Z0-9]{16,128}");

  private ConfigValidator() {}

  /** Thrown with a one-line message that names the setting, e.g. {@code COMMITD_HTTP_PORT}. */
  public static final class InvalidSettingException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public InvalidSettingException(String setting, String problem) {
      super(setting + ": " + problem);
    }
  }

  public static void validate(ServerConfig config) {
    port("COMMITD_HTTP_PORT", config.httpPort(), false);
    port("COMMITD_SSH_PORT", config.sshPort(), true);
    if (config.httpPort() != 0 && config.httpPort() == config.sshPort()) {
      throw new InvalidSettingException("COMMITD_SSH_PORT", "must differ from COMMITD_HTTP_PORT (" + config.httpPort() + ")");
    }
    if (!REGION.matcher(config.region()).matches()) {
      throw new InvalidSettingException("COMMITD_REGION", "'" + config.region() + "' is not a region name like us-east-1");
    }
    if (!ACCOUNT_ID.matcher(config.accountId()).matches()) {
      throw new InvalidSettingException("COMMITD_ACCOUNT_ID", "'" + config.accountId() + "' is not a 12-digit account id");
    }
    String url = config.databaseUrl();
    if (url != null && !url.startsWith("jdbc:postgresql://") && !url.startsWith("jdbc:h2:")) {
      throw new InvalidSettingException("COMMITD_DB_URL", "'" + url + "' is neither a jdbc:postgresql:// nor a jdbc:h2: URL");
    }
    boolean hasKey = config.rootAccessKeyId() != null;
    boolean hasSecret = config.rootSecretAccessKey() != null;
    if (hasKey != hasSecret) {
      throw new InvalidSettingException(
          hasKey ? "COMMITD_ROOT_SECRET_ACCESS_KEY" : "COMMITD_ROOT_ACCESS_KEY_ID",
          "must be set together with " + (hasKey ? "COMMITD_ROOT_ACCESS_KEY_ID" : "COMMITD_ROOT_SECRET_ACCESS_KEY"));
    }
    if (hasKey && !ACCESS_KEY_ID.matcher(config.rootAccessKeyId()).matches()) {
      throw new InvalidSettingException(
          "COMMITD_ROOT_ACCESS_KEY_ID", "must be 16 to 128 upper-case letters and digits");
    }
    masterKey(config.masterKey());
    events(config.events());
    if (hasSecret && config.rootSecretAccessKey().length() < 16) {
      throw new InvalidSettingException("COMMITD_ROOT_SECRET_ACCESS_KEY", "must be at least 16 characters");
    }
    storage(config.storage(), url);
  }

  private static void storage(StorageConfig storage, String databaseUrl) {
    if (storage.blockCacheMegabytes() < 1 || storage.blockCacheMegabytes() > 1024 * 1024) {
      throw new InvalidSettingException("COMMITD_BLOCK_CACHE_MB", storage.blockCacheMegabytes() + " is not a size in MiB (1 or more)");
    }
    if (!storage.isS3()) {
      return;
    }
    if (databaseUrl == null || !databaseUrl.startsWith("jdbc:postgresql://")) {
      throw new InvalidSettingException("COMMITD_STORAGE",
          "s3 keeps refs in the shared database and needs PostgreSQL (COMMITD_DB_URL=jdbc:postgresql://…), not the embedded H2");
    }
    if (storage.s3Bucket() == null) {
      throw new InvalidSettingException("COMMITD_S3_BUCKET", "must be set with COMMITD_STORAGE=s3");
    }
    if (storage.s3Endpoint() != null) {
      try {
        java.net.URI endpoint = new java.net.URI(storage.s3Endpoint());
        if (endpoint.getHost() == null || !List.of("http", "https").contains(String.valueOf(endpoint.getScheme()))) {
          throw new URISyntaxException(storage.s3Endpoint(), "not http(s)://host");
        }
      } catch (URISyntaxException e) {
        throw new InvalidSettingException("COMMITD_S3_ENDPOINT", "'" + storage.s3Endpoint() + "' is not an http(s):// URL");
      }
    }
    if (storage.s3Region() != null && !REGION.matcher(storage.s3Region()).matches()) {
      throw new InvalidSettingException("COMMITD_S3_REGION", "'" + storage.s3Region() + "' is not a region name like us-east-1");
    }
    if ((storage.s3AccessKeyId() == null) != (storage.s3SecretAccessKey() == null)) {
      throw new InvalidSettingException(
          storage.s3AccessKeyId() == null ? "COMMITD_S3_ACCESS_KEY_ID" : "COMMITD_S3_SECRET_ACCESS_KEY",
          "must be set together with " + (storage.s3AccessKeyId() == null ? "COMMITD_S3_SECRET_ACCESS_KEY" : "COMMITD_S3_ACCESS_KEY_ID"));
    }
    if (storage.packGracePeriod().isNegative()) {
      throw new InvalidSettingException("COMMITD_S3_PACK_GRACE_MINUTES", "must not be negative");
    }
  }

  private static void events(DeliverySettings events) {
    if (!REGION.matcher(events.region()).matches()) {
      throw new InvalidSettingException("COMMITD_EVENTS_REGION", "'" + events.region() + "' is not a region name like us-east-1");
    }
    boolean hasKey = events.accessKeyId() != null;
    if (hasKey != (events.secretAccessKey() != null)) {
      throw new InvalidSettingException(
          hasKey ? "COMMITD_EVENTS_SECRET_ACCESS_KEY" : "COMMITD_EVENTS_ACCESS_KEY_ID",
          "must be set together with " + (hasKey ? "COMMITD_EVENTS_ACCESS_KEY_ID" : "COMMITD_EVENTS_SECRET_ACCESS_KEY"));
    }
    if (events.eventBridgePattern() != null) {
      try {
        EventPattern.parse(events.eventBridgePattern());
      } catch (InvalidEventPatternException e) {
        throw new InvalidSettingException("COMMITD_EVENTBRIDGE_PATTERN", e.getMessage().replace('\n', ' '));
      }
    }
    if (events.maxBackoff().compareTo(events.initialBackoff()) < 0) {
      throw new InvalidSettingException("COMMITD_DELIVERY_MAX_BACKOFF",
          "must not be shorter than COMMITD_DELIVERY_INITIAL_BACKOFF (" + events.initialBackoff() + ")");
    }
  }

  private static void masterKey(String value) {
    if (value == null) {
      return;
    }
    byte[] key;
    try {
      key = java.util.Base64.getDecoder().decode(value.trim());
    } catch (IllegalArgumentException e) {
      throw new InvalidSettingException("COMMITD_MASTER_KEY", "is not base64");
    }
    if (key.length != 32) {
      throw new InvalidSettingException("COMMITD_MASTER_KEY", "must be 32 bytes (base64 of 256 random bits), not " + key.length);
    }
  }

  private static void port(String setting, int port, boolean mayBeDisabled) {
    if (port < (mayBeDisabled ? -1 : 0) || port > 65535) {
      throw new InvalidSettingException(setting, port + " is not a port number (0-65535" + (mayBeDisabled ? ", or -1 to disable" : "") + ")");
    }
  }
}
