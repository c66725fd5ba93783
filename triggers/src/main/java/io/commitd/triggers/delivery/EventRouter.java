package io.commitd.triggers.delivery;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.commitd.storage.aws.Arn;
import io.commitd.storage.outbox.EventOutbox;
import io.commitd.storage.refs.RefChange;
import io.commitd.triggers.config.ReferenceChange;
import io.commitd.triggers.config.RepositoryTrigger;
import io.commitd.triggers.config.TriggerDestination;
import io.commitd.triggers.config.TriggerSelection;
import io.commitd.triggers.events.CodeCommitEvent;
import io.commitd.triggers.events.EventJson;
import io.commitd.triggers.events.EventTimes;
import io.commitd.triggers.events.ReferenceType;
import io.commitd.triggers.events.RepositoryIdentity;
import io.commitd.triggers.events.RepositoryStateChange;
import io.commitd.triggers.events.TriggerPayload;
import io.commitd.triggers.events.TriggerRecord;
import io.commitd.triggers.events.TriggerReference;
import io.commitd.triggers.pattern.EventPattern;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Turns an outbox row into the deliveries it owes: a {@code referenceChanged} row goes to each
 * trigger that fires for it and, as "CodeCommit Repository State Change", to the EventBridge bus;
 * an {@code eventBridge} row goes to the bus only; a {@code defaultBranchChanged} row goes nowhere.
 * The bus gets an event only when it matches the configured pattern, if any.
 */
public final class EventRouter {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String ZERO_ID = "0000000000000000000000000000000000000000";

  private final String region;
  private final String bus;
  private final String source;
  private final EventPattern pattern;

  public EventRouter(String region, DeliverySettings settings) {
    this.region = region;
    this.bus = settings.eventBridgeBus();
    this.source = settings.eventBridgeSource();
    this.pattern = settings.eventBridgePattern() == null ? null : EventPattern.parse(settings.eventBridgePattern());
  }

  /** The id the event carries everywhere (trigger records, EventBridge), the same on every retry. */
  public static UUID eventId(OutboxEvent event) {
    return UUID.nameUUIDFromBytes(("commitd-event:" + event.repositoryId() + ":" + event.eventId())
        .getBytes(StandardCharsets.UTF_8));
  }

  /** What {@code event} owes, given the repository's current triggers. */
  public List<Delivery> plan(OutboxEvent event, Optional<TriggerConfiguration> triggers) {
    JsonNode payload = parse(event.payload());
    return switch (event.eventType()) {
      case RefChange.REFERENCE_CHANGED -> referenceChanged(event, payload, triggers);
      case EventOutbox.EVENTBRIDGE -> eventBridge(event, payload);
      default -> List.of();
    };
  }

  private List<Delivery> referenceChanged(OutboxEvent event, JsonNode payload, Optional<TriggerConfiguration> triggers) {
    String repositoryName = payload.path("repositoryName").asText();
    String refName = payload.path("referenceFullName").asText();
    String oldId = payload.path("oldCommitId").asText();
    String newId = payload.path("newCommitId").asText();
    String caller = payload.path("callerArn").asText(null);
    Instant time = Instant.parse(payload.path("time").asText(event.createdAt().toString()));
    ReferenceChange change = oldId.equals(ZERO_ID) ? ReferenceChange.CREATE
        : newId.equals(ZERO_ID) ? ReferenceChange.DELETE : ReferenceChange.UPDATE;
    RepositoryIdentity repository = new RepositoryIdentity(repositoryName, event.repositoryId(),
        Arn.repository(region, event.accountId(), repositoryName).toString());
    UUID id = eventId(event);

    List<Delivery> deliveries = new ArrayList<>();
    if (triggers.isPresent()) {
      TriggerReference reference = switch (change) {
        case CREATE -> TriggerReference.created(refName, newId);
        case UPDATE -> TriggerReference.updated(refName, newId);
        case DELETE -> TriggerReference.deleted(refName, oldId);
      };
      TriggerRecord.Origin origin = new TriggerRecord.Origin(region, repository.arn(), caller);
      for (RepositoryTrigger trigger : triggers.get().triggers()) {
        Optional<TriggerDestination> destination = TriggerDestination.parse(trigger.destinationArn());
        if (destination.isEmpty() || !TriggerSelection.firesFor(trigger, refName, change)) {
          continue;
        }
        TriggerRecord record = TriggerRecord.referenceChanges(
            new TriggerRecord.Trigger(triggers.get().configurationId(), trigger.name(), trigger.customData()),
            origin, List.of(reference), id, time, 1, 1);
        deliveries.add(new Delivery.ToTrigger(trigger.name(), destination.get(), TriggerPayload.of(record).toJson(), id,
            TriggerRecord.REFERENCE_CHANGES, repositoryName));
      }
    }
    if (bus != null && ReferenceType.of(refName).isPresent()) {
      RepositoryStateChange detail = switch (change) {
        case CREATE -> RepositoryStateChange.referenceCreated(repository, refName, newId, caller);
        case UPDATE -> RepositoryStateChange.referenceUpdated(repository, refName, oldId, newId, caller);
        case DELETE -> RepositoryStateChange.referenceDeleted(repository, refName, oldId, caller);
      };
      CodeCommitEvent envelope = CodeCommitEvent.about(repository, detail, id, time, event.accountId(), region);
      if (pattern == null || pattern.matches(envelope.toJsonNode())) {
        deliveries.add(new Delivery.ToEventBridge(bus, source, detail.detailType(), envelope.resources(),
            EventJson.write(detail), time));
      }
    }
    return deliveries;
  }

  private List<Delivery> eventBridge(OutboxEvent event, JsonNode payload) {
    if (bus == null) {
      return List.of();
    }
    String detailType = payload.path("detailType").asText();
    List<String> resources = new ArrayList<>();
    payload.path("resources").forEach(resource -> resources.add(resource.asText()));
    JsonNode detail = payload.path("detail");
    if (pattern != null) {
      ObjectNode envelope = JSON.createObjectNode();
      envelope.put("version", CodeCommitEvent.VERSION);
      envelope.put("id", eventId(event).toString());
      envelope.put("detail-type", detailType);
      envelope.put("source", CodeCommitEvent.SOURCE);
      envelope.put("account", event.accountId());
      envelope.put("time", EventTimes.envelopeTime(event.createdAt()));
      envelope.put("region", region);
      resources.forEach(envelope.putArray("resources")::add);
      envelope.set("detail", detail);
      if (!pattern.matches(envelope)) {
        return List.of();
      }
    }
    return List.of(new Delivery.ToEventBridge(bus, source, detailType, resources, detail.toString(), event.createdAt()));
  }

  private static JsonNode parse(String payload) {
    try {
      return JSON.readTree(payload);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("outbox payload is not JSON", e);
    }
  }
}
