package io.commitd.reviews;

import io.commitd.storage.db.Database;
import io.commitd.storage.db.Sql;
import io.commitd.storage.outbox.EventOutbox;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Pull requests and their history in the metadata database. Every change writes its
 * {@link PullRequestEvent} and, when given one, its EventBridge event in the same transaction.
 */
public final class PullRequestStore {
  private static final String COLUMNS = "pull_request_id, account_id, repository_id, title, description, status, author_arn,"
      + " client_request_token, revision_id, created_at, last_activity_at, source_reference, destination_reference,"
      + " source_commit, destination_commit, merge_base, is_merged, merged_by, merge_commit_id, merge_option,"
      + " override_status, overrider_arn";

  private final Database database;
  private final Sql sql;

  public PullRequestStore(Database database) {
    this.database = database;
    this.sql = new Sql(database);
  }

  /** An event for the outbox, written with the change: its EventBridge JSON, or null for none. */
  public record Outgoing(String accountId, String repositoryId, String payload) {}

  /** The next pull request id; ids are never reused. */
  public long nextId() {
    return database.inTransaction(c -> Sql.query(c, nextIdQuery(), row -> row.getLong(1)).get(0));
  }

  private String nextIdQuery() {
    return database.dialect() == Database.Dialect.H2
        ? "SELECT NEXT VALUE FOR pull_request_ids"
        : "SELECT nextval('pull_request_ids')";
  }

  /**
   * Inserts the pull request with its creation event.
   *
   * @throws TokenTakenException when the account already used {@code clientRequestToken}
   */
  public void create(PullRequestRecord pr, PullRequestEvent created, Outgoing outgoing) {
    try {
      database.inTransaction(c -> {
        Sql.update(c, "INSERT INTO pull_requests (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            pr.pullRequestId(), pr.accountId(), pr.repositoryId(), pr.title(), pr.description(), pr.status(), pr.authorArn(),
            pr.clientRequestToken(), pr.revisionId(), pr.createdAt().toEpochMilli(), pr.lastActivityAt().toEpochMilli(),
            pr.sourceReference(), pr.destinationReference(), pr.sourceCommit(), pr.destinationCommit(), pr.mergeBase(),
            pr.merged(), pr.mergedBy(), pr.mergeCommitId(), pr.mergeOption(), pr.overrideStatus(), pr.overriderArn());
        record(c, created, outgoing);
        return null;
      });
    } catch (RuntimeException e) {
      if (pr.clientRequestToken() != null && findByToken(pr.accountId(), pr.clientRequestToken()).isPresent()) {
        throw new TokenTakenException();
      }
      throw e;
    }
  }

  /** The account has already created something with this idempotency token. */
  public static final class TokenTakenException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    TokenTakenException() {
      super("client request token already used");
    }
  }

  public Optional<PullRequestRecord> find(long pullRequestId) {
    return sql.queryOne("SELECT " + COLUMNS + " FROM pull_requests WHERE pull_request_id = ?", PullRequestStore::row, pullRequestId);
  }

  public Optional<PullRequestRecord> findByToken(String accountId, String clientRequestToken) {
    return sql.queryOne("SELECT " + COLUMNS + " FROM pull_requests WHERE account_id = ? AND client_request_token = ?",
        PullRequestStore::row, accountId, clientRequestToken);
  }

  /** Ids of a repository's pull requests, newest first, optionally of one author and one status. */
  public List<Long> list(String repositoryId, String authorArn, String status) {
    StringBuilder query = new StringBuilder("SELECT pull_request_id FROM pull_requests WHERE repository_id = ?");
    List<Object> parameters = new ArrayList<>(List.of(repositoryId));
    if (authorArn != null) {
      query.append(" AND author_arn = ?");
      parameters.add(authorArn);
    }
    if (status != null) {
      query.append(" AND status = ?");
      parameters.add(status);
    }
    query.append(" ORDER BY pull_request_id DESC");
    return sql.query(query.toString(), row -> row.getLong(1), parameters.toArray());
  }

  /** Open pull requests of a repository whose source or destination is {@code refName}. */
  public List<PullRequestRecord> openTouching(String repositoryId, String refName) {
    return sql.query("SELECT " + COLUMNS + " FROM pull_requests WHERE repository_id = ? AND status = 'OPEN'"
        + " AND (source_reference = ? OR destination_reference = ?) ORDER BY pull_request_id",
        PullRequestStore::row, repositoryId, refName, refName);
  }

  /** Number of open pull requests in a repository: CodeCommit limits them. */
  public int countOpen(String repositoryId) {
    return sql.queryOne("SELECT COUNT(*) FROM pull_requests WHERE repository_id = ? AND status = 'OPEN'",
        row -> row.getInt(1), repositoryId).orElse(0);
  }

  /**
   * Replaces the pull request's row with {@code updated} if it still is {@code expected} (its
   * revision and status unchanged), with the event; false when another writer changed it first.
   */
  public boolean update(PullRequestRecord expected, PullRequestRecord updated, List<PullRequestEvent> events, Outgoing outgoing) {
    return database.inTransaction(c -> {
      int rows = Sql.update(c, "UPDATE pull_requests SET title = ?, description = ?, status = ?, revision_id = ?,"
              + " last_activity_at = ?, source_commit = ?, destination_commit = ?, merge_base = ?, is_merged = ?, merged_by = ?,"
              + " merge_commit_id = ?, merge_option = ?, override_status = ?, overrider_arn = ?"
              + " WHERE pull_request_id = ? AND revision_id = ? AND status = ? AND is_merged = ?",
          updated.title(), updated.description(), updated.status(), updated.revisionId(), updated.lastActivityAt().toEpochMilli(),
          updated.sourceCommit(), updated.destinationCommit(), updated.mergeBase(), updated.merged(), updated.mergedBy(),
          updated.mergeCommitId(), updated.mergeOption(), updated.overrideStatus(), updated.overriderArn(),
          expected.pullRequestId(), expected.revisionId(), expected.status(), expected.merged());
      if (rows == 0) {
        c.rollback();
        return false;
      }
      for (PullRequestEvent event : events) {
        record(c, event, null);
      }
      if (outgoing != null) {
        EventOutbox.append(c, outgoing.accountId(), outgoing.repositoryId(), EventOutbox.EVENTBRIDGE, outgoing.payload(),
            updated.lastActivityAt());
      }
      return true;
    });
  }

  /** Records an event with no change to the row (approvals, rules), touching its last activity. */
  public void recordEvent(PullRequestEvent event, Outgoing outgoing) {
    database.inTransaction(c -> {
      Sql.update(c, "UPDATE pull_requests SET last_activity_at = ? WHERE pull_request_id = ?",
          event.eventDate().toEpochMilli(), event.pullRequestId());
      record(c, event, outgoing);
      return null;
    });
  }

  /** The history, oldest first, optionally of one type and one actor. */
  public List<PullRequestEvent> events(long pullRequestId, String eventType, String actorArn) {
    StringBuilder query = new StringBuilder(
        "SELECT pull_request_id, event_date, event_type, actor_arn, metadata FROM pull_request_events WHERE pull_request_id = ?");
    List<Object> parameters = new ArrayList<>(List.of(pullRequestId));
    if (eventType != null) {
      query.append(" AND event_type = ?");
      parameters.add(eventType);
    }
    if (actorArn != null) {
      query.append(" AND actor_arn = ?");
      parameters.add(actorArn);
    }
    query.append(" ORDER BY event_id");
    return sql.query(query.toString(), row -> new PullRequestEvent(row.getLong(1), Instant.ofEpochMilli(row.getLong(2)),
        row.getString(3), row.getString(4), row.getString(5)), parameters.toArray());
  }

  private static void record(Connection c, PullRequestEvent event, Outgoing outgoing) throws SQLException {
    Sql.update(c, "INSERT INTO pull_request_events (pull_request_id, event_date, event_type, actor_arn, metadata) VALUES (?, ?, ?, ?, ?)",
        event.pullRequestId(), event.eventDate().toEpochMilli(), event.eventType(), event.actorArn(), event.metadata());
    if (outgoing != null) {
      EventOutbox.append(c, outgoing.accountId(), outgoing.repositoryId(), EventOutbox.EVENTBRIDGE, outgoing.payload(),
          event.eventDate());
    }
  }

  private static PullRequestRecord row(ResultSet row) throws SQLException {
    return new PullRequestRecord(row.getLong(1), row.getString(2), row.getString(3), row.getString(4), row.getString(5),
        row.getString(6), row.getString(7), row.getString(8), row.getString(9), Instant.ofEpochMilli(row.getLong(10)),
        Instant.ofEpochMilli(row.getLong(11)), row.getString(12), row.getString(13), row.getString(14), row.getString(15),
        row.getString(16), row.getBoolean(17), row.getString(18), row.getString(19), row.getString(20), row.getString(21),
        row.getString(22));
  }
}
