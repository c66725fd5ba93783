package io.commitd.triggers.pattern;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A literal string, number, boolean or null in a pattern array. Numbers compare by value,
 * so {@code 300} matches {@code 300.0}; a number never matches the string of its digits.
 */
record ExactMatcher(JsonNode expected) implements ValueMatcher {

    @Override
    public boolean matchesValue(JsonNode value) {
        return JsonValues.sameValue(expected, value);
    }
}
