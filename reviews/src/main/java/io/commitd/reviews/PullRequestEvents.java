package io.commitd.reviews;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;

/**
 * The history entries CodeCommit records for a pull request, with their metadata members as
 * botocore names them ({@code pullRequestCreatedEventMetadata}, …).
 */
final class PullRequestEvents {
  static final String CREATED = "PULL_REQUEST_CREATED";
  static final String STATUS_CHANGED = "PULL_REQUEST_STATUS_CHANGED";
  static final String SOURCE_REFERENCE_UPDATED = "PULL_REQUEST_SOURCE_REFERENCE_UPDATED";
  static final String MERGE_STATE_CHANGED = "PULL_REQUEST_MERGE_STATE_CHANGED";

  private static final ObjectMapper JSON = new ObjectMapper();

  private PullRequestEvents() {}

  static PullRequestEvent created(PullRequestRecord pr, String repositoryName) {
    ObjectNode metadata = JSON.createObjectNode();
    metadata.put("repositoryName", repositoryName);
    metadata.put("sourceCommitId", pr.sourceCommit());
    metadata.put("destinationCommitId", pr.destinationCommit());
    putIfPresent(metadata, "mergeBase", pr.mergeBase());
    return event(pr, pr.createdAt(), CREATED, pr.authorArn(), "pullRequestCreatedEventMetadata", metadata);
  }

  static PullRequestEvent statusChanged(PullRequestRecord pr, Instant at, String actorArn) {
    ObjectNode metadata = JSON.createObjectNode();
    metadata.put("pullRequestStatus", pr.status());
    return event(pr, at, STATUS_CHANGED, actorArn, "pullRequestStatusChangedEventMetadata", metadata);
  }

  static PullRequestEvent sourceUpdated(PullRequestRecord before, PullRequestRecord after, String repositoryName, Instant at,
      String actorArn) {
    ObjectNode metadata = JSON.createObjectNode();
    metadata.put("repositoryName", repositoryName);
    metadata.put("beforeCommitId", before.sourceCommit());
    metadata.put("afterCommitId", after.sourceCommit());
    putIfPresent(metadata, "mergeBase", after.mergeBase());
    return event(after, at, SOURCE_REFERENCE_UPDATED, actorArn, "pullRequestSourceReferenceUpdatedEventMetadata", metadata);
  }

  static PullRequestEvent mergeStateChanged(PullRequestRecord pr, String repositoryName, Instant at, String actorArn) {
    ObjectNode metadata = JSON.createObjectNode();
    metadata.put("repositoryName", repositoryName);
    metadata.put("destinationReference", pr.destinationReference());
    ObjectNode merge = metadata.putObject("mergeMetadata");
    merge.put("isMerged", pr.merged());
    putIfPresent(merge, "mergedBy", pr.mergedBy());
    putIfPresent(merge, "mergeCommitId", pr.mergeCommitId());
    putIfPresent(merge, "mergeOption", pr.mergeOption());
    return event(pr, at, MERGE_STATE_CHANGED, actorArn, "pullRequestMergedStateChangedEventMetadata", metadata);
  }

  /** An entry of another kind (approvals, rules), with its metadata member already built. */
  static PullRequestEvent of(long pullRequestId, Instant at, String eventType, String actorArn, String member, ObjectNode metadata) {
    ObjectNode wrapper = JSON.createObjectNode();
    wrapper.set(member, metadata);
    return new PullRequestEvent(pullRequestId, at, eventType, actorArn, wrapper.toString());
  }

  private static PullRequestEvent event(PullRequestRecord pr, Instant at, String type, String actorArn, String member,
      ObjectNode metadata) {
    return of(pr.pullRequestId(), at, type, actorArn, member, metadata);
  }

  private static void putIfPresent(ObjectNode node, String field, String value) {
    if (value != null) {
      node.put(field, value);
    }
  }
}
