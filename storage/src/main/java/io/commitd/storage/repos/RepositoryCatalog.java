package io.commitd.storage.repos;

import io.commitd.storage.db.Database;
import io.commitd.storage.db.DatabaseException;
import io.commitd.storage.db.SqlWork;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The repositories table and its tags: names, descriptions, default branches, keys. */
public final class RepositoryCatalog {
  private static final String COLUMNS =
      "repository_id, account_id, name, description, default_branch, kms_key_id, created_at, last_modified_at";

  private final Database database;
  /** Null unless this process is the database's only writer. */
  private final RecentRepositories recent;

  /** A catalog that reads the database on every lookup: for a database other processes write. */
  public RepositoryCatalog(Database database) {
    this(database, null);
  }

  private RepositoryCatalog(Database database, RecentRepositories recent) {
    this.database = database;
    this.recent = recent;
  }

  /**
   * A catalog that keeps the records it read until its next write: for a database no other process
   * writes (the embedded one, which this process holds open), and only one such catalog per database.
   */
  public static RepositoryCatalog soleWriter(Database database) {
    return new RepositoryCatalog(database, new RecentRepositories());
  }

  /** Thrown when the account already has a repository of that name. */
  public static final class NameTakenException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public NameTakenException(String name) {
      super(name);
    }
  }

  public void ensureAccount(String accountId, Instant now) {
    database.inTransaction(
        c -> {
          try (PreparedStatement select = c.prepareStatement("SELECT 1 FROM accounts WHERE account_id = ?")) {
            select.setString(1, accountId);
            try (ResultSet rs = select.executeQuery()) {
              if (rs.next()) {
                return null;
              }
            }
          }
          try (PreparedStatement insert =
              c.prepareStatement("INSERT INTO accounts (account_id, created_at) VALUES (?, ?)")) {
            insert.setString(1, accountId);
            insert.setLong(2, now.toEpochMilli());
            insert.executeUpdate();
          }
          return null;
        });
  }

  /** Inserts the repository and its tags in one transaction. */
  public void create(RepositoryRecord repository, Map<String, String> tags) {
    try {
      write(
          c -> {
            try (PreparedStatement insert =
                c.prepareStatement("INSERT INTO repositories (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
              insert.setString(1, repository.repositoryId());
              insert.setString(2, repository.accountId());
              insert.setString(3, repository.name());
              insert.setString(4, repository.description());
              insert.setString(5, repository.defaultBranch());
              insert.setString(6, repository.kmsKeyId());
              insert.setLong(7, repository.createdAt().toEpochMilli());
              insert.setLong(8, repository.lastModifiedAt().toEpochMilli());
              insert.executeUpdate();
            }
            putTags(c, repository.repositoryId(), tags);
            return null;
          });
    } catch (DatabaseException e) {
      if (e.isUniqueViolation()) {
        throw new NameTakenException(repository.name());
      }
      throw e;
    }
  }

  public Optional<RepositoryRecord> findByName(String accountId, String name) {
    return recent == null ? readByName(accountId, name) : recent.byName(accountId, name, () -> readByName(accountId, name));
  }

  private Optional<RepositoryRecord> readByName(String accountId, String name) {
    return database.inTransaction(
        c -> {
          try (PreparedStatement select =
              c.prepareStatement("SELECT " + COLUMNS + " FROM repositories WHERE account_id = ? AND name = ?")) {
            select.setString(1, accountId);
            select.setString(2, name);
            return single(select);
          }
        });
  }

  public Optional<RepositoryRecord> findById(String repositoryId) {
    return recent == null ? readById(repositoryId) : recent.byId(repositoryId, () -> readById(repositoryId));
  }

  private Optional<RepositoryRecord> readById(String repositoryId) {
    return database.inTransaction(
        c -> {
          try (PreparedStatement select =
              c.prepareStatement("SELECT " + COLUMNS + " FROM repositories WHERE repository_id = ?")) {
            select.setString(1, repositoryId);
            return single(select);
          }
        });
  }

  /** All repositories of an account, by name. */
  public List<RepositoryRecord> list(String accountId) {
    return database.inTransaction(
        c -> {
          try (PreparedStatement select =
              c.prepareStatement("SELECT " + COLUMNS + " FROM repositories WHERE account_id = ? ORDER BY name")) {
            select.setString(1, accountId);
            List<RepositoryRecord> result = new ArrayList<>();
            try (ResultSet rs = select.executeQuery()) {
              while (rs.next()) {
                result.add(read(rs));
              }
            }
            return result;
          }
        });
  }

  /** The orders ListRepositories offers. */
  public enum ListOrder {
    NAME,
    LAST_MODIFIED
  }

  /**
   * Up to {@code limit} repositories of an account, from {@code offset} in the given order (ties
   * on the date broken by name), read a page at a time so that listing costs the same with ten
   * repositories as with ten thousand. Names compare by code point, as {@link String#compareTo}.
   */
  public List<RepositoryRecord> listPage(String accountId, ListOrder order, boolean descending, int offset, int limit) {
    if (recent == null) {
      return readPage(accountId, order, descending, offset, limit);
    }
    return recent.page(new RecentRepositories.PageKey(accountId, order, descending, offset, limit),
        () -> readPage(accountId, order, descending, offset, limit));
  }

  private List<RepositoryRecord> readPage(String accountId, ListOrder order, boolean descending, int offset, int limit) {
    String direction = descending ? " DESC" : " ASC";
    String name = database.dialect() == Database.Dialect.POSTGRESQL ? "name COLLATE \"C\"" : "name";
    String orderBy = order == ListOrder.NAME ? name + direction : "last_modified_at" + direction + ", " + name + direction;
    return database.inTransaction(
        c -> {
          try (PreparedStatement select = c.prepareStatement(
              "SELECT " + COLUMNS + " FROM repositories WHERE account_id = ? ORDER BY " + orderBy + " LIMIT ? OFFSET ?")) {
            select.setString(1, accountId);
            select.setInt(2, limit);
            select.setInt(3, offset);
            List<RepositoryRecord> result = new ArrayList<>();
            try (ResultSet rs = select.executeQuery()) {
              while (rs.next()) {
                result.add(read(rs));
              }
            }
            return result;
          }
        });
  }

  public void rename(String repositoryId, String newName, Instant now) {
    try {
      update(repositoryId, "name = ?", newName, now);
    } catch (DatabaseException e) {
      if (e.isUniqueViolation()) {
        throw new NameTakenException(newName);
      }
      throw e;
    }
  }

  public void updateDescription(String repositoryId, String description, Instant now) {
    update(repositoryId, "description = ?", description, now);
  }

  public void updateDefaultBranch(String repositoryId, String branch, Instant now) {
    update(repositoryId, "default_branch = ?", branch, now);
  }

  /**
   * Makes {@code branch} the default branch only if the repository has none yet: CodeCommit's
   * rule that the first branch pushed or created becomes the default. Returns true if it did.
   */
  public boolean setDefaultBranchIfAbsent(String repositoryId, String branch, Instant now) {
    return write(
        c -> {
          try (PreparedStatement update =
              c.prepareStatement(
                  "UPDATE repositories SET default_branch = ?, last_modified_at = ?"
                      + " WHERE repository_id = ? AND default_branch IS NULL")) {
            update.setString(1, branch);
            update.setLong(2, now.toEpochMilli());
            update.setString(3, repositoryId);
            return update.executeUpdate() == 1;
          }
        });
  }

  public void updateKmsKeyId(String repositoryId, String kmsKeyId, Instant now) {
    update(repositoryId, "kms_key_id = ?", kmsKeyId, now);
  }

  /** Marks the repository modified, as CodeCommit does when its content changes. */
  public void touch(String repositoryId, Instant now) {
    write(
        c -> {
          try (PreparedStatement update =
              c.prepareStatement("UPDATE repositories SET last_modified_at = ? WHERE repository_id = ?")) {
            update.setLong(1, now.toEpochMilli());
            update.setString(2, repositoryId);
            update.executeUpdate();
          }
          return null;
        });
  }

  public void delete(String repositoryId) {
    write(
        c -> {
          try (PreparedStatement delete = c.prepareStatement("DELETE FROM repositories WHERE repository_id = ?")) {
            delete.setString(1, repositoryId);
            delete.executeUpdate();
          }
          return null;
        });
  }

  public Map<String, String> tags(String repositoryId) {
    return database.inTransaction(
        c -> {
          try (PreparedStatement select =
              c.prepareStatement(
                  "SELECT tag_key, tag_value FROM repository_tags WHERE repository_id = ? ORDER BY tag_key")) {
            select.setString(1, repositoryId);
            Map<String, String> tags = new LinkedHashMap<>();
            try (ResultSet rs = select.executeQuery()) {
              while (rs.next()) {
                tags.put(rs.getString(1), rs.getString(2));
              }
            }
            return tags;
          }
        });
  }

  /** Adds or overwrites tags. */
  public void tag(String repositoryId, Map<String, String> tags) {
    database.inTransaction(c -> putTags(c, repositoryId, tags));
  }

  public void untag(String repositoryId, List<String> keys) {
    database.inTransaction(
        c -> {
          try (PreparedStatement delete =
              c.prepareStatement("DELETE FROM repository_tags WHERE repository_id = ? AND tag_key = ?")) {
            for (String key : keys) {
              delete.setString(1, repositoryId);
              delete.setString(2, key);
              delete.addBatch();
            }
            delete.executeBatch();
          }
          return null;
        });
  }

  private static Void putTags(Connection c, String repositoryId, Map<String, String> tags) throws SQLException {
    if (tags.isEmpty()) {
      return null;
    }
    try (PreparedStatement delete =
            c.prepareStatement("DELETE FROM repository_tags WHERE repository_id = ? AND tag_key = ?");
        PreparedStatement insert =
            c.prepareStatement("INSERT INTO repository_tags (repository_id, tag_key, tag_value) VALUES (?, ?, ?)")) {
      for (Map.Entry<String, String> tag : tags.entrySet()) {
        delete.setString(1, repositoryId);
        delete.setString(2, tag.getKey());
        delete.executeUpdate();
        insert.setString(1, repositoryId);
        insert.setString(2, tag.getKey());
        insert.setString(3, tag.getValue());
        insert.executeUpdate();
      }
    }
    return null;
  }

  private void update(String repositoryId, String assignment, String value, Instant now) {
    write(
        c -> {
          try (PreparedStatement update =
              c.prepareStatement(
                  "UPDATE repositories SET " + assignment + ", last_modified_at = ? WHERE repository_id = ?")) {
            update.setString(1, value);
            update.setLong(2, now.toEpochMilli());
            update.setString(3, repositoryId);
            update.executeUpdate();
          }
          return null;
        });
  }

  /** A write of the repositories table: afterwards, nothing read before it is served from memory. */
  private <T> T write(SqlWork<T> work) {
    try {
      return database.inTransaction(work);
    } finally {
      if (recent != null) {
        recent.changed();
      }
    }
  }

  private static Optional<RepositoryRecord> single(PreparedStatement select) throws SQLException {
    try (ResultSet rs = select.executeQuery()) {
      return rs.next() ? Optional.of(read(rs)) : Optional.empty();
    }
  }

  private static RepositoryRecord read(ResultSet rs) throws SQLException {
    return new RepositoryRecord(
        rs.getString(1),
        rs.getString(2),
        rs.getString(3),
        rs.getString(4),
        rs.getString(5),
        rs.getString(6),
        Instant.ofEpochMilli(rs.getLong(7)),
        Instant.ofEpochMilli(rs.getLong(8)));
  }
}
