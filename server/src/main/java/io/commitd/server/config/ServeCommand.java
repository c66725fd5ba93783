package io.commitd.server.config;

import io.commitd.server.CommitdServer;
import io.commitd.server.backup.BackupCommands;
import io.commitd.server.http.TrustedProxies;
import io.commitd.storage.db.Database;
import io.commitd.storage.db.PostgresBootstrap;
import io.commitd.triggers.delivery.DeliverySettings;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code commitd serve}: the server, configured by flags or the matching environment variables. */
@Command(name = "serve", mixinStandardHelpOptions = true, description = "Start the commitd server (the default command).")
public final class ServeCommand implements Callable<Integer> {
  private static final Pattern DURATION = Pattern.compile("(\\d{1,9})(ms|s|m|h)");

  @Option(names = "--data-dir", defaultValue = "${env:COMMITD_DATA_DIR:-./data}",
      description = "Repositories, embedded database and generated keys (COMMITD_DATA_DIR, default ./data).")
  String dataDir;

  @Option(names = "--bind", defaultValue = "${env:COMMITD_BIND_ADDRESS:-0.0.0.0}",
      description = "Address to listen on (COMMITD_BIND_ADDRESS, default 0.0.0.0).")
  String bindAddress;

  @Option(names = "--http-port", defaultValue = "${env:COMMITD_HTTP_PORT:-8080}",
      description = "HTTP port for git and the AWS APIs (COMMITD_HTTP_PORT, default 8080).")
  String httpPort;

  @Option(names = "--ssh-port", defaultValue = "${env:COMMITD_SSH_PORT:-2222}",
      description = "SSH port for git; -1 disables SSH (COMMITD_SSH_PORT, default 2222).")
  String sshPort;

  @Option(names = "--db-url", defaultValue = "${env:COMMITD_DB_URL}",
      description = "jdbc:postgresql://… to use PostgreSQL; unset for the embedded H2 database (COMMITD_DB_URL).")
  String databaseUrl;

  @Option(names = "--db-user", defaultValue = "${env:COMMITD_DB_USER}", description = "Database user (COMMITD_DB_USER).")
  String databaseUser;

  @Option(names = "--db-password", defaultValue = "${env:COMMITD_DB_PASSWORD}",
      description = "Database password (COMMITD_DB_PASSWORD).")
  String databasePassword;

  @Option(names = "--region", defaultValue = "${env:COMMITD_REGION:-us-east-1}",
      description = "The region commitd serves (COMMITD_REGION, default us-east-1).")
  String region;

  @Option(names = "--account-id", defaultValue = "${env:COMMITD_ACCOUNT_ID:-000000000000}",
      description = "The default account's id (COMMITD_ACCOUNT_ID, default 000000000000).")
  String accountId;

  @Option(names = "--root-access-key-id", defaultValue = "${env:COMMITD_ROOT_ACCESS_KEY_ID}",
      description = "The default account's root access key id (COMMITD_ROOT_ACCESS_KEY_ID); generated when unset.")
  String rootAccessKeyId;

  @Option(names = "--root-secret-access-key", defaultValue = "${env:COMMITD_ROOT_SECRET_ACCESS_KEY}",
      description = "The default account's root secret access key (COMMITD_ROOT_SECRET_ACCESS_KEY).")
  String rootSecretAccessKey;

  @Option(names = "--master-key", defaultValue = "${env:COMMITD_MASTER_KEY}",
      description = "Base64 of the 32-byte key that encrypts stored secrets (COMMITD_MASTER_KEY); generated into <data dir>/master.key when unset.")
  String masterKey;

  @Mixin StorageOptions storage;

  @Option(names = "--events-endpoint", defaultValue = "${env:COMMITD_EVENTS_ENDPOINT}",
      description = "One endpoint for SNS, Lambda and EventBridge, e.g. LocalStack (COMMITD_EVENTS_ENDPOINT); unset for AWS.")
  String eventsEndpoint;

  @Option(names = "--events-region", defaultValue = "${env:COMMITD_EVENTS_REGION}",
      description = "Region of the SNS, Lambda and EventBridge clients (COMMITD_EVENTS_REGION, default the server's region).")
  String eventsRegion;

  @Option(names = "--events-access-key-id", defaultValue = "${env:COMMITD_EVENTS_ACCESS_KEY_ID}",
      description = "Access key id for SNS, Lambda and EventBridge (COMMITD_EVENTS_ACCESS_KEY_ID); unset for the SDK's default chain.")
  String eventsAccessKeyId;

  @Option(names = "--events-secret-access-key", defaultValue = "${env:COMMITD_EVENTS_SECRET_ACCESS_KEY}",
      description = "Secret access key for SNS, Lambda and EventBridge (COMMITD_EVENTS_SECRET_ACCESS_KEY).")
  String eventsSecretAccessKey;

  @Option(names = "--eventbridge-bus", defaultValue = "${env:COMMITD_EVENTBRIDGE_BUS}",
      description = "EventBridge bus (name or ARN) for CodeCommit events (COMMITD_EVENTBRIDGE_BUS); unset sends none.")
  String eventBridgeBus;

  @Option(names = "--eventbridge-pattern", defaultValue = "${env:COMMITD_EVENTBRIDGE_PATTERN}",
      description = "EventBridge event pattern an event must match to be sent (COMMITD_EVENTBRIDGE_PATTERN); unset sends all.")
  String eventBridgePattern;

  @Option(names = "--eventbridge-source", defaultValue = "${env:COMMITD_EVENTBRIDGE_SOURCE:-aws.codecommit}",
      description = "Source of the events put on the bus (COMMITD_EVENTBRIDGE_SOURCE, default aws.codecommit).")
  String eventBridgeSource;

  @Option(names = "--webhook-secret", defaultValue = "${env:COMMITD_WEBHOOK_SECRET}",
      description = "Key of webhooks' X-Commitd-Signature-256 HMAC (COMMITD_WEBHOOK_SECRET); unset sends no signature.")
  String webhookSecret;

  @Option(names = "--delivery-max-attempts", defaultValue = "${env:COMMITD_DELIVERY_MAX_ATTEMPTS:-12}",
      description = "Attempts before an event is dead (COMMITD_DELIVERY_MAX_ATTEMPTS, default 12).")
  String deliveryMaxAttempts;

  @Option(names = "--delivery-poll-interval", defaultValue = "${env:COMMITD_DELIVERY_POLL_INTERVAL:-1s}",
      description = "How often the dispatcher looks for events (COMMITD_DELIVERY_POLL_INTERVAL, default 1s).")
  String deliveryPollInterval;

  @Option(names = "--delivery-initial-backoff", defaultValue = "${env:COMMITD_DELIVERY_INITIAL_BACKOFF:-1s}",
      description = "Wait after a first failed attempt, doubled after each further one (COMMITD_DELIVERY_INITIAL_BACKOFF, default 1s).")
  String deliveryInitialBackoff;

  @Option(names = "--delivery-max-backoff", defaultValue = "${env:COMMITD_DELIVERY_MAX_BACKOFF:-5m}",
      description = "Longest wait between attempts (COMMITD_DELIVERY_MAX_BACKOFF, default 5m).")
  String deliveryMaxBackoff;

  @Option(names = "--tls-cert-file", defaultValue = "${env:COMMITD_TLS_CERT_FILE}",
      description = "PEM certificate chain; with --tls-key-file the HTTP port serves HTTPS only (COMMITD_TLS_CERT_FILE).")
  String tlsCertFile;

  @Option(names = "--tls-key-file", defaultValue = "${env:COMMITD_TLS_KEY_FILE}",
      description = "PEM private key, PKCS#8 or traditional RSA/EC (COMMITD_TLS_KEY_FILE).")
  String tlsKeyFile;

  @Option(names = "--public-url", defaultValue = "${env:COMMITD_PUBLIC_URL}",
      description = "The URL clients use, e.g. https://git.example.com, for clone URLs behind a proxy (COMMITD_PUBLIC_URL).")
  String publicUrl;

  @Option(names = "--trusted-proxies", defaultValue = "${env:COMMITD_TRUSTED_PROXIES}",
      description = "Comma-separated addresses/CIDR blocks of reverse proxies whose X-Forwarded-* headers are believed (COMMITD_TRUSTED_PROXIES).")
  String trustedProxies;

  /** Reads the TLS and proxy options. */
  public TransportSecurity toTransportSecurity() {
    URI url = null;
    if (blankToNull(publicUrl) != null) {
      try {
        url = new URI(publicUrl.trim());
      } catch (URISyntaxException e) {
        throw new ConfigValidator.InvalidSettingException("COMMITD_PUBLIC_URL", "'" + publicUrl + "' is not a URL");
      }
    }
    List<String> proxies = blankToNull(trustedProxies) == null ? List.of() : List.of(trustedProxies.split(","));
    TrustedProxies.of(proxies); // fails the start on a malformed entry
    return new TransportSecurity(
        blankToNull(tlsCertFile) == null ? null : Path.of(tlsCertFile), blankToNull(tlsKeyFile) == null ? null : Path.of(tlsKeyFile),
        url, proxies);
  }

  @Option(names = "--audit-retention-days", defaultValue = "${env:COMMITD_AUDIT_RETENTION_DAYS:-90}",
      description = "Days the audit trail (LookupEvents) keeps events (COMMITD_AUDIT_RETENTION_DAYS, default 90).")
  String auditRetentionDays;

  @Option(names = "--shutdown-timeout", defaultValue = "${env:COMMITD_SHUTDOWN_TIMEOUT:-30s}",
      description = "How long a stop (SIGTERM) waits for git operations and API calls in flight (COMMITD_SHUTDOWN_TIMEOUT, default 30s).")
  String shutdownTimeout;

  @Option(names = "--concurrent-requests", defaultValue = "${env:COMMITD_CONCURRENT_REQUESTS:-}",
      description = "API, console and admin requests handled at once, the rest waiting their turn; git transfers are not counted"
          + " (COMMITD_CONCURRENT_REQUESTS, default twice the cores; 0 for no limit).")
  String concurrentRequests;

  @Option(names = "--log-format", defaultValue = "${env:COMMITD_LOG_FORMAT:-text}",
      description = "Log lines as 'text' or 'json' (one JSON object a line) on standard error (COMMITD_LOG_FORMAT, default text).")
  String logFormat;

  /** Reads the operating options (audit retention, shutdown timeout, concurrent requests) into their configuration. */
  public OperationsConfig toOperationsConfig() {
    if (!"text".equals(logFormat) && !"json".equals(logFormat)) {
      throw new ConfigValidator.InvalidSettingException("COMMITD_LOG_FORMAT", "'" + logFormat + "' is neither text nor json");
    }
    return new OperationsConfig(OperationsConfig.parseDays("COMMITD_AUDIT_RETENTION_DAYS", auditRetentionDays),
        OperationsConfig.parseDuration("COMMITD_SHUTDOWN_TIMEOUT", shutdownTimeout),
        OperationsConfig.parseConcurrentRequests("COMMITD_CONCURRENT_REQUESTS", concurrentRequests));
  }

  /** Reads the options into a validated configuration. */
  public ServerConfig toConfig() {
    ServerConfig config =
        new ServerConfig(
            Path.of(dataDir),
            bindAddress,
            parsePort("COMMITD_HTTP_PORT", httpPort),
            parsePort("COMMITD_SSH_PORT", sshPort),
            blankToNull(databaseUrl),
            blankToNull(databaseUser),
            blankToNull(databasePassword),
            region,
            accountId,
            blankToNull(rootAccessKeyId),
            blankToNull(rootSecretAccessKey),
            blankToNull(masterKey),
            storage.toConfig(),
            events());
    ConfigValidator.validate(config);
    return config;
  }

  @Override
  public Integer call() throws Exception {
    ServerConfig config = toConfig();
    if (config.databaseUrl() == null) {
      // The embedded database, open to a backup from another process (H2's auto-server, on loopback).
      System.setProperty("h2.bindAddress", "127.0.0.1");
      config = config.withDatabase(Database.embeddedUrl(config.dataDir()) + BackupCommands.EMBEDDED_SHARED, null, null);
    }
    OperationsConfig operations = toOperationsConfig();
    // Read by LogSetup when logging starts, which is below: nothing has logged yet.
    System.setProperty(LogSetup.FORMAT, logFormat);
    GracefulStop stop = GracefulStop.install(operations.shutdownTimeout());
    try {
      stop.started(start(config, operations));
    } catch (Exception | Error e) {
      stop.startFailed(e);
      throw e;
    }
    stop.awaitStopped();
    return 0;
  }

  private CommitdServer start(ServerConfig config, OperationsConfig operations) throws Exception {
    // A port in use is the commonest start failure: find it before anything is opened or logged.
    ensureFree(config, "COMMITD_HTTP_PORT", config.httpPort());
    ensureFree(config, "COMMITD_SSH_PORT", config.sshPort());
    if (config.databaseUrl() != null && config.databaseUrl().startsWith("jdbc:postgresql:")) {
      try {
        if (PostgresBootstrap.createIfMissing(config.databaseUrl(), config.databaseUser(), config.databasePassword())) {
          LoggerFactory.getLogger(ServeCommand.class).info("created the database of {}", config.databaseUrl());
        }
      } catch (SQLException e) {
        throw StartupFailure.explain(e, config);
      }
    }
    try {
      return CommitdServer.start(config, toTransportSecurity(), operations);
    } catch (Exception e) {
      throw StartupFailure.explain(e, config);
    }
  }

  private DeliverySettings events() {
    String eventsRegionOrServer = blankToNull(eventsRegion) == null ? region : eventsRegion.trim();
    return new DeliverySettings(
        parseEndpoint(blankToNull(eventsEndpoint)),
        eventsRegionOrServer,
        blankToNull(eventsAccessKeyId),
        blankToNull(eventsSecretAccessKey),
        blankToNull(eventBridgeBus),
        blankToNull(eventBridgePattern),
        eventBridgeSource == null || eventBridgeSource.isBlank() ? DeliverySettings.DEFAULT_EVENTBRIDGE_SOURCE : eventBridgeSource.trim(),
        blankToNull(webhookSecret),
        parseAttempts(deliveryMaxAttempts),
        parseDuration("COMMITD_DELIVERY_POLL_INTERVAL", deliveryPollInterval),
        parseDuration("COMMITD_DELIVERY_INITIAL_BACKOFF", deliveryInitialBackoff),
        parseDuration("COMMITD_DELIVERY_MAX_BACKOFF", deliveryMaxBackoff),
        DeliverySettings.DEFAULT_CALL_TIMEOUT);
  }

  private static URI parseEndpoint(String value) {
    if (value == null) {
      return null;
    }
    try {
      URI uri = new URI(value.trim());
      if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
        throw new ConfigValidator.InvalidSettingException("COMMITD_EVENTS_ENDPOINT", "'" + value + "' is not an http(s) URL");
      }
      return uri;
    } catch (URISyntaxException e) {
      throw new ConfigValidator.InvalidSettingException("COMMITD_EVENTS_ENDPOINT", "'" + value + "' is not an http(s) URL");
    }
  }

  private static int parseAttempts(String value) {
    try {
      int attempts = Integer.parseInt(value.trim());
      if (attempts >= 1 && attempts <= 1000) {
        return attempts;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new ConfigValidator.InvalidSettingException("COMMITD_DELIVERY_MAX_ATTEMPTS", "'" + value + "' is not a number from 1 to 1000");
  }

  /** {@code 500ms}, {@code 10s}, {@code 5m}, {@code 1h}: positive. */
  static Duration parseDuration(String setting, String value) {
    Matcher m = DURATION.matcher(value == null ? "" : value.trim());
    if (m.matches() && Long.parseLong(m.group(1)) > 0) {
      long amount = Long.parseLong(m.group(1));
      return switch (m.group(2)) {
        case "ms" -> Duration.ofMillis(amount);
        case "s" -> Duration.ofSeconds(amount);
        case "m" -> Duration.ofMinutes(amount);
        default -> Duration.ofHours(amount);
      };
    }
    throw new ConfigValidator.InvalidSettingException(setting, "'" + value + "' is not a positive duration like 500ms, 10s, 5m or 1h");
  }

  private static void ensureFree(ServerConfig config, String setting, int port) {
    if (port <= 0) {
      return;
    }
    try (ServerSocket probe = new ServerSocket()) {
      probe.setReuseAddress(true);
      probe.bind(new InetSocketAddress(config.bindAddress(), port));
    } catch (IOException e) {
      throw new StartupFailure("port " + port + " on " + config.bindAddress() + " is already in use (" + setting
          + "): stop the process that holds it or set " + setting + " to a free port", e);
    }
  }

  private static int parsePort(String setting, String value) {
    try {
      return Integer.parseInt(value.trim());
    } catch (NumberFormatException e) {
      throw new ConfigValidator.InvalidSettingException(setting, "'" + value + "' is not a port number");
    }
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value;
  }
}
