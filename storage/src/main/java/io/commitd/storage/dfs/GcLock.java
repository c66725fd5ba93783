package io.commitd.storage.dfs;

import com.zaxxer.hikari.HikariDataSource;
import io.commitd.storage.db.Database;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One garbage collection per repository across the cluster. On PostgreSQL a session advisory
 * lock, held on a connection kept for the duration; on embedded H2 (one node by definition) a
 * JVM-wide set of repositories in collection.
 */
final class GcLock {
  private static final Set<String> LOCAL = ConcurrentHashMap.newKeySet();

  private final Database database;

  GcLock(Database database) {
    this.database = database;
  }

  /** A held lock; closing it releases the lock. */
  interface Held extends AutoCloseable {
    @Override
    void close();
  }

  /** Takes the lock for {@code repositoryId} if free; empty when another GC holds it. */
  Optional<Held> tryAcquire(String repositoryId) throws SQLException {
    if (database.dialect() != Database.Dialect.POSTGRESQL) {
      String key = "gc:" + repositoryId;
      return LOCAL.add(key) ? Optional.of(() -> LOCAL.remove(key)) : Optional.empty();
    }
    Connection connection = database.dataSource().getConnection();
    try {
      if (!advisory(connection, "SELECT pg_try_advisory_lock(?)", repositoryId)) {
        connection.close();
        return Optional.empty();
      }
    } catch (SQLException | RuntimeException e) {
      connection.close();
      throw e;
    }
    return Optional.of(
        () -> {
          try (connection) {
            if (!advisory(connection, "SELECT pg_advisory_unlock(?)", repositoryId)) {
              evict(connection);
            }
          } catch (SQLException e) {
            evict(connection);
          }
        });
  }

  /**
   * A session that may still hold the lock must not go back to the pool: advisory locks are
   * re-entrant per session, so the next GC borrowing it would take the lock a second time.
   * Evicting ends the session, and PostgreSQL releases its locks with it.
   */
  private void evict(Connection connection) {
    if (database.dataSource() instanceof HikariDataSource pool) {
      pool.evictConnection(connection);
    }
  }

  private static boolean advisory(Connection connection, String sql, String repositoryId)
      throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      statement.setLong(1, lockKey(repositoryId));
      try (ResultSet row = statement.executeQuery()) {
        return row.next() && row.getBoolean(1);
      }
    }
  }

  /** Advisory locks take a 64-bit key; a namespaced hash of the id keeps clashes improbable. */
  static long lockKey(String repositoryId) {
    long hash = 0xcbf29ce484222325L; // FNV-1a 64
    for (byte b : ("commitd-gc:" + repositoryId).getBytes(StandardCharsets.UTF_8)) {
      hash ^= b & 0xff;
      hash *= 0x100000001b3L;
    }
    return hash;
  }
}
