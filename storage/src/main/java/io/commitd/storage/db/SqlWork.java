package io.commitd.storage.db;

import java.sql.Connection;
import java.sql.SQLException;

/** A unit of work run on one connection inside one transaction. */
@FunctionalInterface
public interface SqlWork<T> {
  T run(Connection connection) throws SQLException;
}
