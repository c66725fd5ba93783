package io.commitd.triggers.pattern;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * {@code {"exists": true|false}}. As in EventBridge this looks at leaf values only: a field
 * holding an object or an empty array has no leaf value, so it does not "exist". A JSON null
 * is a value, so a null field exists.
 */
record ExistsMatcher(boolean mustExist) implements ValueMatcher {

    @Override
    public boolean matchesValue(JsonNode value) {
        return mustExist;
    }

    @Override
    public boolean matchesAbsent() {
        return !mustExist;
    }
}
