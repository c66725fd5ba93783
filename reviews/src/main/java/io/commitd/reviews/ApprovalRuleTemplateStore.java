package io.commitd.reviews;

import io.commitd.reviews.PullRequestStore.Outgoing;
import io.commitd.storage.db.Database;
import io.commitd.storage.db.Sql;
import io.commitd.storage.outbox.EventOutbox;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Approval rule templates and their associations with repositories in the metadata database. Every
 * change writes its EventBridge events in the same transaction.
 */
public final class ApprovalRuleTemplateStore {
  private static final String COLUMNS = "template_id, account_id, name, description, content, content_sha256, created_at,"
      + " last_modified_at, last_modified_user";

  private final Database database;
  private final Sql sql;

  public ApprovalRuleTemplateStore(Database database) {
    this.database = database;
    this.sql = new Sql(database);
  }

  /** The account already has a template of that name. */
  public static final class NameTakenException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    NameTakenException(String name) {
      super("approval rule template name already used: " + name);
    }
  }

  public Optional<ApprovalRuleTemplate> find(String accountId, String name) {
    return sql.queryOne("SELECT " + COLUMNS + " FROM approval_rule_templates WHERE account_id = ? AND name = ?",
        ApprovalRuleTemplateStore::row, accountId, name);
  }

  /** The account's template names, in order. */
  public List<String> names(String accountId) {
    return sql.query("SELECT name FROM approval_rule_templates WHERE account_id = ? ORDER BY name",
        row -> row.getString(1), accountId);
  }

  public int count(String accountId) {
    return sql.queryOne("SELECT COUNT(*) FROM approval_rule_templates WHERE account_id = ?", row -> row.getInt(1), accountId)
        .orElse(0);
  }

  /** @throws NameTakenException when the account has a template of that name */
  public void create(ApprovalRuleTemplate template, List<Outgoing> events) {
    try {
      database.inTransaction(c -> {
        Sql.update(c, "INSERT INTO approval_rule_templates (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            template.templateId(), template.accountId(), template.name(), template.description(), template.content(),
            template.contentSha256(), template.createdAt().toEpochMilli(), template.lastModifiedAt().toEpochMilli(),
            template.lastModifiedUser());
        append(c, events, template.lastModifiedAt());
        return null;
      });
    } catch (RuntimeException e) {
      if (find(template.accountId(), template.name()).isPresent()) {
        throw new NameTakenException(template.name());
      }
      throw e;
    }
  }

  /**
   * Replaces the template's name, description and content if its content is still {@code expected}'s;
   * false when another writer changed it first.
   *
   * @throws NameTakenException when the new name is another template's
   */
  public boolean update(ApprovalRuleTemplate expected, ApprovalRuleTemplate updated, List<Outgoing> events) {
    try {
      return database.inTransaction(c -> {
        int rows = Sql.update(c, "UPDATE approval_rule_templates SET name = ?, description = ?, content = ?, content_sha256 = ?,"
                + " last_modified_at = ?, last_modified_user = ? WHERE template_id = ? AND name = ? AND content_sha256 = ?",
            updated.name(), updated.description(), updated.content(), updated.contentSha256(),
            updated.lastModifiedAt().toEpochMilli(), updated.lastModifiedUser(), expected.templateId(), expected.name(),
            expected.contentSha256());
        if (rows == 0) {
          c.rollback();
          return false;
        }
        append(c, events, updated.lastModifiedAt());
        return true;
      });
    } catch (RuntimeException e) {
      if (!expected.name().equals(updated.name()) && find(updated.accountId(), updated.name()).isPresent()) {
        throw new NameTakenException(updated.name());
      }
      throw e;
    }
  }

  /** Deletes a template no repository uses; false when it is associated with one (or already gone). */
  public boolean deleteUnused(ApprovalRuleTemplate template, List<Outgoing> events, Instant at) {
    return database.inTransaction(c -> {
      int rows = Sql.update(c, "DELETE FROM approval_rule_templates WHERE template_id = ? AND NOT EXISTS"
          + " (SELECT 1 FROM approval_rule_template_repositories WHERE template_id = ?)", template.templateId(),
          template.templateId());
      if (rows == 0) {
        return false;
      }
      append(c, events, at);
      return true;
    });
  }

  // ---- associations

  /** Ids of the repositories the template is associated with. */
  public List<String> repositoryIds(String templateId) {
    return sql.query("SELECT repository_id FROM approval_rule_template_repositories WHERE template_id = ?",
        row -> row.getString(1), templateId);
  }

  /** The templates associated with a repository, by name. */
  public List<ApprovalRuleTemplate> associatedWith(String repositoryId) {
    return sql.query("SELECT " + prefixed("t") + " FROM approval_rule_templates t JOIN approval_rule_template_repositories r"
        + " ON r.template_id = t.template_id WHERE r.repository_id = ? ORDER BY t.name", ApprovalRuleTemplateStore::row,
        repositoryId);
  }

  /**
   * Associates the template with the repositories not yet associated (at most {@code limit}
   * templates per repository); returns the ids newly associated and those over the limit.
   *
   * @param events the events of an association that added the given repository ids
   */
  public Associated associate(String templateId, List<String> repositoryIds, int limit,
      Function<List<String>, List<Outgoing>> events, Instant at) {
    return database.inTransaction(c -> {
      List<String> added = new java.util.ArrayList<>();
      List<String> full = new java.util.ArrayList<>();
      for (String repositoryId : repositoryIds) {
        boolean there = !Sql.query(c, "SELECT 1 FROM approval_rule_template_repositories WHERE template_id = ? AND repository_id = ?",
            row -> 1, templateId, repositoryId).isEmpty();
        if (there) {
          continue;
        }
        int count = Sql.query(c, "SELECT COUNT(*) FROM approval_rule_template_repositories WHERE repository_id = ?",
            row -> row.getInt(1), repositoryId).get(0);
        if (count >= limit) {
          full.add(repositoryId);
          continue;
        }
        Sql.update(c, "INSERT INTO approval_rule_template_repositories (template_id, repository_id) VALUES (?, ?)",
            templateId, repositoryId);
        added.add(repositoryId);
      }
      append(c, events.apply(added), at);
      return new Associated(added, full);
    });
  }

  /** Which repositories an association added, and which already had the most templates allowed. */
  public record Associated(List<String> added, List<String> atLimit) {}

  /**
   * Removes the associations; returns the ids of the repositories that had one.
   *
   * @param events the events of a disassociation that removed the given repository ids
   */
  public List<String> disassociate(String templateId, List<String> repositoryIds,
      Function<List<String>, List<Outgoing>> events, Instant at) {
    return database.inTransaction(c -> {
      List<String> removed = new java.util.ArrayList<>();
      for (String repositoryId : repositoryIds) {
        if (Sql.update(c, "DELETE FROM approval_rule_template_repositories WHERE template_id = ? AND repository_id = ?",
            templateId, repositoryId) > 0) {
          removed.add(repositoryId);
        }
      }
      append(c, events.apply(removed), at);
      return removed;
    });
  }

  private static void append(Connection c, List<Outgoing> events, Instant at) throws SQLException {
    for (Outgoing event : events) {
      EventOutbox.append(c, event.accountId(), event.repositoryId(), EventOutbox.EVENTBRIDGE, event.payload(), at);
    }
  }

  private static String prefixed(String alias) {
    return alias + "." + COLUMNS.replace(", ", ", " + alias + ".");
  }

  private static ApprovalRuleTemplate row(ResultSet row) throws SQLException {
    return new ApprovalRuleTemplate(row.getString(1), row.getString(2), row.getString(3), row.getString(4), row.getString(5),
        row.getString(6), Instant.ofEpochMilli(row.getLong(7)), Instant.ofEpochMilli(row.getLong(8)), row.getString(9));
  }
}
