package io.commitd.triggers.events;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * The EventBridge envelope around a CodeCommit event:
 * {@code {"version":"0","id":…,"detail-type":…,"source":"aws.codecommit","account":…,"time":…,
 * "region":…,"resources":[…],"detail":{…}}}.
 */
@JsonPropertyOrder({"version", "id", "detail-type", "source", "account", "time", "region", "resources", "detail"})
public record CodeCommitEvent(
        String version,
        UUID id,
        @JsonProperty("detail-type") String detailType,
        String source,
        String account,
        @JsonSerialize(using = EventTimes.EnvelopeTimeSerializer.class) Instant time,
        String region,
        List<String> resources,
        EventDetail detail) {

    public static final String VERSION = "0";
    public static final String SOURCE = "aws.codecommit";

    public CodeCommitEvent {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(detail, "detail");
        resources = List.copyOf(resources);
    }

    /** An event about one repository, which is then its only resource. */
    public static CodeCommitEvent about(RepositoryIdentity repository, EventDetail detail,
            UUID id, Instant time, String account, String region) {
        return about(List.of(repository.arn()), detail, id, time, account, region);
    }

    /**
     * An event with the given resources: none for a template created, updated or deleted,
     * the affected repositories for template associations.
     */
    public static CodeCommitEvent about(List<String> resources, EventDetail detail,
            UUID id, Instant time, String account, String region) {
        return new CodeCommitEvent(VERSION, id, detail.detailType(), SOURCE, account, time, region, resources, detail);
    }

    public String toJson() {
        return EventJson.write(this);
    }

    public JsonNode toJsonNode() {
        return EventJson.tree(this);
    }
}
