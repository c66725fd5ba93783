package io.commitd.storage.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.commitd.storage.db.Database;
import io.commitd.storage.db.Sql;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The trail in the {@code cloudtrail_events} table (with {@code cloudtrail_event_resources} for the
 * lookups by resource): the store of servers on PostgreSQL, where every node appends to one trail.
 */
public final class SqlTrailStore implements TrailStore {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final TypeReference<List<TrailEvent.Resource>> RESOURCES = new TypeReference<>() {};

  private static final String COLUMNS = "seq, event_id, event_time, account_id, event_name, event_source, username,"
      + " access_key_id, read_only, resources, cloudtrail_event";

  private final Database database;

  public SqlTrailStore(Database database) {
    this.database = database;
  }

  /** Appends the events in one transaction: all of them or, when it throws, none. */
  @Override
  public void appendAll(List<TrailEvent> events) {
    database.inTransaction(c -> {
      // One batch of each kind for all the events: the writer commits hundreds of events at once, and
      // a statement executed per event to read back its key was a fifth of the writer's time.
      try (PreparedStatement insert = c.prepareStatement(
              "INSERT INTO cloudtrail_events (event_id, event_time, account_id, event_name, event_source, username,"
                  + " access_key_id, read_only, resources, cloudtrail_event) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
              new String[] {"seq"});
          PreparedStatement insertResource = c.prepareStatement(
              "INSERT INTO cloudtrail_event_resources (event_seq, resource_type, resource_name) VALUES (?, ?, ?)")) {
        for (TrailEvent event : events) {
          addEvent(insert, event);
        }
        insert.executeBatch();
        boolean resources = false;
        try (ResultSet keys = insert.getGeneratedKeys()) {
          // Keys come back in the order the rows were added.
          for (TrailEvent event : events) {
            if (!keys.next()) {
              throw new SQLException("the database returned fewer keys than the " + events.size() + " events inserted");
            }
            long seq = keys.getLong(1);
            for (TrailEvent.Resource resource : event.resources()) {
              resources = true;
              addResource(insertResource, seq, resource.type(), resource.name());
              if (resource.arn() != null && !resource.arn().equals(resource.name())) {
                addResource(insertResource, seq, resource.type(), resource.arn());
              }
            }
          }
        }
        if (resources) {
          insertResource.executeBatch();
        }
      }
      return null;
    });
  }

  private static void addEvent(PreparedStatement insert, TrailEvent event) throws SQLException {
    insert.setString(1, event.eventId());
    insert.setLong(2, event.eventTime().toEpochMilli());
    insert.setString(3, event.accountId());
    insert.setString(4, event.eventName());
    insert.setString(5, event.eventSource());
    insert.setString(6, event.username());
    insert.setString(7, event.accessKeyId());
    insert.setBoolean(8, event.readOnly());
    insert.setString(9, json(event.resources()));
    insert.setString(10, event.cloudTrailEvent());
    insert.addBatch();
  }

  private static void addResource(PreparedStatement insertResource, long seq, String type, String name) throws SQLException {
    insertResource.setLong(1, seq);
    insertResource.setString(2, type);
    insertResource.setString(3, name);
    insertResource.addBatch();
  }

  @Override
  public Page lookup(Lookup lookup) {
    StringBuilder sql = new StringBuilder(
        "SELECT " + COLUMNS + " FROM cloudtrail_events e WHERE account_id = ? AND event_time >= ? AND event_time <= ?");
    List<Object> parameters = new ArrayList<>(List.of(
        lookup.accountId(), lookup.start().toEpochMilli(), lookup.end().toEpochMilli()));
    if (lookup.afterSeq() != null) {
      sql.append(" AND seq < ?");
      parameters.add(lookup.afterSeq());
    }
    if (lookup.attribute() != null) {
      switch (lookup.attribute()) {
        case ResourceName, ResourceType -> {
          sql.append(" AND EXISTS (SELECT 1 FROM cloudtrail_event_resources r WHERE r.event_seq = e.seq AND r.")
              .append(lookup.attribute() == Attribute.ResourceName ? "resource_name" : "resource_type").append(" = ?)");
          parameters.add(lookup.value());
        }
        case ReadOnly -> {
          sql.append(" AND read_only = ?");
          parameters.add(Boolean.parseBoolean(lookup.value()));
        }
        default -> {
          sql.append(" AND ").append(column(lookup.attribute())).append(" = ?");
          parameters.add(lookup.value());
        }
      }
    }
    sql.append(" ORDER BY seq DESC LIMIT ").append(lookup.limit() + 1);
    List<TrailEntry> rows = database.inTransaction(c -> Sql.query(c, sql.toString(),
        row -> new TrailEntry(row.getLong("seq"), event(row)), parameters.toArray()));
    return TrailEntry.page(rows, lookup.limit());
  }

  private static TrailEvent event(ResultSet row) throws SQLException {
    return new TrailEvent(row.getString("event_id"), Instant.ofEpochMilli(row.getLong("event_time")), row.getString("account_id"),
        row.getString("event_name"), row.getString("event_source"), row.getString("username"),
        row.getString("access_key_id"), row.getBoolean("read_only"), resources(row.getString("resources")),
        row.getString("cloudtrail_event"));
  }

  /**
   * Deletes the events that happened before {@code cutoff}; returns how many. Account by account, so
   * that the (account, time) index finds them: a purge by time alone read the whole trail, every hour
   * and at every start.
   */
  @Override
  public int purgeBefore(Instant cutoff) {
    return database.inTransaction(c -> {
      int purged = 0;
      String account = "";
      while ((account = nextAccount(c, account)) != null) {
        Sql.update(c, "DELETE FROM cloudtrail_event_resources WHERE event_seq IN"
            + " (SELECT seq FROM cloudtrail_events WHERE account_id = ? AND event_time < ?)", account, cutoff.toEpochMilli());
        purged += Sql.update(c, "DELETE FROM cloudtrail_events WHERE account_id = ? AND event_time < ?",
            account, cutoff.toEpochMilli());
      }
      return purged;
    });
  }

  /** Up to {@code limit} events after the event {@code seq}, oldest first. */
  List<TrailEntry> readAfter(long seq, int limit) {
    return database.inTransaction(c -> Sql.query(c,
        "SELECT " + COLUMNS + " FROM cloudtrail_events WHERE seq > ? ORDER BY seq LIMIT " + limit,
        row -> new TrailEntry(row.getLong("seq"), event(row)), seq));
  }

  /** Deletes every event up to and including the event {@code seq}. */
  void deleteThrough(long seq) {
    database.inTransaction(c -> {
      Sql.update(c, "DELETE FROM cloudtrail_event_resources WHERE event_seq <= ?", seq);
      return Sql.update(c, "DELETE FROM cloudtrail_events WHERE seq <= ?", seq);
    });
  }

  private static String column(Attribute attribute) {
    return switch (attribute) {
      case EventId -> "event_id";
      case EventName -> "event_name";
      case ReadOnly -> "read_only";
      case Username -> "username";
      case EventSource -> "event_source";
      case AccessKeyId -> "access_key_id";
      case ResourceName, ResourceType -> throw new IllegalArgumentException(attribute + " is in cloudtrail_event_resources");
    };
  }

  /** The first account after {@code after} that has events, read from the index; null past the last. */
  private static String nextAccount(Connection c, String after) throws SQLException {
    List<String> next = Sql.query(c, "SELECT account_id FROM cloudtrail_events WHERE account_id > ? ORDER BY account_id LIMIT 1",
        rs -> rs.getString(1), after);
    return next.isEmpty() ? null : next.get(0);
  }

  static String json(List<TrailEvent.Resource> resources) {
    try {
      return JSON.writeValueAsString(resources);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("resources are plain values", e);
    }
  }

  private static List<TrailEvent.Resource> resources(String json) throws SQLException {
    try {
      return JSON.readValue(json, RESOURCES);
    } catch (JsonProcessingException e) {
      throw new SQLException("unreadable resources column", e);
    }
  }

}
