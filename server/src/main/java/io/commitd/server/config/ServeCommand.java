package io.commitd.server.config;

import io.commitd.server.CommitdServer;
import ch.qos.logback.classic.LoggerContext;
import io.commitd.server.backup.BackupCommands;
import io.commitd.storage.db.Database;
import io.commitd.storage.db.PostgresBootstrap;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Option;

/** {@code commitd serve}: the server, configured by flags or the matching environment variables. */
@Command(name = "serve", mixinStandardHelpOptions = true, description = "Start the commitd server (the default command).")
public final class ServeCommand implements Callable<Integer> {

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

  @Option(names = "--audit-retention-days", defaultValue = "${env:COMMITD_AUDIT_RETENTION_DAYS:-90}",
      description = "Days the audit trail (LookupEvents) keeps events (COMMITD_AUDIT_RETENTION_DAYS, default 90).")
  String auditRetentionDays;

  @Option(names = "--shutdown-timeout", defaultValue = "${env:COMMITD_SHUTDOWN_TIMEOUT:-30s}",
      description = "How long a stop (SIGTERM) waits for git operations and API calls in flight (COMMITD_SHUTDOWN_TIMEOUT, default 30s).")
  String shutdownTimeout;

  @Option(names = "--log-format", defaultValue = "${env:COMMITD_LOG_FORMAT:-text}",
      description = "Log lines as 'text' or 'json' (one JSON object a line) on standard error (COMMITD_LOG_FORMAT, default text).")
  String logFormat;

  /** Reads the operating options (audit retention, shutdown timeout) into their configuration. */
  public OperationsConfig toOperationsConfig() {
    if (!"text".equals(logFormat) && !"json".equals(logFormat)) {
      throw new ConfigValidator.InvalidSettingException("COMMITD_LOG_FORMAT", "'" + logFormat + "' is neither text nor json");
    }
    return new OperationsConfig(OperationsConfig.parseDays("COMMITD_AUDIT_RETENTION_DAYS", auditRetentionDays),
        OperationsConfig.parseDuration("COMMITD_SHUTDOWN_TIMEOUT", shutdownTimeout));
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
            blankToNull(masterKey));
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
    // Read by logback.xml when logging starts, which is below: nothing has logged yet.
    System.setProperty("COMMITD_LOG_FORMAT", logFormat);
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
    CommitdServer server;
    try {
      server = CommitdServer.start(config, operations);
    } catch (Exception e) {
      throw StartupFailure.explain(e, config);
    }
    Logger log = LoggerFactory.getLogger(ServeCommand.class);
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      long started = System.nanoTime();
      log.info("commitd stopping: no new connections; waiting up to {} for work in flight", operations.shutdownTimeout());
      server.close();
      log.info("commitd stopped in {} ms", (System.nanoTime() - started) / 1_000_000);
      stopped.countDown();
      if (LoggerFactory.getILoggerFactory() instanceof LoggerContext logback) {
        logback.stop();
      }
      // A stop that drained its work is a clean exit, whatever signal asked for it.
      Runtime.getRuntime().halt(0);
    }, "commitd-shutdown"));
    stopped.await();
    return 0;
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
