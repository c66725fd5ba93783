package io.commitd.reviews;

import java.time.Instant;

/**
 * A comment: on the comparison of two commits, optionally in a pull request, optionally anchored
 * to a line of a file, or a reply in another comment's thread. Deleting it keeps the thread and
 * clears the content.
 *
 * @param relativeFileVersion {@code BEFORE} or {@code AFTER}: which side's file the position is in
 */
public record CommentRecord(
    String commentId,
    String accountId,
    String repositoryId,
    Long pullRequestId,
    String beforeCommitId,
    String afterCommitId,
    String beforeBlobId,
    String afterBlobId,
    String filePath,
    Long filePosition,
    String relativeFileVersion,
    String content,
    String authorArn,
    String inReplyTo,
    boolean deleted,
    String clientRequestToken,
    Instant createdAt,
    Instant lastModifiedAt) {

  public CommentRecord withContent(String newContent, boolean nowDeleted, Instant at) {
    return new CommentRecord(commentId, accountId, repositoryId, pullRequestId, beforeCommitId, afterCommitId, beforeBlobId,
        afterBlobId, filePath, filePosition, relativeFileVersion, newContent, authorArn, inReplyTo, nowDeleted,
        clientRequestToken, createdAt, at);
  }
}
