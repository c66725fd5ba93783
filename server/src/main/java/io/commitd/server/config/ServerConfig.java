package io.commitd.server.config;

import io.commitd.triggers.delivery.DeliverySettings;
import java.nio.file.Path;

/**
 * Everything a commitd server is configured with. Built from flags and {@code COMMITD_*}
 * environment variables by {@link ServeCommand}, or directly by tests.
 *
 * @param httpPort 0 picks a free port
 * @param sshPort 0 picks a free port, -1 disables SSH
 * @param databaseUrl null for the embedded H2 database under {@code dataDir}
 * @param rootAccessKeyId null to use (or generate) the credentials file under {@code dataDir}
 * @param masterKey base64 of the 32-byte key that seals stored secrets; null to use (or generate)
 *     {@code <dataDir>/master.key}
 * @param storage the repository storage engine and its settings
 * @param events how the trigger dispatcher reaches SNS, Lambda, EventBridge and webhooks
 */
public record ServerConfig(
    Path dataDir,
    String bindAddress,
    int httpPort,
    int sshPort,
    String databaseUrl,
    String databaseUser,
    String databasePassword,
    String region,
    String accountId,
    String rootAccessKeyId,
    String rootSecretAccessKey,
    String masterKey,
    StorageConfig storage,
    DeliverySettings events) {

  /** A configuration on the default {@code file} storage engine, delivering events with the defaults. */
  public ServerConfig(Path dataDir, String bindAddress, int httpPort, int sshPort, String databaseUrl, String databaseUser,
      String databasePassword, String region, String accountId, String rootAccessKeyId, String rootSecretAccessKey,
      String masterKey) {
    this(dataDir, bindAddress, httpPort, sshPort, databaseUrl, databaseUser, databasePassword, region, accountId,
        rootAccessKeyId, rootSecretAccessKey, masterKey, StorageConfig.file(), DeliverySettings.defaults(region));
  }

  public static final String DEFAULT_ACCOUNT_ID = "000000000000";
  public static final String DEFAULT_REGION = "us-east-1";

  /** The defaults, with data in {@code dataDir}: what {@code java -jar commitd.jar} runs with. */
  public static ServerConfig defaults(Path dataDir) {
    return new ServerConfig(
        dataDir, "0.0.0.0", 8080, 2222, null, null, null, DEFAULT_REGION, DEFAULT_ACCOUNT_ID, null, null, null);
  }

  public ServerConfig withPorts(int http, int ssh) {
    return new ServerConfig(
        dataDir, bindAddress, http, ssh, databaseUrl, databaseUser, databasePassword, region, accountId,
        rootAccessKeyId, rootSecretAccessKey, masterKey, storage, events);
  }

  public ServerConfig withDatabase(String url, String user, String password) {
    return new ServerConfig(
        dataDir, bindAddress, httpPort, sshPort, url, user, password, region, accountId, rootAccessKeyId,
        rootSecretAccessKey, masterKey, storage, events);
  }

  public ServerConfig withRootCredentials(String accessKeyId, String secretAccessKey) {
    return new ServerConfig(
        dataDir, bindAddress, httpPort, sshPort, databaseUrl, databaseUser, databasePassword, region, accountId,
        accessKeyId, secretAccessKey, masterKey, storage, events);
  }

  public ServerConfig withAccountId(String id) {
    return new ServerConfig(
        dataDir, bindAddress, httpPort, sshPort, databaseUrl, databaseUser, databasePassword, region, id,
        rootAccessKeyId, rootSecretAccessKey, masterKey, storage, events);
  }

  public ServerConfig withBindAddress(String address) {
    return new ServerConfig(
        dataDir, address, httpPort, sshPort, databaseUrl, databaseUser, databasePassword, region, accountId,
        rootAccessKeyId, rootSecretAccessKey, masterKey, storage, events);
  }

  public ServerConfig withStorage(StorageConfig newStorage) {
    return new ServerConfig(
        dataDir, bindAddress, httpPort, sshPort, databaseUrl, databaseUser, databasePassword, region, accountId,
        rootAccessKeyId, rootSecretAccessKey, masterKey, newStorage, events);
  }

  public ServerConfig withEvents(DeliverySettings settings) {
    return new ServerConfig(
        dataDir, bindAddress, httpPort, sshPort, databaseUrl, databaseUser, databasePassword, region, accountId,
        rootAccessKeyId, rootSecretAccessKey, masterKey, storage, settings);
  }
}
