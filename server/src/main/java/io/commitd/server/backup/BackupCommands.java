package io.commitd.server.backup;

import io.commitd.server.config.ConfigValidator;
import io.commitd.storage.db.Database;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.Properties;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code commitd backup --to DIR} and {@code commitd restore --from DIR}, with the server's own settings. */
public final class BackupCommands {
  /** H2's embedded database as a running server opens it: other processes (a backup) may connect, on loopback only. */
  public static final String EMBEDDED_SHARED = ";AUTO_SERVER=TRUE";

  private BackupCommands() {}

  /** The database settings, read like {@code serve} reads them. */
  static class DatabaseOptions {
    @Option(names = "--data-dir", defaultValue = "${env:COMMITD_DATA_DIR:-./data}",
        description = "The server's data directory (COMMITD_DATA_DIR, default ./data).")
    String dataDir;

    @Option(names = "--db-url", defaultValue = "${env:COMMITD_DB_URL}",
        description = "jdbc:postgresql://…, or unset for the embedded database in the data directory (COMMITD_DB_URL).")
    String databaseUrl;

    @Option(names = "--db-user", defaultValue = "${env:COMMITD_DB_USER}", description = "Database user (COMMITD_DB_USER).")
    String databaseUser;

    @Option(names = "--db-password", defaultValue = "${env:COMMITD_DB_PASSWORD}", description = "Database password (COMMITD_DB_PASSWORD).")
    String databasePassword;

    Path dataDir() {
      return Path.of(dataDir);
    }

    String url() {
      return databaseUrl == null || databaseUrl.isBlank() ? Database.embeddedUrl(dataDir()) + EMBEDDED_SHARED : databaseUrl;
    }

    String user() {
      return databaseUser == null || databaseUser.isBlank() ? null : databaseUser;
    }

    String password() {
      return databasePassword == null || databasePassword.isBlank() ? null : databasePassword;
    }
  }

  @Command(name = "backup", mixinStandardHelpOptions = true,
      description = "Write a consistent snapshot of a commitd (running or not): metadata, every repository as a bundle, and the data directory's keys.")
  public static final class BackupCommand extends DatabaseOptions implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--to", required = true, description = "A new or empty directory to write the backup to (it holds secrets: keep it private).")
    String to;

    @Override
    public Integer call() throws Exception {
      System.setProperty("h2.bindAddress", "127.0.0.1");
      if (!Files.isDirectory(dataDir())) {
        throw new ConfigValidator.InvalidSettingException("COMMITD_DATA_DIR", dataDir() + " is not a directory");
      }
      Properties properties = new Properties();
      if (user() != null) {
        properties.setProperty("user", user());
      }
      if (password() != null) {
        properties.setProperty("password", password());
      }
      Backup.Summary summary;
      try (Connection connection = DriverManager.getConnection(url(), properties)) {
        summary = Backup.take(connection, dataDir(), Path.of(to));
      }
      spec.commandLine().getOut().println("commitd: backed up " + summary.repositories() + " repositories and "
          + summary.tables() + " tables as of " + summary.snapshotAt() + " to " + Path.of(to).toAbsolutePath());
      spec.commandLine().getOut().flush();
      return 0;
    }
  }

  @Command(name = "restore", mixinStandardHelpOptions = true,
      description = "Restore a backup into an empty data directory and an empty database (the server stopped), then start commitd on them.")
  public static final class RestoreCommand extends DatabaseOptions implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--from", required = true, description = "The directory 'commitd backup --to' wrote.")
    String from;

    @Override
    public Integer call() throws Exception {
      Files.createDirectories(dataDir());
      Backup.Summary summary;
      try (Database database = Database.open(url(), user(), password())) {
        summary = Restore.restore(Path.of(from), database, dataDir());
      }
      spec.commandLine().getOut().println("commitd: restored " + summary.repositories() + " repositories and "
          + summary.tables() + " tables as of " + summary.snapshotAt() + " into " + dataDir().toAbsolutePath());
      spec.commandLine().getOut().flush();
      return 0;
    }
  }
}
