package io.commitd.reviews;

import io.commitd.storage.db.Database;
import io.commitd.storage.db.Sql;
import io.commitd.storage.outbox.EventOutbox;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** Comments and their reactions in the metadata database; each change writes its event in the same transaction. */
public final class CommentStore {
  private static final String COLUMNS = "comment_id, account_id, repository_id, pull_request_id, before_commit_id,"
      + " after_commit_id, before_blob_id, after_blob_id, file_path, file_position, relative_file_version, content, author_arn,"
      + " in_reply_to, deleted, client_request_token, created_at, last_modified_at";

  private final Database database;
  private final Sql sql;

  public CommentStore(Database database) {
    this.database = database;
    this.sql = new Sql(database);
  }

  /** Inserts a comment with its event; false when the account already used its client request token. */
  public boolean create(CommentRecord comment, String eventPayload) {
    try {
      database.inTransaction(c -> {
        Sql.update(c, "INSERT INTO comments (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            comment.commentId(), comment.accountId(), comment.repositoryId(), comment.pullRequestId(),
            comment.beforeCommitId(), comment.afterCommitId(), comment.beforeBlobId(), comment.afterBlobId(),
            comment.filePath(), comment.filePosition(), comment.relativeFileVersion(), comment.content(),
            comment.authorArn(), comment.inReplyTo(), comment.deleted(), comment.clientRequestToken(),
            comment.createdAt().toEpochMilli(), comment.lastModifiedAt().toEpochMilli());
        EventOutbox.append(c, comment.accountId(), comment.repositoryId(), EventOutbox.EVENTBRIDGE, eventPayload,
            comment.createdAt());
        return null;
      });
      return true;
    } catch (RuntimeException e) {
      if (comment.clientRequestToken() != null && findByToken(comment.accountId(), comment.clientRequestToken()).isPresent()) {
        return false;
      }
      throw e;
    }
  }

  public Optional<CommentRecord> find(String commentId) {
    return sql.queryOne("SELECT " + COLUMNS + " FROM comments WHERE comment_id = ?", CommentStore::row, commentId);
  }

  public Optional<CommentRecord> findByToken(String accountId, String token) {
    return sql.queryOne("SELECT " + COLUMNS + " FROM comments WHERE account_id = ? AND client_request_token = ?",
        CommentStore::row, accountId, token);
  }

  /** Replaces the content (or clears it, deleting), with the event when there is one. */
  public void updateContent(CommentRecord updated, String eventPayload) {
    database.inTransaction(c -> {
      Sql.update(c, "UPDATE comments SET content = ?, deleted = ?, last_modified_at = ? WHERE comment_id = ?",
          updated.content(), updated.deleted(), updated.lastModifiedAt().toEpochMilli(), updated.commentId());
      if (eventPayload != null) {
        EventOutbox.append(c, updated.accountId(), updated.repositoryId(), EventOutbox.EVENTBRIDGE, eventPayload,
            updated.lastModifiedAt());
      }
      return null;
    });
  }

  /** The comments on a comparison in a repository, oldest first; {@code beforeCommitId} null matches any. */
  public List<CommentRecord> onComparison(String repositoryId, String beforeCommitId, String afterCommitId) {
    return beforeCommitId == null
        ? sql.query("SELECT " + COLUMNS + " FROM comments WHERE repository_id = ? AND after_commit_id = ? AND pull_request_id IS NULL"
            + " ORDER BY created_at, comment_id", CommentStore::row, repositoryId, afterCommitId)
        : sql.query("SELECT " + COLUMNS + " FROM comments WHERE repository_id = ? AND before_commit_id = ? AND after_commit_id = ?"
            + " AND pull_request_id IS NULL ORDER BY created_at, comment_id", CommentStore::row, repositoryId, beforeCommitId,
            afterCommitId);
  }

  /** The comments of a pull request, oldest first. */
  public List<CommentRecord> ofPullRequest(long pullRequestId) {
    return sql.query("SELECT " + COLUMNS + " FROM comments WHERE pull_request_id = ? ORDER BY created_at, comment_id",
        CommentStore::row, pullRequestId);
  }

  /** Sets (or, with null, removes) the user's one reaction to a comment. */
  public void react(String commentId, String userArn, String reactionValue, Instant at) {
    database.inTransaction(c -> {
      Sql.update(c, "DELETE FROM comment_reactions WHERE comment_id = ? AND user_arn = ?", commentId, userArn);
      if (reactionValue != null) {
        Sql.update(c, "INSERT INTO comment_reactions (comment_id, user_arn, reaction_value, reacted_at) VALUES (?, ?, ?, ?)",
            commentId, userArn, reactionValue, at.toEpochMilli());
      }
      return null;
    });
  }

  /** Each user's reaction to the comment, by user ARN. */
  public Map<String, String> reactions(String commentId) {
    Map<String, String> byUser = new TreeMap<>();
    sql.query("SELECT user_arn, reaction_value FROM comment_reactions WHERE comment_id = ?", row -> {
      byUser.put(row.getString(1), row.getString(2));
      return null;
    }, commentId);
    return byUser;
  }

  private static CommentRecord row(ResultSet row) throws SQLException {
    long pullRequest = row.getLong(4);
    Long pullRequestId = row.wasNull() ? null : pullRequest;
    long position = row.getLong(10);
    Long filePosition = row.wasNull() ? null : position;
    return new CommentRecord(row.getString(1), row.getString(2), row.getString(3), pullRequestId, row.getString(5),
        row.getString(6), row.getString(7), row.getString(8), row.getString(9), filePosition, row.getString(11),
        row.getString(12), row.getString(13), row.getString(14), row.getBoolean(15), row.getString(16),
        Instant.ofEpochMilli(row.getLong(17)), Instant.ofEpochMilli(row.getLong(18)));
  }
}
