package io.commitd.storage.audit;

import java.time.Instant;
import java.util.List;

/**
 * One event of the audit trail as LookupEvents lists it: the columns it filters on, and the whole
 * CloudTrail record as JSON text ({@code cloudTrailEvent}), which the store keeps as it is given.
 *
 * @param username the user name CloudTrail shows (an IAM user's name, {@code root}, a role
 *     session's name), or null when the caller was never identified
 */
public record TrailEvent(
    String eventId,
    Instant eventTime,
    String accountId,
    String eventName,
    String eventSource,
    String username,
    String accessKeyId,
    boolean readOnly,
    List<Resource> resources,
    String cloudTrailEvent) {

  public TrailEvent {
    resources = List.copyOf(resources);
  }

  /**
   * A resource an event names: its type ({@code AWS::CodeCommit::Repository}), its name as
   * LookupEvents shows it, and its ARN (or null); a lookup by ResourceName matches either.
   */
  public record Resource(String type, String name, String arn) {}
}
