package io.commitd.server.config;

import java.net.BindException;
import java.sql.SQLException;

/**
 * Why the server could not start, in one line that names the problem and its fix; {@code main}
 * prints it and exits with status 2.
 */
public final class StartupFailure extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public StartupFailure(String message, Throwable cause) {
    super(message, cause);
  }

  /** The one line for a failure of {@code CommitdServer.start} with {@code config}. */
  public static StartupFailure explain(Throwable failure, ServerConfig config) {
    if (failure instanceof StartupFailure explained) {
      return explained;
    }
    BindException bind = find(failure, BindException.class);
    if (bind != null || messageContains(failure, "Failed to bind")) {
      // Jetty says "Failed to bind to /ADDRESS:PORT"; MINA SSHD passes the plain BindException on.
      boolean http = messageContains(failure, "Failed to bind");
      String setting = http ? "COMMITD_HTTP_PORT" : "COMMITD_SSH_PORT";
      int port = http ? config.httpPort() : config.sshPort();
      return new StartupFailure("port " + port + " on " + config.bindAddress() + " is already in use (" + setting
          + "): stop the process that holds it or set " + setting + " to a free port", failure);
    }
    SQLException sql = find(failure, SQLException.class);
    String url = config.databaseUrl();
    if (sql != null && url != null && url.startsWith("jdbc:postgresql:")) {
      String state = sql.getSQLState() == null ? "" : sql.getSQLState();
      if (state.startsWith("08")) {
        return new StartupFailure("cannot reach PostgreSQL at " + url + " (COMMITD_DB_URL): start it, or fix the host and port", failure);
      }
      if (state.startsWith("28")) {
        return new StartupFailure("PostgreSQL refused user '" + config.databaseUser() + "' (COMMITD_DB_USER, COMMITD_DB_PASSWORD): "
            + "fix the credentials or pg_hba.conf", failure);
      }
      if (state.equals("3D000") || state.equals("42501")) {
        return new StartupFailure("the database in " + url + " does not exist and user '" + config.databaseUser()
            + "' may not create it: create it (createdb -O <user> <name>) or grant the user CREATEDB", failure);
      }
      return new StartupFailure("PostgreSQL at " + url + " failed: " + oneLine(sql.getMessage()) + " (COMMITD_DB_URL)", failure);
    }
    if (messageContains(failure, "Database may be already in use")) {
      return new StartupFailure("the embedded database in " + config.dataDir().toAbsolutePath()
          + " is in use by another commitd: stop it, or set COMMITD_DATA_DIR to another directory", failure);
    }
    if (find(failure, java.nio.file.AccessDeniedException.class) != null) {
      return new StartupFailure("cannot write the data directory " + config.dataDir().toAbsolutePath()
          + " (COMMITD_DATA_DIR): make it writable by this user or choose another", failure);
    }
    return new StartupFailure(oneLine(String.valueOf(failure.getMessage())) + " (" + failure.getClass().getSimpleName()
        + "): see the log above", failure);
  }

  private static String oneLine(String message) {
    return message == null ? "" : message.replaceAll("\\s+", " ").trim();
  }

  private static boolean messageContains(Throwable failure, String text) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t.getMessage() != null && t.getMessage().contains(text)) {
        return true;
      }
    }
    return false;
  }

  private static <T extends Throwable> T find(Throwable failure, Class<T> type) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (type.isInstance(t)) {
        return type.cast(t);
      }
    }
    return null;
  }
}
