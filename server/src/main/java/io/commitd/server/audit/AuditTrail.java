package io.commitd.server.audit;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.JsonSerializable;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.jsontype.TypeSerializer;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.commitd.iam.auth.Caller;
import io.commitd.iam.auth.RequestFacts;
import io.commitd.server.api.ApiCall;
import io.commitd.server.api.ApiCallListener;
import io.commitd.server.api.RequestIds;
import io.commitd.storage.audit.TrailEvent;
import io.commitd.storage.audit.TrailEventIds;
import io.commitd.storage.audit.TrailStore;
import io.commitd.storage.audit.TrailWriter;
import io.commitd.storage.aws.Arn;
import io.commitd.transport.GitOperation;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes every API call and every git pull and push as a CloudTrail event (eventVersion 1.08:
 * {@code userIdentity}, {@code eventSource}, {@code requestParameters}, {@code errorCode}, …), with
 * secrets and file contents redacted, into the trail {@code LookupEvents} reads.
 */
public final class AuditTrail implements ApiCallListener, GitOperation.Listener {
  static final String EVENT_VERSION = "1.08";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final List<String> READ_ONLY_PREFIXES = List.of(
      "Get", "List", "Describe", "BatchGet", "BatchDescribe", "Lookup", "Simulate", "Evaluate", "Test", "GitPull");

  private final TrailStore store;
  private final TrailWriter writer;
  private final String region;
  private final Clock clock;
  private final EventTimes eventTimes = new EventTimes();

  /** Events are appended through {@code writer}; {@code store} is read for the retention purge. */
  public AuditTrail(TrailStore store, TrailWriter writer, String region, Clock clock) {
    this.store = store;
    this.writer = writer;
    this.region = region;
    this.clock = clock;
  }

  /** Whether an operation only reads: CloudTrail's {@code readOnly}. */
  static boolean readOnly(String eventName) {
    for (String prefix : READ_ONLY_PREFIXES) {
      if (eventName.startsWith(prefix)) {
        return true;
      }
    }
    return false;
  }

  @Override
  public void completed(CompletedCall completed) {
    ApiCall call = completed.call();
    List<TrailEvent.Resource> resources = new ArrayList<>();
    for (String arn : completed.resources()) {
      resource(arn).ifPresent(resources::add);
    }
    boolean readOnly = readOnly(completed.operation());
    append(completed.caller(), call.facts(),
        completed.service() + ".amazonaws.com", completed.operation(), call.requestId(), readOnly, resources,
        (json, serializers) -> {
          json.writeFieldName("requestParameters");
          writeRequestParameters(json, serializers, completed);
          if (completed.error() == null) {
            json.writeFieldName("responseElements");
            writeRedacted(json, serializers, readOnly ? null : responseElements(completed));
          } else {
            json.writeNullField("responseElements");
            json.writeStringField("errorCode", completed.error().code());
            json.writeStringField("errorMessage", completed.error().message());
          }
        });
  }

  @Override
  public void completed(GitOperation operation) {
    Caller caller = operation.requester().caller();
    List<TrailEvent.Resource> resources = new ArrayList<>();
    resource(operation.repositoryArn()).ifPresent(resources::add);
    append(caller, operation.requester().facts(), "codecommit.amazonaws.com",
        operation.kind().eventName(), RequestIds.next(), operation.kind() == GitOperation.Kind.PULL, resources,
        (json, serializers) -> {
          json.writeObjectFieldStart("requestParameters");
          if (!operation.refs().isEmpty()) {
            json.writeArrayFieldStart("references");
            for (GitOperation.RefResult ref : operation.refs()) {
              json.writeStartObject();
              json.writeStringField("ref", ref.ref());
              json.writeStringField("commit", ref.newId());
              if (ObjectIdNames.isZero(ref.newId())) {
                json.writeBooleanField("isDelete", true);
              }
              json.writeEndObject();
            }
            json.writeEndArray();
          }
          json.writeEndObject();
          json.writeNullField("responseElements");
          json.writeObjectFieldStart("additionalEventData");
          json.writeStringField("protocol", operation.transport());
          json.writeStringField("repositoryName", operation.repositoryName());
          json.writeStringField("repositoryId", operation.repositoryId());
          json.writeBooleanField("dataTransferred", operation.bytes() > 0);
          json.writeNumberField("bytesTransferred", operation.bytes());
          json.writeEndObject();
          if (!operation.succeeded()) {
            json.writeStringField("errorCode", operation.errorCode());
            json.writeStringField("errorMessage", operation.errorMessage());
          }
        });
  }

  /** Deletes events older than {@code days}; returns how many went. */
  public int purgeOlderThan(int days) {
    return store.purgeBefore(clock.instant().minus(days, ChronoUnit.DAYS));
  }

  /** JSON written to a generator: a whole event, or its members between {@code requestID} and {@code eventID}. */
  @FunctionalInterface
  private interface JsonContent {
    void writeTo(JsonGenerator json, SerializerProvider serializers) throws IOException;
  }

  /**
   * JSON written by hand, as a value the mapper prints: {@code writeValueAsString} writes into Jackson's
   * recycled buffers, where a writer of our own would allocate its buffer on every call.
   */
  private static final class Streamed extends JsonSerializable.Base {
    private final JsonContent contents;

    Streamed(JsonContent contents) {
      this.contents = contents;
    }

    @Override
    public void serialize(JsonGenerator json, SerializerProvider serializers) throws IOException {
      contents.writeTo(json, serializers);
    }

    @Override
    public void serializeWithType(JsonGenerator json, SerializerProvider serializers, TypeSerializer types)
        throws IOException {
      serialize(json, serializers);
    }
  }

  /**
   * Writes the event straight to its JSON text, in CloudTrail's member order: every call writes one,
   * and a tree of nodes built only to be printed was a fifth of what a call allocated.
   */
  private void append(Caller caller, RequestFacts facts, String source, String eventName, String requestId,
      boolean readOnly, List<TrailEvent.Resource> resources, JsonContent outcome) {
    if (caller == null || caller.accountId() == null) {
      // Who failed to authenticate is not known; an event no account can read is not written.
      return;
    }
    Instant at = facts.receivedAt() != null ? facts.receivedAt() : clock.instant();
    String eventId = TrailEventIds.next(at);
    String text;
    try {
      text = JSON.writeValueAsString(new Streamed((json, serializers) -> {
        json.writeStartObject();
        json.writeStringField("eventVersion", EVENT_VERSION);
        writeUserIdentity(json, caller);
        json.writeStringField("eventTime", eventTimes.format(at));
        json.writeStringField("eventSource", source);
        json.writeStringField("eventName", eventName);
        json.writeStringField("awsRegion", region);
        json.writeStringField("sourceIPAddress", facts.sourceIp());
        json.writeStringField("userAgent", facts.userAgent());
        json.writeStringField("requestID", requestId);
        outcome.writeTo(json, serializers);
        json.writeStringField("eventID", eventId);
        json.writeBooleanField("readOnly", readOnly);
        if (!resources.isEmpty()) {
          json.writeArrayFieldStart("resources");
          for (TrailEvent.Resource resource : resources) {
            json.writeStartObject();
            json.writeStringField("accountId", Arn.accountIdOf(resource.arn()));
            json.writeStringField("type", resource.type());
            json.writeStringField("ARN", resource.arn());
            json.writeEndObject();
          }
          json.writeEndArray();
        }
        json.writeStringField("eventType", "AwsApiCall");
        json.writeBooleanField("managementEvent", true);
        json.writeStringField("recipientAccountId", caller.accountId());
        json.writeStringField("eventCategory", "Management");
        json.writeEndObject();
      }));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("an event that cannot be written as JSON", e);
    }
    writer.append(new TrailEvent(eventId, at, caller.accountId(), eventName, source, username(caller),
        caller.accessKeyId(), readOnly, resources, text));
  }

  private static void writeUserIdentity(JsonGenerator json, Caller caller) throws IOException {
    json.writeObjectFieldStart("userIdentity");
    json.writeStringField("type", switch (caller.type()) {
      case ROOT -> "Root";
      case USER, USER_SESSION -> "IAMUser";
      case ASSUMED_ROLE -> "AssumedRole";
    });
    json.writeStringField("principalId", caller.userId());
    json.writeStringField("arn", caller.principalArn());
    json.writeStringField("accountId", caller.accountId());
    json.writeStringField("accessKeyId", caller.accessKeyId());
    if (caller.userName() != null) {
      json.writeStringField("userName", caller.userName());
    }
    if (caller.sessionId() != null || caller.mfaAuthenticatedAt() != null) {
      json.writeObjectFieldStart("sessionContext");
      json.writeObjectFieldStart("attributes");
      json.writeStringField("mfaAuthenticated", String.valueOf(caller.mfaPresent()));
      json.writeEndObject();
      json.writeEndObject();
    }
    json.writeEndObject();
  }

  private static void writeRedacted(JsonGenerator json, SerializerProvider serializers, JsonNode node)
      throws IOException {
    if (node == null) {
      json.writeNull();
    } else {
      Redaction.write(node, json, serializers);
    }
  }

  /** LookupEvents' Username: the IAM user's name, {@code root}, or the role session's name. */
  static String username(Caller caller) {
    if (caller.userName() != null) {
      return caller.userName();
    }
    if (caller.isRoot()) {
      return "root";
    }
    String userId = caller.userId();
    int colon = userId == null ? -1 : userId.indexOf(':');
    return colon < 0 ? userId : userId.substring(colon + 1);
  }

  /** The request's members: the operation's own parse where there is one, else the body read again. */
  private static void writeRequestParameters(JsonGenerator json, SerializerProvider serializers, CompletedCall completed)
      throws IOException {
    ApiCall call = completed.call();
    if (call.body().length == 0) {
      json.writeNull();
    } else if (completed.parameters() != null) {
      writeRedacted(json, serializers, completed.parameters());
    } else if (call.header("Content-Type").orElse("").startsWith("application/x-www-form-urlencoded")) {
      writeRedacted(json, serializers, formParameters(call));
    } else {
      writeRedacted(json, serializers, jsonObject(call.body(), false));
    }
  }

  private static ObjectNode formParameters(ApiCall call) {
    ObjectNode parameters = JSON.createObjectNode();
    for (String pair : call.bodyText().split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
      String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
      if (!name.equals("Action") && !name.equals("Version")) {
        parameters.put(Character.toLowerCase(name.charAt(0)) + name.substring(1), value);
      }
    }
    return parameters;
  }

  private static JsonNode responseElements(CompletedCall completed) {
    if (completed.response() == null) {
      return null;
    }
    if (completed.response().contentType().contains("xml")) {
      return QueryResults.toJson(completed.response().body(), completed.operation() + "Result");
    }
    return completed.response().contentType().contains("json") ? jsonObject(completed.response().body(), true) : null;
  }

  /** The JSON object {@code text} holds, or null when it holds none (or, if so asked, an empty one). */
  private static JsonNode jsonObject(byte[] text, boolean emptyAsNull) {
    try {
      JsonNode parsed = JSON.readTree(text);
      return parsed == null || !parsed.isObject() || emptyAsNull && parsed.isEmpty() ? null : parsed;
    } catch (IOException e) {
      return null;
    }
  }

  /** The resource an ARN names, typed as CloudTrail types it; empty for {@code *}. */
  static java.util.Optional<TrailEvent.Resource> resource(String arn) {
    if (arn == null || !arn.startsWith("arn:")) {
      return java.util.Optional.empty();
    }
    String[] parts = arn.split(":", 6);
    if (parts.length < 6) {
      return java.util.Optional.empty();
    }
    String service = parts[2];
    String rest = parts[5];
    String kind = rest.contains("/") ? rest.substring(0, rest.indexOf('/')) : null;
    String name = rest.contains("/") ? rest.substring(rest.lastIndexOf('/') + 1) : rest;
    String type = switch (service) {
      case "codecommit" -> "AWS::CodeCommit::Repository";
      case "iam" -> kind == null ? "AWS::IAM::Account" : "AWS::IAM::" + capitalize(kind);
      case "sts" -> "AWS::STS::" + capitalize(kind == null ? "session" : kind);
      default -> "AWS::" + capitalize(service) + "::" + capitalize(kind == null ? "resource" : kind);
    };
    return java.util.Optional.of(new TrailEvent.Resource(type, name, arn));
  }


  private static String capitalize(String word) {
    if (word.isEmpty()) {
      return word;
    }
    StringBuilder out = new StringBuilder();
    boolean up = true;
    for (char c : word.toCharArray()) {
      if (c == '-') {
        up = true;
        continue;
      }
      out.append(up ? Character.toUpperCase(c) : c);
      up = false;
    }
    return out.toString();
  }

  /** {@code eventTime} text, to the second; calls in the same second share the last one formatted. */
  private static final class EventTimes {
    private record Second(long epochSecond, String text) {}

    private volatile Second last = new Second(Long.MIN_VALUE, "");

    String format(Instant at) {
      Second second = last;
      if (second.epochSecond() != at.getEpochSecond()) {
        second = new Second(at.getEpochSecond(),
            DateTimeFormatter.ISO_INSTANT.format(Instant.ofEpochSecond(at.getEpochSecond())));
        last = second;
      }
      return second.text();
    }
  }

  /** Names of git object ids. */
  private static final class ObjectIdNames {
    static boolean isZero(String id) {
      return id != null && id.chars().allMatch(c -> c == '0');
    }
  }
}
