package io.commitd.storage.db;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A copy of every metadata table as JSON lines, portable between H2 and PostgreSQL: dumped from one
 * consistent snapshot (a repeatable-read transaction), loaded into a freshly migrated database in
 * foreign-key order, with identity columns moved past the loaded ids.
 */
public final class MetadataDump {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String BYTES = "$bytes";

  private MetadataDump() {}

  /** The application's tables, parents before children. */
  public static List<String> tables(Connection connection) throws SQLException {
    DatabaseMetaData meta = connection.getMetaData();
    String schema = connection.getSchema();
    Set<String> tables = new LinkedHashSet<>();
    try (ResultSet rows = meta.getTables(null, schema, "%", new String[] {"TABLE"})) {
      while (rows.next()) {
        String name = rows.getString("TABLE_NAME").toLowerCase(Locale.ROOT);
        if (!name.startsWith("flyway_")) {
          tables.add(name);
        }
      }
    }
    Map<String, Set<String>> parents = new LinkedHashMap<>();
    for (String table : tables) {
      Set<String> of = new HashSet<>();
      try (ResultSet keys = meta.getImportedKeys(null, schema, exactName(meta, schema, table))) {
        while (keys.next()) {
          String parent = keys.getString("PKTABLE_NAME").toLowerCase(Locale.ROOT);
          if (!parent.equals(table)) {
            of.add(parent);
          }
        }
      }
      parents.put(table, of);
    }
    List<String> ordered = new ArrayList<>();
    while (ordered.size() < tables.size()) {
      boolean progressed = false;
      for (String table : tables) {
        if (!ordered.contains(table) && ordered.containsAll(parents.get(table).stream().filter(tables::contains).toList())) {
          ordered.add(table);
          progressed = true;
        }
      }
      if (!progressed) {
        throw new SQLException("foreign keys form a cycle among " + tables);
      }
    }
    return ordered;
  }

  private static String exactName(DatabaseMetaData meta, String schema, String table) throws SQLException {
    try (ResultSet rows = meta.getTables(null, schema, "%", new String[] {"TABLE"})) {
      while (rows.next()) {
        if (rows.getString("TABLE_NAME").equalsIgnoreCase(table)) {
          return rows.getString("TABLE_NAME");
        }
      }
    }
    return table;
  }

  /** Writes each table to {@code <directory>/<table>.jsonl}; returns the tables in load order. */
  public static List<String> dump(Connection connection, Path directory) throws SQLException, IOException {
    Files.createDirectories(directory);
    List<String> tables = tables(connection);
    for (String table : tables) {
      try (Statement statement = connection.createStatement();
          ResultSet rows = statement.executeQuery("SELECT * FROM " + table);
          BufferedWriter out = Files.newBufferedWriter(directory.resolve(table + ".jsonl"), StandardCharsets.UTF_8)) {
        ResultSetMetaData columns = rows.getMetaData();
        while (rows.next()) {
          ObjectNode row = JSON.createObjectNode();
          for (int i = 1; i <= columns.getColumnCount(); i++) {
            String name = columns.getColumnLabel(i).toLowerCase(Locale.ROOT);
            Object value = rows.getObject(i);
            if (value == null) {
              row.putNull(name);
            } else if (value instanceof byte[] bytes) {
              row.putObject(name).put(BYTES, Base64.getEncoder().encodeToString(bytes));
            } else if (value instanceof Boolean b) {
              row.put(name, b);
            } else if (value instanceof Long || value instanceof Integer || value instanceof Short) {
              row.put(name, ((Number) value).longValue());
            } else if (value instanceof java.math.BigDecimal decimal) {
              row.put(name, decimal);
            } else if (value instanceof Double || value instanceof Float) {
              row.put(name, ((Number) value).doubleValue());
            } else {
              row.put(name, value.toString());
            }
          }
          out.write(JSON.writeValueAsString(row));
          out.write('\n');
        }
      }
    }
    Files.write(directory.resolve("tables.txt"), tables, StandardCharsets.UTF_8);
    return tables;
  }

  /**
   * Loads a dump into an empty, migrated database, in one transaction; columns the dump has and
   * the table lacks are an error, columns the table has and the dump lacks take their defaults.
   */
  public static void load(Database database, Path directory) throws IOException {
    List<String> tables = Files.readAllLines(directory.resolve("tables.txt"), StandardCharsets.UTF_8);
    database.inTransaction(connection -> {
      List<String> present = tables(connection);
      // The target is empty but for the rows its migrations seed (counters such as the IAM
      // generation); the dump holds those rows too, as they were. Children first.
      for (int i = present.size() - 1; i >= 0; i--) {
        if (tables.contains(present.get(i))) {
          try (PreparedStatement clear = connection.prepareStatement("DELETE FROM " + present.get(i))) {
            clear.executeUpdate();
          }
        }
      }
      for (String table : present) {
        if (tables.contains(table)) {
          try {
            loadTable(connection, table, directory.resolve(table + ".jsonl"));
          } catch (IOException e) {
            throw new SQLException("could not read the dump of " + table, e);
          }
        }
      }
      for (String table : tables) {
        if (!present.contains(table)) {
          throw new SQLException("the backup has table " + table + ", which this version of commitd does not know");
        }
      }
      restartIdentities(connection, database.dialect(), present);
      return null;
    });
  }

  private static void loadTable(Connection connection, String table, Path file) throws SQLException, IOException {
    try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String line;
      while ((line = in.readLine()) != null) {
        if (line.isBlank()) {
          continue;
        }
        JsonNode row = JSON.readTree(line);
        List<String> names = new ArrayList<>();
        row.fieldNames().forEachRemaining(names::add);
        String sql = "INSERT INTO " + table + " (" + String.join(", ", names) + ") VALUES ("
            + String.join(", ", names.stream().map(n -> "?").toList()) + ")";
        try (PreparedStatement insert = connection.prepareStatement(sql)) {
          for (int i = 0; i < names.size(); i++) {
            JsonNode value = row.get(names.get(i));
            if (value.isNull()) {
              insert.setObject(i + 1, null);
            } else if (value.isObject() && value.has(BYTES)) {
              insert.setBytes(i + 1, Base64.getDecoder().decode(value.get(BYTES).asText()));
            } else if (value.isBoolean()) {
              insert.setBoolean(i + 1, value.booleanValue());
            } else if (value.isIntegralNumber()) {
              insert.setLong(i + 1, value.longValue());
            } else if (value.isNumber()) {
              insert.setBigDecimal(i + 1, value.decimalValue());
            } else {
              insert.setString(i + 1, value.asText());
            }
          }
          insert.executeUpdate();
        }
      }
    }
  }

  /** Moves every identity (BIGSERIAL) column's next value past the ids loaded. */
  private static void restartIdentities(Connection connection, Database.Dialect dialect, List<String> tables) throws SQLException {
    for (String table : tables) {
      List<String> identities = new ArrayList<>();
      try (Statement statement = connection.createStatement();
          ResultSet rows = statement.executeQuery("SELECT * FROM " + table + " WHERE 1 = 0")) {
        ResultSetMetaData columns = rows.getMetaData();
        for (int i = 1; i <= columns.getColumnCount(); i++) {
          if (columns.isAutoIncrement(i)) {
            identities.add(columns.getColumnName(i).toLowerCase(Locale.ROOT));
          }
        }
      }
      for (String column : identities) {
        long next;
        try (Statement statement = connection.createStatement();
            ResultSet max = statement.executeQuery("SELECT COALESCE(MAX(" + column + "), 0) + 1 FROM " + table)) {
          max.next();
          next = max.getLong(1);
        }
        try (Statement statement = connection.createStatement()) {
          if (dialect == Database.Dialect.POSTGRESQL) {
            statement.execute("SELECT setval(pg_get_serial_sequence('" + table + "', '" + column + "'), " + next + ", false)");
          } else {
            statement.execute("ALTER TABLE " + table + " ALTER COLUMN " + column + " RESTART WITH " + next);
          }
        }
      }
    }
  }
}
