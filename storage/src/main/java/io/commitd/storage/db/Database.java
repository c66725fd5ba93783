package io.commitd.storage.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/**
 * The metadata database: a pooled {@link DataSource} on H2 (embedded default, PostgreSQL mode)
 * or PostgreSQL, migrated by Flyway on open, with one way to run work in a transaction.
 */
public final class Database implements AutoCloseable {
  private final HikariDataSource dataSource;
  private final Dialect dialect;

  private Database(HikariDataSource dataSource, Dialect dialect) {
    this.dataSource = dataSource;
    this.dialect = dialect;
  }

  /** The kinds of database the migrations are written for. */
  public enum Dialect {
    H2,
    POSTGRESQL;

    static Dialect of(String jdbcUrl) {
      if (jdbcUrl.startsWith("jdbc:h2:")) {
        return H2;
      }
      if (jdbcUrl.startsWith("jdbc:postgresql:")) {
        return POSTGRESQL;
      }
      throw new IllegalArgumentException(
          "unsupported database URL (want jdbc:h2:… or jdbc:postgresql:…): " + jdbcUrl);
    }
  }

  private static final int IDENTITY_CACHE = 1024;

  static final String MIGRATIONS = "classpath:db/migration";

  /**
   * The version of the newest file in {@link #MIGRATIONS}; {@code SchemaMigrationTest} holds it to the
   * files. A start that finds it applied skips Flyway, whose loading and checks were a sixth of a
   * restart; released migrations are never edited (the same test pins their checksums), so there is
   * nothing for its validation to find.
   */
  static final String NEWEST_MIGRATION = "10";

  /** Opens and migrates the database at {@code jdbcUrl}; user and password may be null. */
  public static Database open(String jdbcUrl, String user, String password) {
    Dialect dialect = Dialect.of(jdbcUrl);
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(jdbcUrl);
    if (user != null) {
      config.setUsername(user);
    }
    if (password != null) {
      config.setPassword(password);
    }
    config.setMaximumPoolSize(16);
    config.setPoolName("commitd-metadata");
    config.setAutoCommit(true);
    HikariDataSource dataSource = new HikariDataSource(config);
    try {
      if (!schemaIsCurrent(dataSource)) {
        Flyway.configure()
            .dataSource(dataSource)
            .locations(MIGRATIONS)
            .load()
            .migrate();
      }
      if (dialect == Dialect.H2) {
        cacheIdentityValues(dataSource);
      }
    } catch (RuntimeException e) {
      dataSource.close();
      throw e;
    }
    return new Database(dataSource, dialect);
  }

  /**
   * True when the newest migration is recorded as applied and none as failed. Flyway applies
   * migrations in order, so the older ones are there too. A database without the history table (a new
   * one) or behind it is migrated by Flyway, which also validates it; one whose history is ahead (a
   * newer node migrated a shared database) is left as Flyway would leave it.
   */
  static boolean schemaIsCurrent(DataSource dataSource) {
    try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("SELECT version, success FROM flyway_schema_history")) {
      boolean newestApplied = false;
      while (rows.next()) {
        if (!rows.getBoolean(2)) {
          return false;
        }
        newestApplied |= NEWEST_MIGRATION.equals(rows.getString(1));
      }
      return newestApplied;
    } catch (SQLException e) {
      return false; // no history yet
    }
  }

  /**
   * H2 hands out identity values (the trail's and the journals' sequence numbers) from a cache of 32
   * and, each time it is used up, commits the new high-water mark in a transaction of its own: one
   * extra write to disk per 32 rows, a fifth of the audit trail's cost under load. A larger cache
   * writes it rarely. Values are never reused after a crash (the mark is written before the values
   * it covers are given out); some are skipped, which nothing here minds. PostgreSQL's sequences
   * are cheap already and cache per session, which would reorder rows across connections.
   */
  private static void cacheIdentityValues(DataSource dataSource) {
    try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
      List<String> columns = new ArrayList<>();
      try (ResultSet rows = statement.executeQuery("SELECT table_name, column_name FROM information_schema.columns"
          + " WHERE table_schema = 'public' AND is_identity = 'YES' AND identity_cache < " + IDENTITY_CACHE)) {
        while (rows.next()) {
          columns.add("ALTER TABLE " + rows.getString(1) + " ALTER COLUMN " + rows.getString(2) + " SET CACHE " + IDENTITY_CACHE);
        }
      }
      for (String alter : columns) {
        statement.executeUpdate(alter);
      }
    } catch (SQLException e) {
      throw new DatabaseException(e);
    }
  }

  /**
   * The URL of an embedded H2 database kept in {@code directory}. {@code WRITE_DELAY=0} writes each
   * commit to the file before the commit returns (H2 otherwise defers it up to 500 ms), so a process
   * killed right after acknowledging a change still has the change's audit record and event.
   *
   * <p>{@code CACHE_SIZE=2048} (KB; H2's default is 16 MB): H2 keeps every page it writes in this
   * cache, so under a stream of API calls it held the last half second of trail rows, which every
   * young collection copied (pauses of 7-14 ms against 1-2 ms without the trail). What is read often
   * (repositories, credentials, policies) is cached above the database on this engine, so the
   * smaller cache costs reads little.
   */
  public static String embeddedUrl(java.nio.file.Path directory) {
    return "jdbc:h2:file:"
        + directory.resolve("metadata").toAbsolutePath()
        + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;WRITE_DELAY=0;CACHE_SIZE=2048";
  }

  public DataSource dataSource() {
    return dataSource;
  }

  public Dialect dialect() {
    return dialect;
  }

  /**
   * Runs {@code work} in one transaction: committed when it returns, rolled back when it
   * throws. SQL failures surface as {@link DatabaseException}; other exceptions pass unchanged.
   */
  public <T> T inTransaction(SqlWork<T> work) {
    try (Connection connection = dataSource.getConnection()) {
      connection.setAutoCommit(false);
      try {
        T result = work.run(connection);
        connection.commit();
        return result;
      } catch (SQLException | RuntimeException | Error e) {
        connection.rollback();
        throw e;
      } finally {
        connection.setAutoCommit(true);
      }
    } catch (SQLException e) {
      throw new DatabaseException(e);
    }
  }

  /** True when a trivial query answers: the health check's question. */
  public boolean isUsable() {
    try (Connection connection = dataSource.getConnection()) {
      return connection.isValid(2);
    } catch (SQLException e) {
      return false;
    }
  }

  @Override
  public void close() {
    dataSource.close();
  }

  /**
   * Waits for H2's exit hook, which closes an embedded database while the JVM shuts down, at the same
   * time as the server's own stop. A stop that then halts the JVM without this cut that close short:
   * the lock file stayed, and the next start waited seconds for it to go stale.
   */
  public static void awaitEmbeddedClose(java.time.Duration timeout) throws InterruptedException {
    for (Thread thread : Thread.getAllStackTraces().keySet()) {
      if (thread.getClass().getName().equals("org.h2.engine.OnExitDatabaseCloser")) {
        thread.join(timeout.toMillis());
      }
    }
  }
}
