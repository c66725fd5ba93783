package io.commitd.storage.db;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
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
   * Runs every pending migration on a copy of the database and puts the copy in its place. The
   * database must be closed: while another process (a running commitd, which a newer version's
   * {@code backup} could reach through H2's auto-server) holds it, the copy would miss its writes and
   * the rename would pull the file from under it, so the migration is refused instead.
   */
  void migrate() {
    Path staged = database.resolveSibling(database.getFileName() + STAGED_SUFFIX);
    try {
      deleteFiles(staged);
      if (databaseMissing()) {
        migrateInto(staged);
        return;
      }
      // H2 locks the file while it has the database open; holding the lock keeps it closed meanwhile.
      try (FileChannel file = FileChannel.open(dataFile(database), StandardOpenOption.READ, StandardOpenOption.WRITE);
          FileLock lock = tryLock(file)) {
        if (lock == null) {
          throw new IllegalStateException("the database " + dataFile(database) + " has migrations to run and is open"
              + " in another process: stop the commitd that uses it, then start this version");
        }
        Files.copy(dataFile(database), dataFile(staged));
        migrateInto(staged);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("could not migrate the database " + dataFile(database) + " through " + dataFile(staged), e);
    }
  }

  private void migrateInto(Path staged) throws IOException {
    String stagedUrl = FILE_PREFIX + staged + settings;
    flyway(stagedUrl).migrate();
    shutDown(stagedUrl);
    Files.move(dataFile(staged), dataFile(database), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    deleteFiles(staged);
  }

  /** The lock, or null when another process holds one (or this one: another open of the same database). */
  private static FileLock tryLock(FileChannel file) throws IOException {
    try {
      return file.tryLock();
    } catch (OverlappingFileLockException e) {
      return null;
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
