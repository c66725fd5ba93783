package io.commitd.triggers.pattern;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Objects;

/**
 * An Amazon EventBridge event pattern, parsed once and matched against many events.
 *
 * <p>Implements the content filtering of the EventBridge User Guide: nested objects, arrays
 * of alternatives, any-element matching on array-valued event fields, exact values,
 * {@code prefix}, {@code suffix}, {@code equals-ignore-case}, {@code wildcard},
 * {@code anything-but}, {@code numeric}, {@code exists}, {@code cidr} and {@code $or}.
 */
public final class EventPattern {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String source;
    private final ObjectPattern root;

    private EventPattern(String source, ObjectPattern root) {
        this.source = source;
        this.root = root;
    }

    /** Parses a pattern, throwing {@link InvalidEventPatternException} for anything EventBridge would refuse. */
    public static EventPattern parse(String json) {
        Objects.requireNonNull(json, "json");
        JsonNode tree;
        try {
            tree = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new InvalidEventPatternException("Event pattern is not valid JSON: " + e.getOriginalMessage(), e);
        }
        if (tree == null || tree.isMissingNode()) {
            throw new InvalidEventPatternException("Event pattern is empty");
        }
        return new EventPattern(json, PatternParser.parseObject(tree, ""));
    }

    /** Whether the event (a JSON object, such as an EventBridge envelope) matches this pattern. */
    public boolean matches(JsonNode event) {
        Objects.requireNonNull(event, "event");
        return event.isObject() && root.matches(event);
    }

    /** The pattern's JSON as it was given. */
    public String source() {
        return source;
    }

    @Override
    public String toString() {
        return "EventPattern" + source;
    }
}
