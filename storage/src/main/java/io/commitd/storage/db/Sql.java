package io.commitd.storage.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Small conveniences over JDBC for the metadata stores: bind positional parameters, map rows.
 * Each call runs in its own transaction unless given a connection. A {@link WriteListener}, when
 * given, hears of every write made through {@link #update(String, Object...)} and
 * {@link #inWriteTransaction(SqlWork)}, in the writing transaction.
 */
public final class Sql {
  private final Database database;
  private final WriteListener listener;

  public Sql(Database database) {
    this(database, null);
  }

  public Sql(Database database, WriteListener listener) {
    this.database = database;
    this.listener = listener;
  }

  /** Maps the current row of a result set. */
  @FunctionalInterface
  public interface RowMapper<T> {
    T map(ResultSet row) throws SQLException;
  }

  public Database database() {
    return database;
  }

  public <T> List<T> query(String sql, RowMapper<T> mapper, Object... parameters) {
    return database.inTransaction(c -> query(c, sql, mapper, parameters));
  }

  public <T> Optional<T> queryOne(String sql, RowMapper<T> mapper, Object... parameters) {
    List<T> rows = query(sql, mapper, parameters);
    return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
  }

  public int update(String sql, Object... parameters) {
    return inWriteTransaction(c -> update(c, sql, parameters));
  }

  /** Runs {@code work}, which writes, in one transaction that the listener joins. */
  public <T> T inWriteTransaction(SqlWork<T> work) {
    T result = database.inTransaction(c -> {
      T value = work.run(c);
      if (listener != null) {
        listener.inTransaction(c);
      }
      return value;
    });
    if (listener != null) {
      listener.afterCommit();
    }
    return result;
  }

  public static <T> List<T> query(Connection c, String sql, RowMapper<T> mapper, Object... parameters) throws SQLException {
    try (PreparedStatement statement = prepare(c, sql, parameters); ResultSet rows = statement.executeQuery()) {
      List<T> result = new ArrayList<>();
      while (rows.next()) {
        result.add(mapper.map(rows));
      }
      return result;
    }
  }

  public static int update(Connection c, String sql, Object... parameters) throws SQLException {
    try (PreparedStatement statement = prepare(c, sql, parameters)) {
      return statement.executeUpdate();
    }
  }

  private static PreparedStatement prepare(Connection c, String sql, Object... parameters) throws SQLException {
    PreparedStatement statement = c.prepareStatement(sql);
    try {
      for (int i = 0; i < parameters.length; i++) {
        statement.setObject(i + 1, parameters[i]);
      }
      return statement;
    } catch (SQLException e) {
      statement.close();
      throw e;
    }
  }
}
