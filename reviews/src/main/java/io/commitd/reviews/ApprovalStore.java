package io.commitd.reviews;

import io.commitd.approval.rules.Approval;
import io.commitd.approval.rules.ApprovalState;
import io.commitd.reviews.PullRequestStore.Outgoing;
import io.commitd.storage.db.Database;
import io.commitd.storage.db.Sql;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Pull requests' approval rules and approvals in the metadata database. Every change writes its
 * pull-request event and EventBridge event in the same transaction. Approvals are kept per revision:
 * a new revision starts with none, and the old revision's stay behind.
 */
public final class ApprovalStore {
  private static final String RULE_COLUMNS = "rule_id, pull_request_id, name, content, content_sha256, origin_template_id,"
      + " origin_template_name, created_at, last_modified_at, last_modified_user";

  private final Database database;
  private final Sql sql;

  public ApprovalStore(Database database) {
    this.database = database;
    this.sql = new Sql(database);
  }

  /** Another rule of the pull request already has the name. */
  public static final class RuleNameTakenException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    RuleNameTakenException(String name) {
      super("approval rule name already used: " + name);
    }
  }

  // ---- rules

  /** The pull request's rules, oldest first. */
  public List<PullRequestApprovalRule> rules(long pullRequestId) {
    return sql.query("SELECT " + RULE_COLUMNS + " FROM pull_request_approval_rules WHERE pull_request_id = ?"
        + " ORDER BY created_at, rule_id", ApprovalStore::rule, pullRequestId);
  }

  public Optional<PullRequestApprovalRule> rule(long pullRequestId, String name) {
    return sql.queryOne("SELECT " + RULE_COLUMNS + " FROM pull_request_approval_rules WHERE pull_request_id = ? AND name = ?",
        ApprovalStore::rule, pullRequestId, name);
  }

  /**
   * Adds a rule with its event.
   *
   * @throws RuleNameTakenException when the pull request has a rule of that name
   */
  public void createRule(PullRequestApprovalRule rule, PullRequestEvent event, Outgoing outgoing) {
    try {
      database.inTransaction(c -> {
        insertRule(c, rule);
        PullRequestStore.recordEvent(c, event, outgoing);
        return null;
      });
    } catch (RuntimeException e) {
      if (rule(rule.pullRequestId(), rule.name()).isPresent()) {
        throw new RuleNameTakenException(rule.name());
      }
      throw e;
    }
  }

  /** Replaces the rule's content if it still has {@code expected}'s; false when another writer changed it first. */
  public boolean updateRule(PullRequestApprovalRule expected, PullRequestApprovalRule updated, PullRequestEvent event,
      Outgoing outgoing) {
    return database.inTransaction(c -> {
      int rows = Sql.update(c, "UPDATE pull_request_approval_rules SET content = ?, content_sha256 = ?, last_modified_at = ?,"
              + " last_modified_user = ? WHERE rule_id = ? AND content_sha256 = ?",
          updated.content(), updated.contentSha256(), updated.lastModifiedAt().toEpochMilli(), updated.lastModifiedUser(),
          expected.ruleId(), expected.contentSha256());
      if (rows == 0) {
        c.rollback();
        return false;
      }
      PullRequestStore.recordEvent(c, event, outgoing);
      return true;
    });
  }

  /** Deletes the rule with its event; false when it was already gone. */
  public boolean deleteRule(PullRequestApprovalRule rule, PullRequestEvent event, Outgoing outgoing) {
    return database.inTransaction(c -> {
      if (Sql.update(c, "DELETE FROM pull_request_approval_rules WHERE rule_id = ?", rule.ruleId()) == 0) {
        return false;
      }
      PullRequestStore.recordEvent(c, event, outgoing);
      return true;
    });
  }

  static void insertRule(Connection c, PullRequestApprovalRule rule) throws SQLException {
    Sql.update(c, "INSERT INTO pull_request_approval_rules (" + RULE_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        rule.ruleId(), rule.pullRequestId(), rule.name(), rule.content(), rule.contentSha256(), rule.originTemplateId(),
        rule.originTemplateName(), rule.createdAt().toEpochMilli(), rule.lastModifiedAt().toEpochMilli(),
        rule.lastModifiedUser());
  }

  // ---- approvals

  /** The approval states given for one revision, oldest change first. */
  public List<Approval> approvals(long pullRequestId, String revisionId) {
    return sql.query("SELECT user_arn, state, revision_id FROM pull_request_approvals WHERE pull_request_id = ?"
            + " AND revision_id = ? ORDER BY updated_at, user_arn",
        row -> new Approval(row.getString(1), ApprovalState.valueOf(row.getString(2)), row.getString(3)),
        pullRequestId, revisionId);
  }

  /** Sets {@code approval}'s approver's state for its revision, with the event. */
  public void setApproval(long pullRequestId, Approval approval, Instant at, PullRequestEvent event, Outgoing outgoing) {
    database.inTransaction(c -> {
      Sql.update(c, "DELETE FROM pull_request_approvals WHERE pull_request_id = ? AND revision_id = ? AND user_arn = ?",
          pullRequestId, approval.revisionId(), approval.approverArn());
      Sql.update(c, "INSERT INTO pull_request_approvals (pull_request_id, revision_id, user_arn, state, updated_at)"
              + " VALUES (?, ?, ?, ?, ?)",
          pullRequestId, approval.revisionId(), approval.approverArn(), approval.state().name(), at.toEpochMilli());
      PullRequestStore.recordEvent(c, event, outgoing);
      return null;
    });
  }

  private static PullRequestApprovalRule rule(ResultSet row) throws SQLException {
    return new PullRequestApprovalRule(row.getString(1), row.getLong(2), row.getString(3), row.getString(4), row.getString(5),
        row.getString(6), row.getString(7), Instant.ofEpochMilli(row.getLong(8)), Instant.ofEpochMilli(row.getLong(9)),
        row.getString(10));
  }
}
