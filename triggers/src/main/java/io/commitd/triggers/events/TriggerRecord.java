package io.commitd.triggers.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * One element of the {@code Records} array that a repository trigger sends to SNS and Lambda.
 * {@code customData} is left out when the trigger has none.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder(alphabetic = true)
public record TriggerRecord(
        String awsRegion,
        References codecommit,
        String customData,
        UUID eventId,
        String eventName,
        int eventPartNumber,
        String eventSource,
        @JsonProperty("eventSourceARN") String eventSourceArn,
        @JsonSerialize(using = EventTimes.TriggerTimeSerializer.class) Instant eventTime,
        int eventTotalParts,
        String eventTriggerConfigId,
        String eventTriggerName,
        String eventVersion,
        @JsonProperty("userIdentityARN") String userIdentityArn) {

    /** The {@code eventName} of a real push. */
    public static final String REFERENCE_CHANGES = "ReferenceChanges";
    /** The {@code eventName} of TestRepositoryTriggers. */
    public static final String TRIGGER_EVENT_TEST = "TriggerEventTest";
    public static final String EVENT_SOURCE = "aws:codecommit";
    public static final String EVENT_VERSION = "1.0";

    public TriggerRecord {
        Objects.requireNonNull(codecommit, "codecommit");
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(eventName, "eventName");
        Objects.requireNonNull(eventTime, "eventTime");
    }

    /** The {@code codecommit} member: {@code {"references": […]}}. */
    public record References(List<TriggerReference> references) {

        public References {
            references = List.copyOf(references);
        }
    }

    /** The trigger being fired: its id, name and custom data (may be null). */
    public record Trigger(String configId, String name, String customData) {

        public Trigger {
            Objects.requireNonNull(configId, "configId");
            Objects.requireNonNull(name, "name");
        }
    }

    /** Where and by whom the change happened. */
    public record Origin(String region, String repositoryArn, String userIdentityArn) {
    }

    /** A record of a push's ref changes, part {@code partNumber} of {@code totalParts}. */
    public static TriggerRecord referenceChanges(Trigger trigger, Origin origin, List<TriggerReference> references,
            UUID eventId, Instant eventTime, int partNumber, int totalParts) {
        if (partNumber < 1 || partNumber > totalParts) {
            throw new IllegalArgumentException("part " + partNumber + " of " + totalParts);
        }
        return new TriggerRecord(origin.region(), new References(references), trigger.customData(), eventId,
                REFERENCE_CHANGES, partNumber, EVENT_SOURCE, origin.repositoryArn(), eventTime, totalParts,
                trigger.configId(), trigger.name(), EVENT_VERSION, origin.userIdentityArn());
    }

    /** The single record TestRepositoryTriggers sends to check a destination. */
    public static TriggerRecord test(Trigger trigger, Origin origin, List<TriggerReference> references,
            UUID eventId, Instant eventTime) {
        return new TriggerRecord(origin.region(), new References(references), trigger.customData(), eventId,
                TRIGGER_EVENT_TEST, 1, EVENT_SOURCE, origin.repositoryArn(), eventTime, 1,
                trigger.configId(), trigger.name(), EVENT_VERSION, origin.userIdentityArn());
    }
}
