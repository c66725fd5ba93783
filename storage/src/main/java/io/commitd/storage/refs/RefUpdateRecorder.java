package io.commitd.storage.refs;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.commitd.storage.db.Database;
import io.commitd.storage.repos.RepositoryRecord;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.util.List;
import org.eclipse.jgit.transport.ReceiveCommand;

/**
 * Writes the audit record and the outbox event of applied ref updates in one transaction, so
 * that an event is never published for a change that was not audited, nor the reverse.
 */
public final class RefUpdateRecorder {
  /** The outbox event type of a ref change; the trigger dispatcher turns it into EventBridge's. */
  public static final String REFERENCE_CHANGED = "referenceChanged";

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Database database;
  private final String region;

  public RefUpdateRecorder(Database database, String region) {
    this.database = database;
    this.region = region;
  }

  public void record(RefUpdateRequest<?> request, List<ReceiveCommand> applied, Instant at) {
    RepositoryRecord repository = request.repository();
    database.inTransaction(
        c -> {
          try (PreparedStatement audit =
                  c.prepareStatement(
                      "INSERT INTO audit_log (occurred_at, account_id, principal_arn, action, resource_arn, detail)"
                          + " VALUES (?, ?, ?, ?, ?, ?)");
              PreparedStatement outbox =
                  c.prepareStatement(
                      "INSERT INTO event_outbox (created_at, account_id, repository_id, event_type, payload,"
                          + " next_attempt_at) VALUES (?, ?, ?, ?, ?, ?)")) {
            for (ReceiveCommand command : applied) {
              String payload = payload(request, command, at);
              audit.setLong(1, at.toEpochMilli());
              audit.setString(2, repository.accountId());
              audit.setString(3, request.actor().principalArn());
              audit.setString(4, request.action());
              audit.setString(5, repository.arn(region));
              audit.setString(6, payload);
              audit.addBatch();
              outbox.setLong(1, at.toEpochMilli());
              outbox.setString(2, repository.accountId());
              outbox.setString(3, repository.repositoryId());
              outbox.setString(4, REFERENCE_CHANGED);
              outbox.setString(5, payload);
              outbox.setLong(6, at.toEpochMilli());
              outbox.addBatch();
            }
            audit.executeBatch();
            outbox.executeBatch();
          }
          return null;
        });
  }

  private static String payload(RefUpdateRequest<?> request, ReceiveCommand command, Instant at) {
    ObjectNode node = JSON.createObjectNode();
    node.put("repositoryId", request.repository().repositoryId());
    node.put("repositoryName", request.repository().name());
    node.put("accountId", request.repository().accountId());
    node.put("referenceFullName", command.getRefName());
    node.put("oldCommitId", command.getOldId().name());
    node.put("newCommitId", command.getNewId().name());
    node.put("changeType", command.getType().name());
    node.put("action", request.action());
    node.put("callerArn", request.actor().principalArn());
    node.put("time", at.toString());
    return node.toString();
  }
}
