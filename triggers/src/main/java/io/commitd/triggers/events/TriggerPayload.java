package io.commitd.triggers.events;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/** The message body a repository trigger delivers: {@code {"Records": [ … ]}}. */
public record TriggerPayload(@JsonProperty("Records") List<TriggerRecord> records) {

    public TriggerPayload {
        records = List.copyOf(records);
    }

    public static TriggerPayload of(TriggerRecord record) {
        return new TriggerPayload(List.of(record));
    }

    public String toJson() {
        return EventJson.write(this);
    }

    public JsonNode toJsonNode() {
        return EventJson.tree(this);
    }
}
