package io.commitd.storage.db;

import java.sql.SQLException;

/** A failure of the metadata database; never a client's fault, so it surfaces as a 500. */
public final class DatabaseException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public DatabaseException(SQLException cause) {
    super(cause.getMessage(), cause);
  }

  /** True when the database refused a row because a unique constraint already holds it. */
  public boolean isUniqueViolation() {
    SQLException sql = (SQLException) getCause();
    // 23505 is the SQL standard state for unique_violation, used by both H2 and PostgreSQL.
    return "23505".equals(sql.getSQLState());
  }
}
