package io.commitd.triggers.pattern;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code {"wildcard": "dir/*.png"}}: {@code *} stands for any run of characters (possibly
 * none); {@code \*} and {@code \\} are a literal star and backslash. EventBridge refuses two
 * stars in a row and any other escape, and so does {@link #parse}.
 */
record WildcardMatcher(List<String> literals) implements ValueMatcher {

    WildcardMatcher {
        literals = List.copyOf(literals);
    }

    /** Splits the pattern into the literal runs between its unescaped stars. */
    static WildcardMatcher parse(String pattern) {
        List<String> literals = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean previousWasStar = false;
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c == '*') {
                if (previousWasStar) {
                    throw new InvalidEventPatternException(
                            "wildcard pattern must not contain consecutive '*': " + pattern);
                }
                literals.add(current.toString());
                current.setLength(0);
                previousWasStar = true;
                continue;
            }
            previousWasStar = false;
            if (c == '\\') {
                char next = i + 1 < pattern.length() ? pattern.charAt(i + 1) : 0;
                if (next != '*' && next != '\\') {
                    throw new InvalidEventPatternException(
                            "wildcard pattern may escape only '*' and '\\': " + pattern);
                }
                current.append(next);
                i++;
                continue;
            }
            current.append(c);
        }
        literals.add(current.toString());
        return new WildcardMatcher(literals);
    }

    @Override
    public boolean matchesValue(JsonNode value) {
        return value.isTextual() && matchesText(value.textValue());
    }

    /**
     * The first literal must start the text and the last must end it; the ones between are
     * found left to right, each as early as possible, which is enough because a star can
     * absorb whatever an earlier choice leaves over.
     */
    boolean matchesText(String text) {
        if (literals.size() == 1) {
            return text.equals(literals.get(0));
        }
        String first = literals.get(0);
        String last = literals.get(literals.size() - 1);
        if (!text.startsWith(first)) {
            return false;
        }
        int position = first.length();
        int end = text.length() - last.length();
        if (end < position || !text.endsWith(last)) {
            return false;
        }
        for (String middle : literals.subList(1, literals.size() - 1)) {
            int found = text.indexOf(middle, position);
            if (found < 0 || found + middle.length() > end) {
                return false;
            }
            position = found + middle.length();
        }
        return true;
    }
}
