package io.commitd.storage.refs;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.commitd.storage.db.Database;
import io.commitd.storage.db.Sql;
import io.commitd.storage.repos.RepositoryRecord;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The journal in the metadata database: {@code ref_changes}, with the change's rows in
 * {@code audit_log} and {@code event_outbox} marked {@code held} until it is applied.
 */
public final class SqlRefChangeJournal implements RefChangeJournal {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Database database;
  private final String region;

  public SqlRefChangeJournal(Database database, String region) {
    this.database = database;
    this.region = region;
  }

  @Override
  public List<String> open(RepositoryRecord repository, Actor actor, String action, List<RefChange> changes, Instant at) {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < changes.size(); i++) {
      ids.add(UUID.randomUUID().toString());
    }
    database.inTransaction(c -> {
      try (PreparedStatement intent = c.prepareStatement(
              "INSERT INTO ref_changes (change_id, repository_id, ref_name, old_value, new_value, created_at, applied)"
                  + " VALUES (?, ?, ?, ?, ?, ?, FALSE)");
          PreparedStatement audit = c.prepareStatement(
              "INSERT INTO audit_log (occurred_at, account_id, principal_arn, action, resource_arn, detail, change_id, held)"
                  + " VALUES (?, ?, ?, ?, ?, ?, ?, TRUE)");
          PreparedStatement outbox = c.prepareStatement(
              "INSERT INTO event_outbox (created_at, account_id, repository_id, event_type, payload, next_attempt_at,"
                  + " change_id, held) VALUES (?, ?, ?, ?, ?, ?, ?, TRUE)")) {
        for (int i = 0; i < changes.size(); i++) {
          RefChange change = changes.get(i);
          String id = ids.get(i);
          String payload = payload(repository, actor, action, change, at);
          bind(intent, id, repository.repositoryId(), change.refName(), change.oldValue(), change.newValue(), at.toEpochMilli());
          bind(audit, at.toEpochMilli(), repository.accountId(), actor.principalArn(), action, repository.arn(region), payload, id);
          bind(outbox, at.toEpochMilli(), repository.accountId(), repository.repositoryId(), change.eventType(), payload,
              at.toEpochMilli(), id);
        }
        intent.executeBatch();
        audit.executeBatch();
        outbox.executeBatch();
      }
      return null;
    });
    return List.copyOf(ids);
  }

  @Override
  public void markApplied(List<String> changeIds) {
    if (changeIds.isEmpty()) {
      return;
    }
    database.inTransaction(c -> {
      update(c, "UPDATE ref_changes SET applied = TRUE WHERE change_id = ?", changeIds);
      update(c, "UPDATE audit_log SET held = FALSE WHERE change_id = ?", changeIds);
      update(c, "UPDATE event_outbox SET held = FALSE WHERE change_id = ?", changeIds);
      return null;
    });
  }

  @Override
  public void discard(List<String> changeIds) {
    if (changeIds.isEmpty()) {
      return;
    }
    database.inTransaction(c -> {
      update(c, "DELETE FROM audit_log WHERE change_id = ? AND held", changeIds);
      update(c, "DELETE FROM event_outbox WHERE change_id = ? AND held", changeIds);
      update(c, "DELETE FROM ref_changes WHERE change_id = ? AND NOT applied", changeIds);
      return null;
    });
  }

  @Override
  public List<OpenChange> openChanges(Instant before) {
    return new Sql(database).query(
        "SELECT change_id, repository_id, ref_name, old_value, new_value FROM ref_changes"
            + " WHERE NOT applied AND created_at < ? ORDER BY created_at",
        row -> new OpenChange(row.getString(1), row.getString(2), new RefChange(row.getString(3), row.getString(4),
            row.getString(5), row.getString(3).equals("HEAD") ? RefChange.DEFAULT_BRANCH_CHANGED : RefChange.REFERENCE_CHANGED)),
        before.toEpochMilli());
  }

  private static void bind(PreparedStatement statement, Object... values) throws SQLException {
    for (int i = 0; i < values.length; i++) {
      statement.setObject(i + 1, values[i]);
    }
    statement.addBatch();
  }

  private static void update(Connection c, String sql, List<String> ids) throws SQLException {
    try (PreparedStatement statement = c.prepareStatement(sql)) {
      for (String id : ids) {
        statement.setString(1, id);
        statement.addBatch();
      }
      statement.executeBatch();
    }
  }

  private static String payload(RepositoryRecord repository, Actor actor, String action, RefChange change, Instant at) {
    ObjectNode node = JSON.createObjectNode();
    node.put("repositoryId", repository.repositoryId());
    node.put("repositoryName", repository.name());
    node.put("accountId", repository.accountId());
    node.put("referenceFullName", change.refName());
    node.put("oldCommitId", change.oldValue());
    node.put("newCommitId", change.newValue());
    node.put("changeType", changeType(change));
    node.put("action", action);
    node.put("callerArn", actor.principalArn());
    node.put("time", at.toString());
    return node.toString();
  }

  private static String changeType(RefChange change) {
    if (RefChange.targetOf(change.newValue()) != null) {
      return "LINK";
    }
    String zero = org.eclipse.jgit.lib.ObjectId.zeroId().name();
    return change.oldValue().equals(zero) ? "CREATE" : change.newValue().equals(zero) ? "DELETE" : "UPDATE";
  }
}
