package io.commitd.storage.db;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Creates the PostgreSQL database a URL names when it does not exist and the configured user may
 * create databases, so a fresh PostgreSQL needs no manual step.
 */
public final class PostgresBootstrap {
  /** SQLSTATE of "database does not exist". */
  public static final String INVALID_CATALOG_NAME = "3D000";
  private static final Pattern URL = Pattern.compile("jdbc:postgresql://([^/]*)/([^?;]+)(.*)");

  private PostgresBootstrap() {}

  /**
   * Connects once; when the database is missing, creates it through the server's {@code postgres}
   * database. Returns true when it created it. Other failures (unreachable, refused) are thrown.
   */
  public static boolean createIfMissing(String url, String user, String password) throws SQLException {
    Matcher matcher = URL.matcher(url);
    if (!matcher.matches()) {
      return false;
    }
    try {
      DriverManager.getConnection(url, properties(user, password)).close();
      return false;
    } catch (SQLException e) {
      if (!INVALID_CATALOG_NAME.equals(e.getSQLState())) {
        throw e;
      }
    }
    String name = matcher.group(2);
    if (!name.matches("[A-Za-z_][A-Za-z0-9_$-]*")) {
      throw new SQLException("database name '" + name + "' is not a plain identifier", INVALID_CATALOG_NAME);
    }
    String admin = "jdbc:postgresql://" + matcher.group(1) + "/postgres" + matcher.group(3);
    try (Connection connection = DriverManager.getConnection(admin, properties(user, password));
        Statement statement = connection.createStatement()) {
      statement.execute("CREATE DATABASE \"" + name + "\"");
      return true;
    }
  }

  private static Properties properties(String user, String password) {
    Properties properties = new Properties();
    if (user != null) {
      properties.setProperty("user", user);
    }
    if (password != null) {
      properties.setProperty("password", password);
    }
    properties.setProperty("connectTimeout", "10");
    return properties;
  }
}
