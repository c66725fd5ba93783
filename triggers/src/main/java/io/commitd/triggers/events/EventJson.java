package io.commitd.triggers.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/** Serialises the event and trigger records of this package to the JSON CodeCommit sends. */
public final class EventJson {

    // Configured once and never changed afterwards, so sharing it across threads is safe.
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);

    private EventJson() {
    }

    /** Compact JSON text of an envelope, detail or trigger payload. */
    public static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise " + value.getClass().getSimpleName(), e);
        }
    }

    /** The same JSON as a tree, e.g. to test it against an {@code EventPattern}. */
    public static JsonNode tree(Object value) {
        return MAPPER.valueToTree(value);
    }
}
