package io.commitd.triggers.pattern;

import com.fasterxml.jackson.databind.JsonNode;

/** Value comparisons shared by the matchers. */
final class JsonValues {

    private JsonValues() {
    }

    /** Typed equality, numbers by numeric value rather than by spelling. */
    static boolean sameValue(JsonNode a, JsonNode b) {
        if (a.isNumber() && b.isNumber()) {
            return a.decimalValue().compareTo(b.decimalValue()) == 0;
        }
        if (a.isNumber() || b.isNumber()) {
            return false;
        }
        return a.equals(b);
    }
}
