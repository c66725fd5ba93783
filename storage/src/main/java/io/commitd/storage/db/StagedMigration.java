package io.commitd.storage.db;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/**
 * Migrates an embedded H2 database whole or not at all. H2 commits each DDL statement as it runs, so
 * a migration stopped midway (a SIGTERM during the first start, a kill, a full disk) left tables
 * that Flyway had not recorded, and every later start failed on "Table … already exists". Here the
 * pending migrations run on a copy beside the database ({@code NAME-migrating.mv.db}, or a new file
 * at the first start), which replaces the database in one atomic rename once all of them have run.
 * A copy left by a stopped migration is deleted and the work done again at the next start.
 *
 * <p>PostgreSQL needs none of this: its DDL is transactional, and Flyway runs each migration in a
 * transaction there.
 */
final class StagedMigration {
  static final String STAGED_SUFFIX = "-migrating";
  private static final String FILE_PREFIX = "jdbc:h2:file:";
  private static final String DATA_FILE = ".mv.db";

  private final Path database;
  private final String settings;
  private final String user;
  private final String password;
  private final String[] locations;

  private StagedMigration(Path database, String settings, String user, String password, String[] locations) {
    this.database = database;
    this.settings = settings;
    this.user = user;
    this.password = password;
    this.locations = locations.clone();
  }

  /** The staging for an H2 file URL, or null for any other URL (in-memory H2, PostgreSQL). */
  static StagedMigration of(String jdbcUrl, String user, String password, String... locations) {
    if (!jdbcUrl.startsWith(FILE_PREFIX)) {
      return null;
    }
    String rest = jdbcUrl.substring(FILE_PREFIX.length());
    int semicolon = rest.indexOf(';');
    String name = semicolon < 0 ? rest : rest.substring(0, semicolon);
    String settings = semicolon < 0 ? "" : rest.substring(semicolon);
    if (name.startsWith("~")) {
      name = System.getProperty("user.home") + name.substring(1);
    }
    return new StagedMigration(Path.of(name), settings, user, password, locations);
  }

  /** Whether the database has not been created yet: then every migration is pending. */
  boolean databaseMissing() {
    return !Files.exists(dataFile(database));
  }

  /** Whether migrations are pending on the database behind {@code dataSource}. */
  boolean pendingOn(DataSource dataSource) {
    return Flyway.configure().dataSource(dataSource).locations(locations).load().info().pending().length > 0;
  }

  /**
   * Runs every pending migration on a copy of the database (closed: nothing else may have it open)
   * and puts the copy in its place.
   */
  void migrate() {
    Path staged = database.resolveSibling(database.getFileName() + STAGED_SUFFIX);
    String stagedUrl = FILE_PREFIX + staged + settings;
    try {
      deleteFiles(staged);
      if (!databaseMissing()) {
        Files.copy(dataFile(database), dataFile(staged));
      }
      flyway(stagedUrl).migrate();
      shutDown(stagedUrl);
      Files.move(dataFile(staged), dataFile(database), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      deleteFiles(staged);
    } catch (IOException e) {
      throw new UncheckedIOException("could not migrate the database " + dataFile(database) + " through " + dataFile(staged), e);
    }
  }

  private Flyway flyway(String url) {
    return Flyway.configure().dataSource(url, user, password).locations(locations).load();
  }

  /** Closes the staged database whatever connections remain, so that its file is complete. */
  private void shutDown(String url) {
    try (Connection connection = DriverManager.getConnection(url, user, password);
        Statement statement = connection.createStatement()) {
      statement.execute("SHUTDOWN");
    } catch (SQLException e) {
      throw new DatabaseException(e);
    }
  }

  private static Path dataFile(Path name) {
    return name.resolveSibling(name.getFileName() + DATA_FILE);
  }

  /** The staged database's files, H2's lock and trace included. */
  private static void deleteFiles(Path name) throws IOException {
    for (String suffix : new String[] {DATA_FILE, ".lock.db", ".trace.db"}) {
      Files.deleteIfExists(name.resolveSibling(name.getFileName() + suffix));
    }
  }
}
