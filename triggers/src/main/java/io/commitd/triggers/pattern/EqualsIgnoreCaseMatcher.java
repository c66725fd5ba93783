package io.commitd.triggers.pattern;

import com.fasterxml.jackson.databind.JsonNode;

/** {@code {"equals-ignore-case": "..."}}: strings only. */
record EqualsIgnoreCaseMatcher(String expected) implements ValueMatcher {

    @Override
    public boolean matchesValue(JsonNode value) {
        return value.isTextual() && value.textValue().equalsIgnoreCase(expected);
    }
}
