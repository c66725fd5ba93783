package io.commitd.triggers.delivery;

import io.commitd.storage.db.Database;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import java.util.stream.Stream;

/** Fresh metadata databases for the dispatcher's tests: embedded H2 and the PostgreSQL at 127.0.0.1:5432. */
final class TestDatabases {
  private static final String ADMIN_URL = "jdbc:postgresql://127.0.0.1:5432/postgres";

  private TestDatabases() {}

  enum Kind {
    H2,
    POSTGRESQL
  }

  static Stream<Kind> kinds() {
    return Stream.of(Kind.values());
  }

  static Fresh open(Kind kind, Path scratch) throws SQLException {
    if (kind == Kind.H2) {
      return new Fresh(Database.open(Database.embeddedUrl(scratch), null, null), null, Database.embeddedUrl(scratch));
    }
    String name = "commitd_triggers_" + UUID.randomUUID().toString().replace("-", "");
    try (Connection admin = DriverManager.getConnection(ADMIN_URL, "postgres", null);
        Statement statement = admin.createStatement()) {
      statement.execute("CREATE DATABASE " + name);
    }
    String url = "jdbc:postgresql://127.0.0.1:5432/" + name;
    return new Fresh(Database.open(url, "postgres", null), name, url);
  }

  /** An open database; for PostgreSQL, closing drops it. */
  record Fresh(Database database, String postgresName, String url) implements AutoCloseable {
    /** A second pool on the same database, as a second node would have. */
    Database another() {
      return Database.open(url, postgresName == null ? null : "postgres", null);
    }

    @Override
    public void close() throws SQLException {
      database.close();
      if (postgresName != null) {
        try (Connection admin = DriverManager.getConnection(ADMIN_URL, "postgres", null);
            Statement statement = admin.createStatement()) {
          statement.execute("DROP DATABASE IF EXISTS " + postgresName + " WITH (FORCE)");
        }
      }
    }
  }
}
