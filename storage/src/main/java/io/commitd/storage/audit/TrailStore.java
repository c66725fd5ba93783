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
 * The {@code cloudtrail_events} table: events appended as they happen, looked up newest first by
 * one attribute and a time range, page by page, and purged after the retention period.
 */
public final class TrailStore {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final TypeReference<List<TrailEvent.Resource>> RESOURCES = new TypeReference<>() {};

  private final Database database;

  public TrailStore(Database database) {
    this.database = database;
  }

  /** The attributes LookupEvents filters on, by their CloudTrail names. */
  public enum Attribute {
    EventId("event_id"),
    EventName("event_name"),
    ReadOnly("read_only"),
    Username("username"),
    EventSource("event_source"),
    AccessKeyId("access_key_id"),
    ResourceName(null),
    ResourceType(null);

    private final String column;

    Attribute(String column) {
      this.column = column;
    }
  }

  /**
   * A lookup in one account: events with {@code start <= eventTime <= end}, matching
   * {@code attribute = value} when an attribute is given, older than the event {@code afterSeq}
   * when paging on.
   */
  public record Lookup(String accountId, Attribute attribute, String value, Instant start, Instant end, int limit, Long afterSeq) {}

  /** A page of events and the sequence number to continue after, or null when it was the last. */
  public record Page(List<TrailEvent> events, Long next) {}

  public void append(TrailEvent event) {
    appendAll(List.of(event));
  }

  /** Appends the events in one transaction: all of them or, when it throws, none. */
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

  public Page lookup(Lookup lookup) {
    StringBuilder sql = new StringBuilder(
        "SELECT seq, event_id, event_time, account_id, event_name, event_source, username, access_key_id, read_only,"
            + " resources, cloudtrail_event FROM cloudtrail_events e WHERE account_id = ? AND event_time >= ? AND event_time <= ?");
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
          sql.append(" AND ").append(lookup.attribute().column).append(" = ?");
          parameters.add(lookup.value());
        }
      }
    }
    sql.append(" ORDER BY seq DESC LIMIT ").append(lookup.limit() + 1);
    List<Object[]> rows = database.inTransaction(c -> Sql.query(c, sql.toString(), row -> new Object[] {
        row.getLong("seq"),
        new TrailEvent(row.getString("event_id"), Instant.ofEpochMilli(row.getLong("event_time")), row.getString("account_id"),
            row.getString("event_name"), row.getString("event_source"), row.getString("username"),
            row.getString("access_key_id"), row.getBoolean("read_only"), resources(row.getString("resources")),
            row.getString("cloudtrail_event"))}, parameters.toArray()));
    List<TrailEvent> events = new ArrayList<>();
    Long next = null;
    for (int i = 0; i < rows.size() && i < lookup.limit(); i++) {
      events.add((TrailEvent) rows.get(i)[1]);
      next = (Long) rows.get(i)[0];
    }
    return new Page(events, rows.size() > lookup.limit() ? next : null);
  }

  /**
   * Deletes the events that happened before {@code cutoff}; returns how many. Account by account, so
   * that the (account, time) index finds them: a purge by time alone read the whole trail, every hour
   * and at every start.
   */
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

  /** The first account after {@code after} that has events, read from the index; null past the last. */
  private static String nextAccount(Connection c, String after) throws SQLException {
    List<String> next = Sql.query(c, "SELECT account_id FROM cloudtrail_events WHERE account_id > ? ORDER BY account_id LIMIT 1",
        rs -> rs.getString(1), after);
    return next.isEmpty() ? null : next.get(0);
  }

  private static String json(List<TrailEvent.Resource> resources) {
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
