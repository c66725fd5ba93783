package io.commitd.triggers.pattern;

import com.fasterxml.jackson.databind.JsonNode;

/** {@code {"suffix": "..."}} and {@code {"suffix": {"equals-ignore-case": "..."}}}: strings only. */
record SuffixMatcher(String suffix, boolean ignoreCase) implements ValueMatcher {

    @Override
    public boolean matchesValue(JsonNode value) {
        if (!value.isTextual()) {
            return false;
        }
        String text = value.textValue();
        int start = text.length() - suffix.length();
        return start >= 0 && text.regionMatches(ignoreCase, start, suffix, 0, suffix.length());
    }
}
