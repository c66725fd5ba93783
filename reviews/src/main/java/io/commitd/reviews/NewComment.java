package io.commitd.reviews;

import io.commitd.storage.repos.RepositoryRecord;
import java.time.Instant;

/**
 * A comment to post on the comparison of two commits (and in a pull request when
 * {@code pullRequest} is set), validated for form; commits and paths are checked against the repository.
 *
 * @param filePath null for a comment on the whole comparison
 */
public record NewComment(
    RepositoryRecord repository,
    PullRequestRecord pullRequest,
    String beforeCommitId,
    String afterCommitId,
    String filePath,
    Long filePosition,
    String relativeFileVersion,
    String content,
    String authorArn,
    String clientRequestToken,
    Instant at) {}
