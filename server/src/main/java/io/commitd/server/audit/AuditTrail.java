package io.commitd.server.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
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
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Writes every API call and every git pull and push as a CloudTrail event (eventVersion 1.08:
 * {@code userIdentity}, {@code eventSource}, {@code requestParameters}, {@code errorCode}, …), with
 * secrets and file contents redacted, into the trail {@code LookupEvents} reads.
 */
public final class AuditTrail implements ApiCallListener, GitOperation.Listener {
  static final String EVENT_VERSION = "1.08";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern ACCESS_KEY = Pattern.compile("Credential=([A-Z0-9]+)/");
  private static final Pattern READ_ONLY = Pattern.compile("(Get|List|Describe|BatchGet|BatchDescribe|Lookup|Simulate|Evaluate|Test|GitPull).*");

  private final TrailStore store;
  private final TrailWriter writer;
  private final String region;
  private final Clock clock;

  /** Events are appended through {@code writer}; {@code store} is read for the retention purge. */
  public AuditTrail(TrailStore store, TrailWriter writer, String region, Clock clock) {
    this.store = store;
    this.writer = writer;
    this.region = region;
    this.clock = clock;
  }

  /** Whether an operation only reads: CloudTrail's {@code readOnly}. */
  static boolean readOnly(String eventName) {
    return READ_ONLY.matcher(eventName).matches();
  }

  @Override
  public void completed(CompletedCall completed) {
    ApiCall call = completed.call();
    String accessKeyId = completed.caller() != null ? completed.caller().accessKeyId()
        : call.header("Authorization").map(ACCESS_KEY::matcher).filter(Matcher::find).map(m -> m.group(1)).orElse(null);
    String source = completed.service() + ".amazonaws.com";
    List<TrailEvent.Resource> resources = new ArrayList<>();
    for (String arn : completed.resources()) {
      resource(arn).ifPresent(resources::add);
    }
    ObjectNode event = envelope(completed.caller(), accessKeyId, call.facts(), source, completed.operation(), call.requestId());
    event.set("requestParameters", requestParameters(call));
    boolean readOnly = readOnly(completed.operation());
    if (completed.error() == null) {
      event.set("responseElements", readOnly ? null : responseElements(completed));
    } else {
      event.putNull("responseElements");
      event.put("errorCode", completed.error().code());
      event.put("errorMessage", completed.error().message());
    }
    finish(event, completed.caller(), accessKeyId, call.facts(), source, completed.operation(), readOnly, resources);
  }

  @Override
  public void completed(GitOperation operation) {
    Caller caller = operation.requester().caller();
    RequestFacts facts = operation.requester().facts();
    String eventName = operation.kind().eventName();
    ObjectNode event = envelope(caller, caller.accessKeyId(), facts, "codecommit.amazonaws.com", eventName,
        RequestIds.next());
    ObjectNode parameters = event.putObject("requestParameters");
    if (!operation.refs().isEmpty()) {
      ArrayNode references = parameters.putArray("references");
      for (GitOperation.RefResult ref : operation.refs()) {
        ObjectNode reference = references.addObject().put("ref", ref.ref()).put("commit", ref.newId());
        if (ObjectIdNames.isZero(ref.newId())) {
          reference.put("isDelete", true);
        }
      }
    }
    event.putNull("responseElements");
    ObjectNode additional = event.putObject("additionalEventData");
    additional.put("protocol", operation.transport());
    additional.put("repositoryName", operation.repositoryName());
    additional.put("repositoryId", operation.repositoryId());
    additional.put("dataTransferred", operation.bytes() > 0);
    additional.put("bytesTransferred", operation.bytes());
    if (!operation.succeeded()) {
      event.put("errorCode", operation.errorCode());
      event.put("errorMessage", operation.errorMessage());
    }
    List<TrailEvent.Resource> resources = new ArrayList<>();
    resource(operation.repositoryArn()).ifPresent(resources::add);
    finish(event, caller, caller.accessKeyId(), facts, "codecommit.amazonaws.com", eventName,
        operation.kind() == GitOperation.Kind.PULL, resources);
  }

  /** Deletes events older than {@code days}; returns how many went. */
  public int purgeOlderThan(int days) {
    return store.purgeBefore(clock.instant().minus(days, ChronoUnit.DAYS));
  }

  private ObjectNode envelope(Caller caller, String accessKeyId, RequestFacts facts, String source, String eventName,
      String requestId) {
    ObjectNode event = JSON.createObjectNode();
    event.put("eventVersion", EVENT_VERSION);
    event.set("userIdentity", userIdentity(caller, accessKeyId));
    Instant at = facts.receivedAt() != null ? facts.receivedAt() : clock.instant();
    event.put("eventTime", DateTimeFormatter.ISO_INSTANT.format(at.truncatedTo(ChronoUnit.SECONDS)));
    event.put("eventSource", source);
    event.put("eventName", eventName);
    event.put("awsRegion", region);
    event.put("sourceIPAddress", facts.sourceIp());
    event.put("userAgent", facts.userAgent());
    event.put("requestID", requestId);
    return event;
  }

  private void finish(ObjectNode event, Caller caller, String accessKeyId, RequestFacts facts, String source,
      String eventName, boolean readOnly, List<TrailEvent.Resource> resources) {
    Instant at = facts.receivedAt() != null ? facts.receivedAt() : clock.instant();
    String eventId = TrailEventIds.next(at);
    event.put("eventID", eventId);
    event.put("readOnly", readOnly);
    if (!resources.isEmpty()) {
      ArrayNode list = event.putArray("resources");
      for (TrailEvent.Resource resource : resources) {
        ObjectNode node = list.addObject();
        node.put("accountId", Arn.accountIdOf(resource.arn()));
        node.put("type", resource.type());
        node.put("ARN", resource.arn());
      }
    }
    event.put("eventType", "AwsApiCall");
    event.put("managementEvent", true);
    String account = caller != null ? caller.accountId() : null;
    event.put("recipientAccountId", account);
    event.put("eventCategory", "Management");
    if (account == null) {
      // Who failed to authenticate is not known; an event no account can read is not written.
      return;
    }
    writer.append(new TrailEvent(eventId, at, account, event.get("eventName").asText(), source, username(caller),
        accessKeyId, readOnly, resources, event.toString()));
  }

  private static ObjectNode userIdentity(Caller caller, String accessKeyId) {
    ObjectNode identity = JSON.createObjectNode();
    if (caller == null) {
      identity.put("type", "Unknown");
      identity.put("accessKeyId", accessKeyId);
      return identity;
    }
    identity.put("type", switch (caller.type()) {
      case ROOT -> "Root";
      case USER, USER_SESSION -> "IAMUser";
      case ASSUMED_ROLE -> "AssumedRole";
    });
    identity.put("principalId", caller.userId());
    identity.put("arn", caller.principalArn());
    identity.put("accountId", caller.accountId());
    identity.put("accessKeyId", caller.accessKeyId());
    if (caller.userName() != null) {
      identity.put("userName", caller.userName());
    }
    if (caller.sessionId() != null || caller.mfaAuthenticatedAt() != null) {
      ObjectNode attributes = identity.putObject("sessionContext").putObject("attributes");
      attributes.put("mfaAuthenticated", String.valueOf(caller.mfaPresent()));
    }
    return identity;
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

  private static JsonNode requestParameters(ApiCall call) {
    String contentType = call.header("Content-Type").orElse("");
    if (call.body().length == 0) {
      return null;
    }
    if (contentType.startsWith("application/x-www-form-urlencoded")) {
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
      return Redaction.redact(parameters);
    }
    try {
      JsonNode parsed = JSON.readTree(call.body());
      return parsed == null || !parsed.isObject() ? null : Redaction.redact(parsed);
    } catch (IOException e) {
      return null;
    }
  }

  private static JsonNode responseElements(CompletedCall completed) {
    if (completed.response() != null && completed.response().contentType().contains("xml")) {
      return QueryResults.toJson(completed.response().body(), completed.operation() + "Result");
    }
    if (completed.response() == null || !completed.response().contentType().contains("json")) {
      return null;
    }
    try {
      JsonNode parsed = JSON.readTree(completed.response().body());
      return parsed == null || !parsed.isObject() || parsed.isEmpty() ? null : Redaction.redact(parsed);
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

  /** Names of git object ids. */
  private static final class ObjectIdNames {
    static boolean isZero(String id) {
      return id != null && id.chars().allMatch(c -> c == '0');
    }
  }
}
