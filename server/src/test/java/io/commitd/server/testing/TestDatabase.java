package io.commitd.server.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/**
 * A fresh, empty metadata database for one test server: embedded H2 by default, or a new database
 * on the PostgreSQL at 127.0.0.1:5432 when the system property {@code commitd.test.db} is
 * {@code postgresql}. PostgreSQL being absent then fails the test rather than skipping it.
 */
public final class TestDatabase implements AutoCloseable {
  public static final String ADMIN_URL = "jdbc:postgresql://127.0.0.1:5432/postgres";
  public static final String USER = "postgres";

  private final String url;
  private final String user;
  private final String postgresName;

  private TestDatabase(String url, String user, String postgresName) {
    this.url = url;
    this.user = user;
    this.postgresName = postgresName;
  }

  public static boolean postgresRequested() {
    return "postgresql".equalsIgnoreCase(System.getProperty("commitd.test.db", "h2"));
  }

  /** The kind of database the suite runs on, for names and messages. */
  public static String kind() {
    return postgresRequested() ? "postgresql" : "h2";
  }

  public static TestDatabase create() {
    return postgresRequested() ? createPostgres() : new TestDatabase(null, null, null);
  }

  /** A new database on the local PostgreSQL, whatever the suite's default. */
  public static TestDatabase createPostgres() {
    String name = "commitd_test_" + UUID.randomUUID().toString().replace("-", "");
    try (Connection admin = DriverManager.getConnection(ADMIN_URL, USER, null);
        Statement statement = admin.createStatement()) {
      statement.execute("CREATE DATABASE " + name);
    } catch (SQLException e) {
      throw new IllegalStateException(
          "PostgreSQL is required at 127.0.0.1:5432 (user postgres, trust auth) for the postgresql test run: " + e.getMessage(), e);
    }
    return new TestDatabase("jdbc:postgresql://127.0.0.1:5432/" + name, USER, name);
  }

  /** The same database for a second server; closing it leaves the database to its creator. */
  public TestDatabase sharing() {
    if (url == null) {
      throw new IllegalStateException("the embedded H2 database cannot be shared between servers");
    }
    return new TestDatabase(url, user, null);
  }

  /** The JDBC URL, or null for the server's embedded default. */
  public String url() {
    return url;
  }

  public String user() {
    return user;
  }

  @Override
  public void close() {
    if (postgresName == null) {
      return;
    }
    try (Connection admin = DriverManager.getConnection(ADMIN_URL, USER, null);
        Statement statement = admin.createStatement()) {
      statement.execute("DROP DATABASE IF EXISTS " + postgresName + " WITH (FORCE)");
    } catch (SQLException e) {
      throw new IllegalStateException("could not drop test database " + postgresName, e);
    }
  }
}
