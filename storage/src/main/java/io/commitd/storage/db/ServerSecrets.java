package io.commitd.storage.db;

import java.util.Optional;
import java.util.function.Supplier;

/**
 * Named secrets shared by every node through the metadata database (table {@code server_secrets}):
 * generated once, by whichever node asks first, and the same for everyone afterwards.
 */
public final class ServerSecrets {
  private final Sql sql;

  public ServerSecrets(Database database) {
    this.sql = new Sql(database);
  }

  public Optional<String> find(String name) {
    return sql.queryOne("SELECT content FROM server_secrets WHERE name = ?", row -> row.getString(1), name);
  }

  /**
   * The secret called {@code name}; when there is none, {@code generator}'s value is stored and
   * returned. Two nodes racing both get the value that was stored first.
   */
  public String getOrCreate(String name, Supplier<String> generator) {
    Optional<String> existing = find(name);
    if (existing.isPresent()) {
      return existing.get();
    }
    sql.update(
        "INSERT INTO server_secrets (name, content, created_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
        name, generator.get(), System.currentTimeMillis());
    return find(name).orElseThrow(() -> new IllegalStateException("secret " + name + " vanished after being stored"));
  }
}
