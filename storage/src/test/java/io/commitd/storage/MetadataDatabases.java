package io.commitd.storage;

import io.commitd.storage.db.Database;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * The metadata databases every storage test runs against: embedded H2 and the PostgreSQL at
 * 127.0.0.1:5432. PostgreSQL being absent fails the tests: CI must prove both.
 */
public final class MetadataDatabases {
  private static final String ADMIN_URL = "jdbc:postgresql://127.0.0.1:5432/postgres";

  private MetadataDatabases() {}

  /** A database kind, for {@code @ParameterizedTest @MethodSource}. */
  public enum Kind {
    H2,
    POSTGRESQL
  }

  public static Stream<Kind> kinds() {
    return Stream.of(Kind.values());
  }

  /** A fresh, migrated database of {@code kind}; closing it drops it. */
  public static Fresh open(Kind kind, Path scratch) throws SQLException {
    if (kind == Kind.H2) {
      return new Fresh(Database.open(Database.embeddedUrl(scratch), null, null), null);
    }
    String name = "commitd_storage_" + UUID.randomUUID().toString().replace("-", "");
    try (Connection admin = DriverManager.getConnection(ADMIN_URL, "postgres", null);
        Statement statement = admin.createStatement()) {
      statement.execute("CREATE DATABASE " + name);
    }
    return new Fresh(Database.open("jdbc:postgresql://127.0.0.1:5432/" + name, "postgres", null), name);
  }

  /** An open test database and, for PostgreSQL, the name to drop. */
  public record Fresh(Database database, String postgresName) implements AutoCloseable {
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
