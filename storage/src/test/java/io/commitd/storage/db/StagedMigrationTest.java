package io.commitd.storage.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.flywaydb.core.api.FlywayException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An embedded database is migrated whole or not at all: H2 commits each DDL statement as it runs,
 * and a migration stopped midway used to leave tables that every later start tripped over.
 */
class StagedMigrationTest {
  private static final String V1 = "classpath:db/staged/v1";
  private static final String V2_BROKEN = "classpath:db/staged/v2-broken";
  private static final String V2 = "classpath:db/staged/v2";

  @TempDir Path scratch;

  @Test
  void aFirstMigrationStoppedMidwayLeavesNoDatabaseAndTheNextStartCreatesIt() throws Exception {
    assertThatThrownBy(() -> Database.open(url(), null, null, V2_BROKEN)).isInstanceOf(FlywayException.class);

    assertThat(Files.exists(scratch.resolve("metadata.mv.db"))).isFalse();
    try (Database database = Database.open(url(), null, null, V2)) {
      assertThat(tables(database)).contains("alpha", "beta", "gamma");
    }
    assertThat(scratch.resolve("metadata" + StagedMigration.STAGED_SUFFIX + ".mv.db")).doesNotExist();
  }

  @Test
  void anUpgradeStoppedMidwayLeavesTheDatabaseAsItWasAndTheNextStartUpgradesIt() throws Exception {
    try (Database database = Database.open(url(), null, null, V1)) {
      insertInto(database, "alpha", 7);
    }

    assertThatThrownBy(() -> Database.open(url(), null, null, V2_BROKEN)).isInstanceOf(FlywayException.class);

    try (Database database = Database.open(url(), null, null, V1)) {
      assertThat(tables(database)).contains("alpha").doesNotContain("beta", "gamma");
      assertThat(appliedVersions(database)).containsExactly("1");
    }
    try (Database database = Database.open(url(), null, null, V2)) {
      assertThat(tables(database)).contains("alpha", "beta", "gamma");
      assertThat(appliedVersions(database)).containsExactly("1", "2");
      assertThat(count(database, "alpha")).as("the rows of the database it was").isOne();
    }
  }

  @Test
  void aCopyLeftByAKilledMigrationIsDiscarded() throws Exception {
    try (Database database = Database.open(url(), null, null, V1)) {
      insertInto(database, "alpha", 1);
    }
    Path leftover = scratch.resolve("metadata" + StagedMigration.STAGED_SUFFIX + ".mv.db");
    Files.write(leftover, new byte[] {1, 2, 3});

    try (Database database = Database.open(url(), null, null, V2)) {
      assertThat(appliedVersions(database)).containsExactly("1", "2");
      assertThat(count(database, "alpha")).isOne();
    }
    assertThat(leftover).doesNotExist();
  }

  @Test
  void anUpgradeIsRefusedWhileAnotherHolderHasTheDatabaseOpen() throws Exception {
    try (Database running = Database.open(url(), null, null, V1)) {
      insertInto(running, "alpha", 3);

      assertThatThrownBy(() -> Database.open(url(), null, null, V2))
          .isInstanceOf(IllegalStateException.class).hasMessageContaining("is open in another process");

      assertThat(count(running, "alpha")).as("the running holder's database, untouched").isOne();
      assertThat(appliedVersions(running)).containsExactly("1");
    }
  }

  @Test
  void aDatabaseWithNothingPendingIsOpenedInPlace() throws Exception {
    try (Database database = Database.open(url(), null, null, V2)) {
      insertInto(database, "beta", 1);
    }
    Object created = fileKey(scratch.resolve("metadata.mv.db"));

    try (Database database = Database.open(url(), null, null, V2)) {
      assertThat(count(database, "beta")).isOne();
    }
    assertThat(fileKey(scratch.resolve("metadata.mv.db"))).as("the same file, not a copy put in its place").isEqualTo(created);
  }

  private static Object fileKey(Path file) throws IOException {
    return Files.readAttributes(file, BasicFileAttributes.class).fileKey();
  }

  private String url() {
    return Database.embeddedUrl(scratch);
  }

  private static List<String> tables(Database database) throws SQLException {
    return strings(database, "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'");
  }

  private static List<String> appliedVersions(Database database) throws SQLException {
    return strings(database, "SELECT version FROM \"flyway_schema_history\" WHERE success AND version IS NOT NULL ORDER BY installed_rank");
  }

  private static void insertInto(Database database, String table, long id) throws SQLException {
    try (Connection connection = database.dataSource().getConnection(); Statement statement = connection.createStatement()) {
      statement.executeUpdate("INSERT INTO " + table + " (id) VALUES (" + id + ")");
    }
  }

  private static int count(Database database, String table) throws SQLException {
    return Integer.parseInt(strings(database, "SELECT COUNT(*) FROM " + table).get(0));
  }

  private static List<String> strings(Database database, String query) throws SQLException {
    List<String> values = new ArrayList<>();
    try (Connection connection = database.dataSource().getConnection();
        Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery(query)) {
      while (rows.next()) {
        values.add(rows.getString(1));
      }
    }
    return values;
  }
}
