package io.commitd.triggers.delivery;

import java.time.Instant;

/** One row of {@code event_outbox} as the dispatcher sees it. */
public record OutboxEvent(
    long eventId,
    Instant createdAt,
    String accountId,
    String repositoryId,
    String eventType,
    String payload,
    int attempts) {}
