package io.commitd.triggers.pattern;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * {@code {"anything-but": ...}}: accepts every present value that the wrapped filter refuses.
 * Like every filter except {@code exists: false}, it never matches a missing field.
 */
record AnythingButMatcher(ValueMatcher excluded) implements ValueMatcher {

    @Override
    public boolean matchesValue(JsonNode value) {
        return !excluded.matchesValue(value);
    }
}
