package io.commitd.server.codecommit.pullrequests;

import com.fasterxml.jackson.databind.JsonNode;
import io.commitd.reviews.PullRequestEvent;
import io.commitd.reviews.PullRequestRecord;
import io.commitd.server.api.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** botocore's {@code PullRequest}, {@code PullRequestTarget}, {@code MergeMetadata} and {@code PullRequestEvent} shapes. */
final class PullRequestShapes {
  private PullRequestShapes() {}

  record MergeMetadata(Boolean isMerged, String mergedBy, String mergeCommitId, String mergeOption) {}

  record PullRequestTarget(String repositoryName, String sourceReference, String destinationReference,
      String destinationCommit, String sourceCommit, String mergeBase, MergeMetadata mergeMetadata) {}

  record PullRequest(String pullRequestId, String title, String description, Instant lastActivityDate,
      Instant creationDate, String pullRequestStatus, String authorArn, List<PullRequestTarget> pullRequestTargets,
      String clientRequestToken, String revisionId, List<Object> approvalRules) {}

  static PullRequest of(PullRequestRecord pr, String repositoryName, List<Object> approvalRules) {
    return new PullRequest(pr.id(), pr.title(), pr.description(), pr.lastActivityAt(), pr.createdAt(), pr.status(),
        pr.authorArn(),
        List.of(new PullRequestTarget(repositoryName, pr.sourceReference(), pr.destinationReference(),
            pr.destinationCommit(), pr.sourceCommit(), pr.mergeBase(),
            new MergeMetadata(pr.merged(), pr.mergedBy(), pr.mergeCommitId(), pr.mergeOption()))),
        pr.clientRequestToken(), pr.revisionId(), approvalRules);
  }

  /** One {@code PullRequestEvent}: its metadata member is stored as JSON and merged in as it is. */
  static Map<String, Object> event(PullRequestEvent event) {
    Map<String, Object> shape = new LinkedHashMap<>();
    shape.put("pullRequestId", Long.toString(event.pullRequestId()));
    shape.put("eventDate", event.eventDate());
    shape.put("pullRequestEventType", event.eventType());
    shape.put("actorArn", event.actorArn());
    try {
      JsonNode metadata = Json.MAPPER.readTree(event.metadata());
      metadata.fields().forEachRemaining(field -> shape.put(field.getKey(), field.getValue()));
    } catch (IOException e) {
      throw new UncheckedIOException("stored event metadata is not JSON", e);
    }
    return shape;
  }
}
