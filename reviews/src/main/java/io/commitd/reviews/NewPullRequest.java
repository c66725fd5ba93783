package io.commitd.reviews;

import io.commitd.storage.repos.RepositoryRecord;
import java.time.Instant;

/** What CreatePullRequest asks for, validated for form; the references are checked against the repository. */
public record NewPullRequest(
    RepositoryRecord repository,
    String authorArn,
    String title,
    String description,
    String sourceReference,
    String destinationReference,
    String clientRequestToken,
    Instant at) {}
