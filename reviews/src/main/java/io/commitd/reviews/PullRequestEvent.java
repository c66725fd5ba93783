package io.commitd.reviews;

import java.time.Instant;

/**
 * One entry of a pull request's history, as {@code DescribePullRequestEvents} reports it.
 *
 * @param eventType botocore's {@code PullRequestEventType}, e.g. {@code PULL_REQUEST_CREATED}
 * @param metadata the event's metadata member as JSON, e.g. {@code {"pullRequestCreatedEventMetadata": {…}}}
 */
public record PullRequestEvent(long pullRequestId, Instant eventDate, String eventType, String actorArn, String metadata) {}
