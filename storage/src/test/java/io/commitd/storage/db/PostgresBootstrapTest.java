package io.commitd.storage.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** A missing PostgreSQL database is created when the user may; an unreachable server is reported as such. */
class PostgresBootstrapTest {
  private static final String ADMIN_URL = "jdbc:postgresql://127.0.0.1:5432/postgres";

  @Test
  void createsAMissingDatabaseOnceAndLeavesAnExistingOneAlone() throws Exception {
    String name = "commitd_bootstrap_" + UUID.randomUUID().toString().replace("-", "");
    String url = "jdbc:postgresql://127.0.0.1:5432/" + name;
    try {
      assertThat(PostgresBootstrap.createIfMissing(url, "postgres", null)).isTrue();
      assertThat(PostgresBootstrap.createIfMissing(url, "postgres", null)).isFalse();
      DriverManager.getConnection(url, "postgres", null).close();
    } finally {
      try (Connection admin = DriverManager.getConnection(ADMIN_URL, "postgres", null);
          Statement statement = admin.createStatement()) {
        statement.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
      }
    }
  }

  @Test
  void anUnreachableServerIsAConnectionFailure() {
    assertThatThrownBy(() -> PostgresBootstrap.createIfMissing("jdbc:postgresql://127.0.0.1:1/commitd", "postgres", null))
        .isInstanceOf(SQLException.class)
        .satisfies(e -> assertThat(((SQLException) e).getSQLState()).startsWith("08"));
  }
}
