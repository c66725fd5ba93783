package io.commitd.triggers.pattern;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.List;

/**
 * {@code {"numeric": [">", 0, "<=", 5]}}: every comparison must hold. Only JSON numbers are
 * compared; a string of digits is not a number to EventBridge.
 */
record NumericMatcher(List<Comparison> comparisons) implements ValueMatcher {

    NumericMatcher {
        comparisons = List.copyOf(comparisons);
    }

    /** One operator and its operand, e.g. {@code "<=", 5}. */
    record Comparison(Operator operator, BigDecimal operand) {

        boolean holdsFor(BigDecimal value) {
            int order = value.compareTo(operand);
            return switch (operator) {
                case EQUAL -> order == 0;
                case LESS -> order < 0;
                case LESS_OR_EQUAL -> order <= 0;
                case GREATER -> order > 0;
                case GREATER_OR_EQUAL -> order >= 0;
            };
        }
    }

    /** The operators EventBridge allows, with the spelling a pattern uses. */
    enum Operator {
        EQUAL("="), LESS("<"), LESS_OR_EQUAL("<="), GREATER(">"), GREATER_OR_EQUAL(">=");

        private final String symbol;

        Operator(String symbol) {
            this.symbol = symbol;
        }

        static Operator fromSymbol(String symbol) {
            for (Operator operator : values()) {
                if (operator.symbol.equals(symbol)) {
                    return operator;
                }
            }
            throw new InvalidEventPatternException("unknown numeric operator: " + symbol);
        }

        boolean isLowerBound() {
            return this == GREATER || this == GREATER_OR_EQUAL;
        }

        boolean isUpperBound() {
            return this == LESS || this == LESS_OR_EQUAL;
        }
    }

    @Override
    public boolean matchesValue(JsonNode value) {
        if (!value.isNumber()) {
            return false;
        }
        BigDecimal number = value.decimalValue();
        return comparisons.stream().allMatch(c -> c.holdsFor(number));
    }
}
