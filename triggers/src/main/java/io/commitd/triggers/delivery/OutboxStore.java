package io.commitd.triggers.delivery;

import io.commitd.storage.db.Database;
import io.commitd.storage.db.Sql;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The dispatcher's view of {@code event_outbox} and {@code event_deliveries}. Only released
 * ({@code NOT held}) rows are ever read: a held row belongs to a ref change that may not happen.
 *
 * <p>Claiming takes, per repository, only the earliest event not yet delivered or dead, so a
 * repository's events leave in the order they were recorded; {@code FOR UPDATE SKIP LOCKED} (on
 * PostgreSQL and H2 alike) and a claim lease keep two dispatchers off the same event.
 */
public final class OutboxStore {
  private static final String COLUMNS =
      "o.event_id, o.created_at, o.account_id, o.repository_id, o.event_type, o.payload, o.attempts";

  private static final String UNFINISHED = "NOT %1$s.held AND %1$s.delivered_at IS NULL AND NOT %1$s.dead";

  private final Database database;

  public OutboxStore(Database database) {
    this.database = database;
  }

  /**
   * Claims up to {@code limit} deliverable events for {@code node} until {@code leaseUntil}: due,
   * unclaimed (or with an expired claim), and first in line in their repository.
   */
  public List<OutboxEvent> claim(String node, Instant now, Instant leaseUntil, int limit) {
    return database.inTransaction(c -> {
      List<OutboxEvent> events = Sql.query(c,
          "SELECT " + COLUMNS + " FROM event_outbox o WHERE " + UNFINISHED.formatted("o")
              + " AND o.next_attempt_at <= ? AND (o.claimed_until IS NULL OR o.claimed_until <= ?)"
              + " AND NOT EXISTS (SELECT 1 FROM event_outbox p WHERE p.repository_id = o.repository_id"
              + " AND p.event_id < o.event_id AND " + UNFINISHED.formatted("p") + ")"
              + " ORDER BY o.event_id LIMIT ? FOR UPDATE SKIP LOCKED",
          OutboxStore::event, now.toEpochMilli(), now.toEpochMilli(), limit);
      for (OutboxEvent event : events) {
        Sql.update(c, "UPDATE event_outbox SET claimed_by = ?, claimed_until = ? WHERE event_id = ?",
            node, leaseUntil.toEpochMilli(), event.eventId());
      }
      return events;
    });
  }

  /** Gives up every claim {@code node} holds: a restarted node does not wait for its own leases. */
  public int releaseClaims(String node) {
    return new Sql(database).update(
        "UPDATE event_outbox SET claimed_by = NULL, claimed_until = NULL WHERE claimed_by = ? AND delivered_at IS NULL",
        node);
  }

  /** The destinations (keys) that already have the event. */
  public Set<String> deliveredDestinations(long eventId) {
    return new HashSet<>(new Sql(database).query(
        "SELECT destination FROM event_deliveries WHERE event_id = ?", row -> row.getString(1), eventId));
  }

  /** Records that {@code destination} has the event, so no retry sends it again. */
  public void recordDelivery(long eventId, String destination, DestinationKind kind, Instant at) {
    database.inTransaction(c -> {
      boolean known = !Sql.query(c, "SELECT 1 FROM event_deliveries WHERE event_id = ? AND destination = ?",
          row -> 1, eventId, destination).isEmpty();
      if (!known) {
        Sql.update(c, "INSERT INTO event_deliveries (event_id, destination, kind, delivered_at) VALUES (?, ?, ?, ?)",
            eventId, destination, kind.tag(), at.toEpochMilli());
      }
      return null;
    });
  }

  /** Every destination has the event. */
  public void markDelivered(long eventId, int attempts, Instant at) {
    new Sql(database).update(
        "UPDATE event_outbox SET delivered_at = ?, attempts = ?, last_error = NULL, claimed_by = NULL,"
            + " claimed_until = NULL WHERE event_id = ?",
        at.toEpochMilli(), attempts, eventId);
  }

  /** An attempt failed: try again at {@code nextAttemptAt}, or never when {@code dead}. */
  public void markFailed(long eventId, int attempts, String error, Instant nextAttemptAt, boolean dead) {
    new Sql(database).update(
        "UPDATE event_outbox SET attempts = ?, last_error = ?, next_attempt_at = ?, dead = ?, claimed_by = NULL,"
            + " claimed_until = NULL WHERE event_id = ?",
        attempts, truncate(error), nextAttemptAt.toEpochMilli(), dead, eventId);
  }

  /** Makes a dead event of the account pending again with fresh attempts; false when there is no such dead event. */
  public boolean retry(String accountId, long eventId, Instant now) {
    return new Sql(database).update(
        "UPDATE event_outbox SET dead = FALSE, attempts = 0, next_attempt_at = ?, claimed_by = NULL,"
            + " claimed_until = NULL WHERE event_id = ? AND account_id = ? AND dead AND NOT held",
        now.toEpochMilli(), eventId, accountId) == 1;
  }

  /** Released events not yet delivered (pending or dead): what the backlog gauge shows. */
  public long backlog() {
    return new Sql(database).queryOne(
        "SELECT COUNT(*) FROM event_outbox WHERE NOT held AND delivered_at IS NULL AND NOT dead",
        row -> row.getLong(1)).orElse(0L);
  }

  /** The account's events in {@code state}: pending oldest first, the others newest first. */
  public List<EventState> list(String accountId, EventState.State state, int limit) {
    String where = switch (state) {
      case PENDING -> "o.delivered_at IS NULL AND NOT o.dead";
      case DELIVERED -> "o.delivered_at IS NOT NULL";
      case DEAD -> "o.dead";
    };
    String order = state == EventState.State.PENDING ? "o.event_id" : "o.event_id DESC";
    Map<Long, EventState> states = new LinkedHashMap<>();
    database.inTransaction(c -> {
      for (EventState event : Sql.query(c,
          "SELECT " + COLUMNS + ", o.next_attempt_at, o.delivered_at, o.last_error FROM event_outbox o"
              + " WHERE NOT o.held AND o.account_id = ? AND " + where
              + " ORDER BY " + order + " LIMIT ?",
          row -> new EventState(event(row), state, Instant.ofEpochMilli(row.getLong(8)), instant(row, 9),
              row.getString(10), List.of()), accountId, limit)) {
        states.put(event.event().eventId(), event);
      }
      for (Map.Entry<Long, EventState> entry : states.entrySet()) {
        List<String> to = Sql.query(c,
            "SELECT destination FROM event_deliveries WHERE event_id = ? ORDER BY delivered_at, destination",
            row -> row.getString(1), entry.getKey());
        EventState e = entry.getValue();
        entry.setValue(new EventState(e.event(), e.state(), e.nextAttemptAt(), e.deliveredAt(), e.lastError(), to));
      }
      return null;
    });
    return List.copyOf(states.values());
  }

  private static OutboxEvent event(ResultSet row) throws SQLException {
    return new OutboxEvent(row.getLong(1), Instant.ofEpochMilli(row.getLong(2)), row.getString(3), row.getString(4),
        row.getString(5), row.getString(6), row.getInt(7));
  }

  private static Instant instant(ResultSet row, int column) throws SQLException {
    long millis = row.getLong(column);
    return row.wasNull() ? null : Instant.ofEpochMilli(millis);
  }

  private static String truncate(String error) {
    return error == null || error.length() <= 2000 ? error : error.substring(0, 1997) + "...";
  }
}
