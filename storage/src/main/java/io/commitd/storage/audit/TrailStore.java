package io.commitd.storage.audit;

import io.commitd.storage.db.Database;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The audit trail: events appended as they happen, looked up newest first by one attribute and a
 * time range, page by page, and purged after the retention period. {@link SqlTrailStore} keeps it
 * in the metadata database (PostgreSQL, where several nodes append); {@link TrailLog} in files of
 * the data directory (the embedded default, where the database's cost per event was the API's).
 */
public interface TrailStore extends AutoCloseable {

  /** The attributes LookupEvents filters on, by their CloudTrail names. */
  enum Attribute {
    EventId,
    EventName,
    ReadOnly,
    Username,
    EventSource,
    AccessKeyId,
    ResourceName,
    ResourceType
  }

  /**
   * A lookup in one account: events with {@code start <= eventTime <= end}, matching
   * {@code attribute = value} when an attribute is given, older than the event {@code afterSeq}
   * when paging on.
   */
  record Lookup(String accountId, Attribute attribute, String value, Instant start, Instant end, int limit, Long afterSeq) {

    /** Whether the event numbered {@code seq} belongs in this lookup's result. */
    public boolean admits(long seq, TrailEvent event) {
      long at = event.eventTime().toEpochMilli();
      return event.accountId().equals(accountId)
          && at >= start.toEpochMilli() && at <= end.toEpochMilli()
          && (afterSeq == null || seq < afterSeq)
          && (attribute == null || matches(event));
    }

    private boolean matches(TrailEvent event) {
      return switch (attribute) {
        case EventId -> value.equals(event.eventId());
        case EventName -> value.equals(event.eventName());
        case ReadOnly -> Boolean.parseBoolean(value) == event.readOnly();
        case Username -> value.equals(event.username());
        case EventSource -> value.equals(event.eventSource());
        case AccessKeyId -> value.equals(event.accessKeyId());
        case ResourceName -> event.resources().stream().anyMatch(r -> value.equals(r.name()) || value.equals(r.arn()));
        case ResourceType -> event.resources().stream().anyMatch(r -> value.equals(r.type()));
      };
    }

    /**
     * The millisecond an event id names when it is one of {@link TrailEventIds}' (UUID version 7:
     * the event's own time), or -1: a lookup by such an id need only read events of that time.
     */
    public long eventIdMillis() {
      if (attribute != Attribute.EventId) {
        return -1;
      }
      try {
        UUID id = UUID.fromString(value);
        return id.version() == 7 && id.variant() == 2 ? id.getMostSignificantBits() >>> 16 : -1;
      } catch (IllegalArgumentException e) {
        return -1;
      }
    }
  }

  /** A page of events and the sequence number to continue after, or null when it was the last. */
  record Page(List<TrailEvent> events, Long next) {}

  /**
   * The trail of a server on {@code database}: files in the data directory's {@code trail} folder on
   * the embedded database, which this process alone writes (with any events its table still holds
   * moved into them); the table on PostgreSQL, which every node of a cluster appends to.
   */
  static TrailStore open(Database database, Path dataDirectory) throws IOException {
    if (database.dialect() != Database.Dialect.H2) {
      return new SqlTrailStore(database);
    }
    TrailLog log = TrailLog.open(dataDirectory.resolve(TrailLog.DIRECTORY));
    try {
      log.importFrom(new SqlTrailStore(database));
    } catch (RuntimeException e) {
      log.close();
      throw e;
    }
    return log;
  }

  default void append(TrailEvent event) {
    appendAll(List.of(event));
  }

  /** Appends the events in order: all of them or, when it throws, none. */
  void appendAll(List<TrailEvent> events);

  Page lookup(Lookup lookup);

  /** Deletes the events that happened before {@code cutoff}; returns how many. */
  int purgeBefore(Instant cutoff);

  @Override
  default void close() {}
}
