package io.commitd.triggers.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Reads expected JSON written with ' for " so that examples stay legible. */
final class JsonAssertions {

    private static final ObjectMapper JSON = new ObjectMapper();

    private JsonAssertions() {
    }

    static JsonNode json(String text) {
        try {
            return JSON.readTree(text.replace('\'', '"'));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
