package io.commitd.triggers.pattern;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Turns the JSON of an event pattern into matchers, refusing what EventBridge refuses:
 * a field's value must be an object (a nested pattern) or a non-empty array of filters.
 */
final class PatternParser {

    private static final String OR = "$or";

    private PatternParser() {
    }

    static ObjectPattern parseObject(JsonNode node, String path) {
        if (!node.isObject()) {
            throw invalid(path, "must be an object");
        }
        if (node.isEmpty()) {
            throw invalid(path, "must not be an empty object");
        }
        Map<String, FieldPattern> fields = new LinkedHashMap<>();
        List<ObjectPattern> anyOf = new ArrayList<>();
        for (Map.Entry<String, JsonNode> entry : node.properties()) {
            String name = entry.getKey();
            String fieldPath = path.isEmpty() ? name : path + "." + name;
            if (name.equals(OR)) {
                anyOf.addAll(parseAlternatives(entry.getValue(), fieldPath));
            } else {
                fields.put(name, parseField(entry.getValue(), fieldPath));
            }
        }
        return new ObjectPattern(fields, anyOf);
    }

    private static List<ObjectPattern> parseAlternatives(JsonNode node, String path) {
        if (!node.isArray() || node.isEmpty()) {
            throw invalid(path, "must be a non-empty array of pattern objects");
        }
        List<ObjectPattern> alternatives = new ArrayList<>();
        int index = 0;
        for (JsonNode alternative : node) {
            alternatives.add(parseObject(alternative, path + "[" + index++ + "]"));
        }
        return alternatives;
    }

    private static FieldPattern parseField(JsonNode node, String path) {
        if (node.isObject()) {
            return new FieldPattern.Nested(parseObject(node, path));
        }
        if (!node.isArray()) {
            throw invalid(path, "must be an object or an array");
        }
        if (node.isEmpty()) {
            throw invalid(path, "must not be an empty array");
        }
        List<ValueMatcher> filters = new ArrayList<>();
        for (JsonNode element : node) {
            filters.add(parseFilter(element, path));
        }
        return new FieldPattern.Leaf(filters.size() == 1 ? filters.get(0) : new AnyOfMatcher(filters));
    }

    private static ValueMatcher parseFilter(JsonNode element, String path) {
        if (element.isArray()) {
            throw invalid(path, "must not contain nested arrays");
        }
        if (!element.isObject()) {
            return new ExactMatcher(element);
        }
        if (element.size() != 1) {
            throw invalid(path, "a filter object must have exactly one operator, got " + element);
        }
        Map.Entry<String, JsonNode> operator = element.properties().iterator().next();
        JsonNode operand = operator.getValue();
        String where = path + " " + operator.getKey();
        return switch (operator.getKey()) {
            case "prefix" -> parsePrefix(operand, where);
            case "suffix" -> parseSuffix(operand, where);
            case "equals-ignore-case" -> new EqualsIgnoreCaseMatcher(text(operand, where));
            case "wildcard" -> WildcardMatcher.parse(text(operand, where));
            case "anything-but" -> new AnythingButMatcher(parseAnythingBut(operand, where));
            case "numeric" -> parseNumeric(operand, where);
            case "exists" -> parseExists(operand, where);
            case "cidr" -> CidrMatcher.parse(text(operand, where));
            default -> throw invalid(path, "unknown filter operator \"" + operator.getKey() + "\"");
        };
    }

    private static ValueMatcher parsePrefix(JsonNode operand, String where) {
        if (operand.isObject()) {
            return new PrefixMatcher(ignoringCase(operand, where), true);
        }
        return new PrefixMatcher(text(operand, where), false);
    }

    private static ValueMatcher parseSuffix(JsonNode operand, String where) {
        if (operand.isObject()) {
            return new SuffixMatcher(ignoringCase(operand, where), true);
        }
        return new SuffixMatcher(text(operand, where), false);
    }

    /** The operand of {@code {"prefix": {"equals-ignore-case": "..."}}} and its suffix twin. */
    private static String ignoringCase(JsonNode operand, String where) {
        if (operand.size() != 1 || !operand.has("equals-ignore-case")) {
            throw invalid(where, "only {\"equals-ignore-case\": \"...\"} may be nested here");
        }
        return text(operand.get("equals-ignore-case"), where + " equals-ignore-case");
    }

    /**
     * The filter whose matches anything-but excludes: a string or number, a non-empty array of
     * them, or one of prefix, suffix, equals-ignore-case and wildcard (each with a string or
     * an array of strings).
     */
    private static ValueMatcher parseAnythingBut(JsonNode operand, String where) {
        if (operand.isTextual() || operand.isNumber()) {
            return new ExactMatcher(operand);
        }
        if (operand.isArray()) {
            return anyOf(operand, where, value -> {
                if (!value.isTextual() && !value.isNumber()) {
                    throw invalid(where, "may list only strings and numbers, got " + value);
                }
                return new ExactMatcher(value);
            });
        }
        if (!operand.isObject() || operand.size() != 1) {
            throw invalid(where, "must be a string, a number, an array of them, or one filter object");
        }
        Map.Entry<String, JsonNode> inner = operand.properties().iterator().next();
        String innerWhere = where + " " + inner.getKey();
        return switch (inner.getKey()) {
            case "prefix" -> textOrTexts(inner.getValue(), innerWhere, text -> new PrefixMatcher(nonEmpty(text, innerWhere), false));
            case "suffix" -> textOrTexts(inner.getValue(), innerWhere, text -> new SuffixMatcher(nonEmpty(text, innerWhere), false));
            case "equals-ignore-case" -> textOrTexts(inner.getValue(), innerWhere, EqualsIgnoreCaseMatcher::new);
            case "wildcard" -> textOrTexts(inner.getValue(), innerWhere, WildcardMatcher::parse);
            default -> throw invalid(where, "cannot wrap \"" + inner.getKey() + "\"");
        };
    }

    private static ValueMatcher parseNumeric(JsonNode operand, String where) {
        if (!operand.isArray() || operand.isEmpty() || operand.size() % 2 != 0) {
            throw invalid(where, "must be an array of operator and number pairs");
        }
        List<NumericMatcher.Comparison> comparisons = new ArrayList<>();
        for (int i = 0; i < operand.size(); i += 2) {
            NumericMatcher.Operator operator = NumericMatcher.Operator.fromSymbol(text(operand.get(i), where));
            JsonNode number = operand.get(i + 1);
            if (!number.isNumber()) {
                throw invalid(where, "operator " + operand.get(i).textValue() + " needs a number, got " + number);
            }
            comparisons.add(new NumericMatcher.Comparison(operator, new BigDecimal(number.asText())));
        }
        checkNumericRange(comparisons, where);
        return new NumericMatcher(comparisons);
    }

    /** At most one lower and one upper bound, and "=" only on its own, as EventBridge requires. */
    private static void checkNumericRange(List<NumericMatcher.Comparison> comparisons, String where) {
        long lower = comparisons.stream().filter(c -> c.operator().isLowerBound()).count();
        long upper = comparisons.stream().filter(c -> c.operator().isUpperBound()).count();
        long equal = comparisons.size() - lower - upper;
        if (lower > 1 || upper > 1 || (equal > 0 && comparisons.size() > 1)) {
            throw invalid(where, "must be one comparison, or one lower bound and one upper bound");
        }
    }

    private static ValueMatcher parseExists(JsonNode operand, String where) {
        if (!operand.isBoolean()) {
            throw invalid(where, "must be true or false");
        }
        return new ExistsMatcher(operand.booleanValue());
    }

    private static ValueMatcher textOrTexts(JsonNode operand, String where,
            Function<String, ValueMatcher> matcher) {
        if (operand.isArray()) {
            return anyOf(operand, where, value -> matcher.apply(text(value, where)));
        }
        return matcher.apply(text(operand, where));
    }

    private static ValueMatcher anyOf(JsonNode array, String where,
            Function<JsonNode, ValueMatcher> matcher) {
        if (array.isEmpty()) {
            throw invalid(where, "must not be an empty array");
        }
        List<ValueMatcher> alternatives = new ArrayList<>();
        array.forEach(value -> alternatives.add(matcher.apply(value)));
        return new AnyOfMatcher(alternatives);
    }

    private static String text(JsonNode node, String where) {
        if (node == null || !node.isTextual()) {
            throw invalid(where, "must be a string, got " + node);
        }
        return node.textValue();
    }

    private static String nonEmpty(String text, String where) {
        if (text.isEmpty()) {
            throw invalid(where, "must not be empty");
        }
        return text;
    }

    private static InvalidEventPatternException invalid(String path, String reason) {
        return new InvalidEventPatternException(
                "Event pattern is not valid: " + (path.isEmpty() ? "the pattern" : "\"" + path + "\"") + " " + reason);
    }
}
