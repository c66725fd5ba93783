package io.commitd.storage.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A start that finds the newest migration applied skips Flyway: so the newest is known, released
 * migrations never change, and a database behind it is still migrated.
 */
class SchemaMigrationTest {
  /** Flyway's checksum of every released migration. A new migration adds a line; none is ever edited. */
  private static final Map<String, Integer> RELEASED = released();

  @TempDir Path scratch;

  @Test
  void theNewestMigrationIsTheOneAStartLooksFor() {
    MigrationInfo[] migrations = migrationsIn(scratch.resolve("fresh"));
    assertThat(migrations[migrations.length - 1].getVersion().getVersion()).isEqualTo(Database.NEWEST_MIGRATION);
  }

  @Test
  void releasedMigrationsAreNeverEdited() {
    Map<String, Integer> checksums = new LinkedHashMap<>();
    for (MigrationInfo migration : migrationsIn(scratch.resolve("fresh"))) {
      checksums.put(migration.getVersion().getVersion(), migration.getChecksum());
    }
    assertThat(checksums).containsExactlyEntriesOf(RELEASED);
  }

  @Test
  void aDatabaseIsCurrentOnceOpenedNotBefore() {
    String url = Database.embeddedUrl(scratch.resolve("db"));
    assertThat(Database.schemaIsCurrent(flyway(url).getConfiguration().getDataSource())).isFalse();
    try (Database database = Database.open(url, null, null)) {
      assertThat(Database.schemaIsCurrent(database.dataSource())).isTrue();
    }
  }

  @Test
  void aFailedMigrationOnRecordIsNotCurrent() throws Exception {
    Flyway flyway = flyway(Database.embeddedUrl(scratch.resolve("db")));
    flyway.migrate();
    try (Connection connection = flyway.getConfiguration().getDataSource().getConnection();
        Statement statement = connection.createStatement()) {
      statement.execute("UPDATE flyway_schema_history SET success = FALSE WHERE version = '1'");
    }
    assertThat(Database.schemaIsCurrent(flyway.getConfiguration().getDataSource())).isFalse();
  }

  @Test
  void aDatabaseBehindTheNewestMigrationIsMigratedByFlyway() throws Exception {
    String url = Database.embeddedUrl(scratch.resolve("db"));
    String older = String.valueOf(Integer.parseInt(Database.NEWEST_MIGRATION) - 1);
    Flyway.configure().dataSource(url, null, null).locations(Database.MIGRATIONS).target(older).load().migrate();

    try (Database database = Database.open(url, null, null)) {
      assertThat(Database.schemaIsCurrent(database.dataSource())).isTrue();
      assertThat(versions(database)).endsWith(older, Database.NEWEST_MIGRATION);
    }
    try (Database reopened = Database.open(url, null, null)) {
      assertThat(versions(reopened)).hasSize(RELEASED.size());
    }
  }

  private static List<String> versions(Database database) throws SQLException {
    List<String> versions = new ArrayList<>();
    try (Connection connection = database.dataSource().getConnection(); Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("SELECT version FROM flyway_schema_history WHERE success AND version IS NOT NULL ORDER BY installed_rank")) {
      while (rows.next()) {
        versions.add(rows.getString(1));
      }
    }
    return versions;
  }

  private static MigrationInfo[] migrationsIn(Path directory) {
    return flyway(Database.embeddedUrl(directory)).info().all();
  }

  private static Flyway flyway(String url) {
    return Flyway.configure().dataSource(url, null, null).locations(Database.MIGRATIONS).load();
  }

  private static Map<String, Integer> released() {
    Map<String, Integer> released = new LinkedHashMap<>();
    released.put("1", -1233292694);
    released.put("2", 681187370);
    released.put("3", 1748569192);
    released.put("4", -160963891);
    released.put("5", -692686597);
    released.put("6", 1765238295);
    released.put("7", 291745403);
    released.put("8", 1736347464);
    released.put("9", -139475329);
    released.put("10", -1404667680);
    return released;
  }
}
