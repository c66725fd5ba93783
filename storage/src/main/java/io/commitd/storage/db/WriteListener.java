package io.commitd.storage.db;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Told of every write a {@link Sql} makes: inside the writing transaction (to record something with
 * it, atomically) and once it has committed (to let readers in this process see it at once).
 */
public interface WriteListener {
  /** Runs in the writing transaction, after its statements; a failure rolls the write back. */
  void inTransaction(Connection connection) throws SQLException;

  /** Runs after the transaction committed. */
  void afterCommit();
}
