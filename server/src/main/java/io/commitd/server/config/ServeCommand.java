package io.commitd.server.config;

import io.commitd.server.CommitdServer;
import io.commitd.server.http.TrustedProxies;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
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
    CommitdServer server = CommitdServer.start(config, toTransportSecurity());
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      server.close();
      stopped.countDown();
    }, "commitd-shutdown"));
    stopped.await();
    return 0;
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
