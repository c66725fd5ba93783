package io.commitd.triggers.pattern;

import com.fasterxml.jackson.databind.JsonNode;

/** {@code {"prefix": "..."}} and {@code {"prefix": {"equals-ignore-case": "..."}}}: strings only. */
record PrefixMatcher(String prefix, boolean ignoreCase) implements ValueMatcher {

    @Override
    public boolean matchesValue(JsonNode value) {
        return value.isTextual() && value.textValue().regionMatches(ignoreCase, 0, prefix, 0, prefix.length());
    }
}
