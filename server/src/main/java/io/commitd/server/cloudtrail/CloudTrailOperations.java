package io.commitd.server.cloudtrail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.commitd.server.api.Json;
import io.commitd.server.api.OperationRegistry;
import io.commitd.server.codecommit.Input;
import io.commitd.server.codecommit.Operation;
import io.commitd.server.codecommit.OperationRequest;
import io.commitd.storage.audit.TrailEvent;
import io.commitd.storage.audit.TrailStore;
import io.commitd.storage.errors.AwsException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;

/**
 * CloudTrail's {@code LookupEvents} over commitd's audit trail: the caller's account's events,
 * newest first, filtered by one lookup attribute and a time range (the last 90 days by default),
 * paged by {@code NextToken}.
 */
public final class CloudTrailOperations {
  /** {@code X-Amz-Target}'s prefix for CloudTrail. */
  public static final String TARGET_PREFIX = "com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101";
  static final int MAX_RESULTS = 50;

  private final TrailStore trail;
  private final Runnable pendingEvents;

  /** {@code pendingEvents} writes the events still queued, so a lookup sees every call answered before it. */
  public CloudTrailOperations(TrailStore trail, Runnable pendingEvents) {
    this.trail = trail;
    this.pendingEvents = pendingEvents;
  }

  public OperationRegistry<OperationRequest> registry() {
    return new OperationRegistry<OperationRequest>().add("LookupEvents", Operation.on(request -> "*", this::lookupEvents));
  }

  ObjectNode lookupEvents(OperationRequest request) {
    Input input = request.input();
    Instant end = time(input, "EndTime", request.now());
    Instant start = time(input, "StartTime", end.minus(Duration.ofDays(90)));
    if (start.isAfter(end)) {
      throw AwsException.badRequest("InvalidTimeRangeException", "Start time must be earlier than end time.");
    }
    Integer maxResults = input.integer("MaxResults");
    if (maxResults != null && (maxResults < 1 || maxResults > MAX_RESULTS)) {
      throw AwsException.badRequest("InvalidMaxResultsException", "MaxResults must be between 1 and " + MAX_RESULTS + ".");
    }
    TrailStore.Attribute attribute = null;
    String value = null;
    List<Input> attributes = input.structureList("LookupAttributes");
    if (attributes != null && !attributes.isEmpty()) {
      if (attributes.size() > 1) {
        throw AwsException.badRequest("InvalidLookupAttributesException", "You can specify only one lookup attribute.");
      }
      String key = attributes.get(0).string("AttributeKey");
      value = attributes.get(0).string("AttributeValue");
      try {
        attribute = TrailStore.Attribute.valueOf(key == null ? "" : key);
      } catch (IllegalArgumentException e) {
        throw AwsException.badRequest("InvalidLookupAttributesException", "Unknown lookup attribute key: " + key);
      }
      if (value == null || value.isEmpty()) {
        throw AwsException.badRequest("InvalidLookupAttributesException", "The lookup attribute value must not be empty.");
      }
    }
    pendingEvents.run();
    TrailStore.Page page = trail.lookup(new TrailStore.Lookup(request.accountId(), attribute, value, start, end,
        maxResults == null ? MAX_RESULTS : maxResults, token(input.string("NextToken"))));
    ObjectNode output = Json.MAPPER.createObjectNode();
    ArrayNode events = output.putArray("Events");
    for (TrailEvent event : page.events()) {
      ObjectNode node = events.addObject();
      node.put("EventId", event.eventId());
      node.put("EventName", event.eventName());
      node.put("ReadOnly", String.valueOf(event.readOnly()));
      if (event.accessKeyId() != null) {
        node.put("AccessKeyId", event.accessKeyId());
      }
      node.put("EventTime", BigDecimal.valueOf(event.eventTime().toEpochMilli()).movePointLeft(3));
      node.put("EventSource", event.eventSource());
      if (event.username() != null) {
        node.put("Username", event.username());
      }
      ArrayNode resources = node.putArray("Resources");
      for (TrailEvent.Resource resource : event.resources()) {
        resources.addObject().put("ResourceType", resource.type()).put("ResourceName", resource.name());
      }
      node.put("CloudTrailEvent", event.cloudTrailEvent());
    }
    if (page.next() != null) {
      output.put("NextToken", Base64.getUrlEncoder().withoutPadding()
          .encodeToString(("seq:" + page.next()).getBytes(StandardCharsets.UTF_8)));
    }
    return output;
  }

  private static Long token(String token) {
    if (token == null || token.isEmpty()) {
      return null;
    }
    try {
      String decoded = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
      if (decoded.startsWith("seq:")) {
        return Long.parseLong(decoded.substring(4));
      }
    } catch (IllegalArgumentException e) {
      // falls through to the error below
    }
    throw AwsException.badRequest("InvalidNextTokenException", "Invalid NextToken.");
  }

  /** A timestamp member: epoch seconds as a number (what botocore sends), or an ISO-8601 string. */
  private static Instant time(Input input, String member, Instant otherwise) {
    JsonNode value = input.node().get(member);
    if (value == null || value.isNull()) {
      return otherwise;
    }
    if (value.isNumber()) {
      return Instant.ofEpochMilli(value.decimalValue().movePointRight(3).longValue());
    }
    try {
      return Instant.parse(value.asText());
    } catch (java.time.format.DateTimeParseException e) {
      throw AwsException.badRequest("InvalidTimeRangeException", member + " is not a timestamp.");
    }
  }
}
