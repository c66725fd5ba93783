package io.commitd.reviews;

import java.time.Instant;

/**
 * A pull request's row: its one target (CodeCommit allows one), its state and, once merged, how.
 *
 * @param revisionId changes with every new source commit; approvals belong to a revision
 * @param overrideStatus {@code OVERRIDE} when the approval rules were overridden, else null
 */
public record PullRequestRecord(
    long pullRequestId,
    String accountId,
    String repositoryId,
    String title,
    String description,
    String status,
    String authorArn,
    String clientRequestToken,
    String revisionId,
    Instant createdAt,
    Instant lastActivityAt,
    String sourceReference,
    String destinationReference,
    String sourceCommit,
    String destinationCommit,
    String mergeBase,
    boolean merged,
    String mergedBy,
    String mergeCommitId,
    String mergeOption,
    String overrideStatus,
    String overriderArn) {

  public static final String OPEN = "OPEN";
  public static final String CLOSED = "CLOSED";

  public boolean isOpen() {
    return OPEN.equals(status);
  }

  public String id() {
    return Long.toString(pullRequestId);
  }
}
