package io.commitd.triggers.pattern;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One entry of a pattern's value array, tested against one leaf value of the event.
 *
 * <p>Leaf values are never objects or arrays: arrays in the event are flattened before the
 * matcher sees them, which is how EventBridge gives "any element matches" semantics.
 */
interface ValueMatcher {

    /** Whether this matcher accepts {@code value}, a present leaf value (possibly JSON null). */
    boolean matchesValue(JsonNode value);

    /**
     * Whether this matcher accepts a field that has no leaf value at all. Only
     * {@code {"exists": false}} does: every other EventBridge filter needs a value to test.
     */
    default boolean matchesAbsent() {
        return false;
    }
}
