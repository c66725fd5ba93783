package io.commitd.triggers.pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.util.ArrayList;
import java.util.List;

/** What a pattern asks of one named field: either a nested pattern or an array of filters. */
sealed interface FieldPattern {

    /** Whether the event's field, {@link MissingNode} when absent, satisfies this part of the pattern. */
    boolean matchesField(JsonNode field);

    /** A pattern object under the field name: the field must be an object that matches it. */
    record Nested(ObjectPattern pattern) implements FieldPattern {

        /**
         * An array of objects matches when one element does (EventBridge keeps the matches of
         * one pattern inside one array element). A missing or non-object field is judged as an
         * empty object, so that {@code {"exists": false}} below it still holds.
         */
        @Override
        public boolean matchesField(JsonNode field) {
            List<JsonNode> objects = new ArrayList<>();
            collectObjects(field, objects);
            if (objects.isEmpty()) {
                return pattern.matches(MissingNode.getInstance());
            }
            return objects.stream().anyMatch(pattern::matches);
        }

        private static void collectObjects(JsonNode node, List<JsonNode> out) {
            if (node.isObject()) {
                out.add(node);
            } else if (node.isArray()) {
                node.forEach(element -> collectObjects(element, out));
            }
        }
    }

    /** An array of filters under the field name: one of them must accept one of the field's leaf values. */
    record Leaf(ValueMatcher filters) implements FieldPattern {

        @Override
        public boolean matchesField(JsonNode field) {
            List<JsonNode> values = new ArrayList<>();
            collectLeafValues(field, values);
            if (values.isEmpty()) {
                return filters.matchesAbsent();
            }
            return values.stream().anyMatch(filters::matchesValue);
        }

        /** Flattens arrays (nested ones too) into their scalar elements; objects hold no leaf value. */
        private static void collectLeafValues(JsonNode node, List<JsonNode> out) {
            if (node.isArray()) {
                node.forEach(element -> collectLeafValues(element, out));
            } else if (node.isValueNode()) {
                out.add(node);
            }
        }
    }
}
