package io.commitd.iam.identity;

import io.commitd.storage.db.Database;
import io.commitd.storage.db.DatabaseException;
import io.commitd.storage.db.WriteListener;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The IAM generation: a counter every IAM write increments in its own transaction (it listens to
 * the IAM stores' {@link io.commitd.storage.db.Sql}), so that what is cached from IAM — resolved
 * credentials, loaded policies — is valid exactly while the generation it was read under is current.
 *
 * <p>Two ways to know the current value. {@link #shared}: read the counter row on every request —
 * one primary-key read instead of the half-dozen queries it saves — so a write on any node of a
 * cluster holds from the next request on every node. {@link #local}: a counter in this process,
 * moved after each commit, for a database only this process writes (the embedded H2 file, which
 * one process holds open). The row is incremented in both, so the two can share one database file.
 *
 * <p>Readers must take {@link #current()} before they read what they cache: a write that commits
 * in between then leaves the entry under an older generation, never newer data under an old one.
 */
public final class IamGeneration implements WriteListener {
  private final Database database;
  private final boolean shared;
  private final AtomicLong local = new AtomicLong();

  private IamGeneration(Database database, boolean shared) {
    this.database = database;
    this.shared = shared;
  }

  /** Read from the database per request: for databases other processes may write (PostgreSQL). */
  public static IamGeneration shared(Database database) {
    return new IamGeneration(database, true);
  }

  /** Kept in this process: for a database no other process writes (embedded H2). */
  public static IamGeneration local(Database database) {
    return new IamGeneration(database, false);
  }

  /** The generation now; any IAM write committed before this call has a lower one. */
  public long current() {
    if (!shared) {
      return local.get();
    }
    try (Connection connection = database.dataSource().getConnection();
        PreparedStatement select = connection.prepareStatement("SELECT generation FROM iam_generation WHERE id = 1");
        ResultSet row = select.executeQuery()) {
      return row.next() ? row.getLong(1) : -1;
    } catch (SQLException e) {
      throw new DatabaseException(e);
    }
  }

  @Override
  public void inTransaction(Connection connection) throws SQLException {
    try (PreparedStatement bump = connection.prepareStatement("UPDATE iam_generation SET generation = generation + 1 WHERE id = 1")) {
      bump.executeUpdate();
    }
  }

  @Override
  public void afterCommit() {
    local.incrementAndGet();
  }
}
