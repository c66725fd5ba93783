package io.commitd.storage.outbox;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;

/**
 * Appends events to {@code event_outbox} inside the caller's transaction, so an event exists
 * exactly when the change it reports was committed. The trigger dispatcher delivers from there.
 *
 * <p>Event types: {@link io.commitd.storage.refs.RefChange#REFERENCE_CHANGED} and
 * {@link io.commitd.storage.refs.RefChange#DEFAULT_BRANCH_CHANGED} are written by the ref-update
 * journal; {@link #EVENTBRIDGE} rows carry a complete EventBridge event of another kind (pull
 * requests, comments, approval rule templates) as {@code {"detailType": …, "resources": […],
 * "detail": {…}}}.
 */
public final class EventOutbox {
  /** An EventBridge event that is not a ref change, ready to send as it is. */
  public static final String EVENTBRIDGE = "eventBridge";

  private EventOutbox() {}

  public static void append(Connection connection, String accountId, String repositoryId, String eventType, String payload,
      Instant at) throws SQLException {
    try (PreparedStatement insert = connection.prepareStatement(
        "INSERT INTO event_outbox (created_at, account_id, repository_id, event_type, payload, next_attempt_at)"
            + " VALUES (?, ?, ?, ?, ?, ?)")) {
      insert.setLong(1, at.toEpochMilli());
      insert.setString(2, accountId);
      insert.setString(3, repositoryId);
      insert.setString(4, eventType);
      insert.setString(5, payload);
      insert.setLong(6, at.toEpochMilli());
      insert.executeUpdate();
    }
  }
}
