package io.commitd.server.testing;

import io.commitd.server.CommitdServer;
import io.commitd.server.config.ServerConfig;
import io.commitd.server.config.StorageConfig;
import io.commitd.server.config.TransportSecurity;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.UnaryOperator;
import org.eclipse.jgit.util.FileUtils;

/**
 * A real commitd, in-process, on free ports, with its own data directory and database: what
 * integration tests drive with the {@code git} binary, the {@code aws} CLI and the AWS SDK.
 */
public final class TestServer implements AutoCloseable {
  public static final String ACCOUNT_ID = "111122223333";
  public static final String ROOT_ACCESS_KEY_ID = "AKIAROOTTESTKEY00001";
  public static final String ROOT_SECRET = "rootSecretKeyForTests0000000000000000000";

  private final Path dataDir;
  private final TestDatabase database;
  private final CommitdServer server;
  private final boolean ownsDatabase;
  private final boolean security;

  private TestServer(Path dataDir, TestDatabase database, CommitdServer server, boolean ownsDatabase) {
    this.security = server.transportSecurity().tlsEnabled();
    this.dataDir = dataDir;
    this.database = database;
    this.server = server;
    this.ownsDatabase = ownsDatabase;
  }

  public static TestServer start() {
    return start(TestDatabase.create());
  }

  public static TestServer start(TestDatabase database) {
    return start(database, UnaryOperator.identity());
  }

  /** A test server with TLS or proxy settings. */
  public static TestServer start(TransportSecurity security) {
    TestDatabase database = TestDatabase.create();
    try {
      return startWith(database, StorageConfig.file(), true, UnaryOperator.identity(), security);
    } catch (RuntimeException e) {
      database.close();
      throw e;
    }
  }

  /** A server on {@code database} whose configuration {@code customize} adjusts (e.g. its event settings). */
  public static TestServer start(TestDatabase database, UnaryOperator<ServerConfig> customize) {
    try {
      return startWith(database, StorageConfig.file(), true, customize, TransportSecurity.none());
    } catch (RuntimeException e) {
      database.close();
      throw e;
    }
  }

  /**
   * One node of a cluster: its own data directory and ports, on a database (and the storage the
   * settings name) that other nodes share. Closing the node leaves the database to its owner.
   */
  public static TestServer startNode(TestDatabase shared, StorageConfig storage) {
    return startWith(shared, storage, false, UnaryOperator.identity(), TransportSecurity.none());
  }

  private static TestServer startWith(TestDatabase database, StorageConfig storage, boolean owns,
      UnaryOperator<ServerConfig> customize, TransportSecurity security) {
    try {
      Path dataDir = Files.createTempDirectory("commitd-it-");
      ServerConfig config =
          ServerConfig.defaults(dataDir)
              .withBindAddress("127.0.0.1")
              .withPorts(0, 0)
              .withDatabase(database.url(), database.user(), null)
              .withRootCredentials(ROOT_ACCESS_KEY_ID, ROOT_SECRET);
      config = customize.apply(config.withAccountId(ACCOUNT_ID).withStorage(storage));
      return new TestServer(dataDir, database, CommitdServer.start(config, security), owns);
    } catch (Exception e) {
      throw new IllegalStateException("test server did not start", e);
    }
  }

  /** The database this server runs on (and drops when it closes). */
  public TestDatabase database() {
    return database;
  }

  public CommitdServer server() {
    return server;
  }

  public URI endpoint() {
    return URI.create((security ? "https" : "http") + "://127.0.0.1:" + server.httpPort());
  }

  public Path dataDir() {
    return dataDir;
  }

  /** The {@code aws} CLI signed as the account's root user. */
  public AwsCli rootCli() {
    return new AwsCli(endpoint(), ROOT_ACCESS_KEY_ID, ROOT_SECRET, null);
  }

  /** The AWS SDK for Java v2 signed as the account's root user. */
  public Sdk rootSdk() {
    return new Sdk(endpoint(), ROOT_ACCESS_KEY_ID, ROOT_SECRET, null);
  }

  /**
   * Stops the server, after checking that every CodeCommit error it answered during the test is
   * one botocore's model lists for that operation: a test class that provokes an unlisted error
   * fails here.
   */
  @Override
  public void close() {
    List<String> violations = CodeCommitModel.installed().unlistedErrors(server.metrics());
    server.close();
    if (ownsDatabase) {
      database.close();
    }
    try {
      FileUtils.delete(dataDir.toFile(), FileUtils.RECURSIVE | FileUtils.RETRY | FileUtils.SKIP_MISSING);
    } catch (IOException e) {
      throw new IllegalStateException("could not remove " + dataDir, e);
    }
    if (!violations.isEmpty()) {
      throw new AssertionError("errors the CodeCommit model does not list for their operation: " + violations);
    }
  }
}
