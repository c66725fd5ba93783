package io.commitd.triggers.pattern;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/** Several filters of which one must accept the value: a pattern array, or an anything-but list. */
record AnyOfMatcher(List<ValueMatcher> alternatives) implements ValueMatcher {

    AnyOfMatcher {
        alternatives = List.copyOf(alternatives);
    }

    @Override
    public boolean matchesValue(JsonNode value) {
        return alternatives.stream().anyMatch(m -> m.matchesValue(value));
    }

    @Override
    public boolean matchesAbsent() {
        return alternatives.stream().anyMatch(ValueMatcher::matchesAbsent);
    }
}
