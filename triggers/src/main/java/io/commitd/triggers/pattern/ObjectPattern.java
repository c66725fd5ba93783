package io.commitd.triggers.pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A pattern object: every named field must match (AND), and when the object has
 * {@code "$or"}, at least one of those alternatives must match the same event object too.
 */
record ObjectPattern(Map<String, FieldPattern> fields, List<ObjectPattern> anyOf) {

    ObjectPattern {
        fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
        anyOf = List.copyOf(anyOf);
    }

    /** {@code event} is an object, or {@link MissingNode} standing for an absent one. */
    boolean matches(JsonNode event) {
        for (Map.Entry<String, FieldPattern> field : fields.entrySet()) {
            JsonNode value = event.isObject() ? event.path(field.getKey()) : MissingNode.getInstance();
            if (!field.getValue().matchesField(value)) {
                return false;
            }
        }
        return anyOf.isEmpty() || anyOf.stream().anyMatch(alternative -> alternative.matches(event));
    }
}
