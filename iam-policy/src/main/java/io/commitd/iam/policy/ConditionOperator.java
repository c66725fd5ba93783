package io.commitd.iam.policy;

import java.math.BigDecimal;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The condition operators of the IAM policy language. Each tests one request value against one
 * policy value; negated operators are the negation of their positive twin, applied by
 * {@link Condition}.
 */
enum ConditionOperator {
  STRING_EQUALS("StringEquals", false),
  STRING_NOT_EQUALS("StringNotEquals", true),
  STRING_EQUALS_IGNORE_CASE("StringEqualsIgnoreCase", false),
  STRING_NOT_EQUALS_IGNORE_CASE("StringNotEqualsIgnoreCase", true),
  STRING_LIKE("StringLike", false),
  STRING_NOT_LIKE("StringNotLike", true),
  NUMERIC_EQUALS("NumericEquals", false),
  NUMERIC_NOT_EQUALS("NumericNotEquals", true),
  NUMERIC_LESS_THAN("NumericLessThan", false),
  NUMERIC_LESS_THAN_EQUALS("NumericLessThanEquals", false),
  NUMERIC_GREATER_THAN("NumericGreaterThan", false),
  NUMERIC_GREATER_THAN_EQUALS("NumericGreaterThanEquals", false),
  DATE_EQUALS("DateEquals", false),
  DATE_NOT_EQUALS("DateNotEquals", true),
  DATE_LESS_THAN("DateLessThan", false),
  DATE_LESS_THAN_EQUALS("DateLessThanEquals", false),
  DATE_GREATER_THAN("DateGreaterThan", false),
  DATE_GREATER_THAN_EQUALS("DateGreaterThanEquals", false),
  BOOL("Bool", false),
  BINARY_EQUALS("BinaryEquals", false),
  IP_ADDRESS("IpAddress", false),
  NOT_IP_ADDRESS("NotIpAddress", true),
  ARN_EQUALS("ArnEquals", false),
  ARN_LIKE("ArnLike", false),
  ARN_NOT_EQUALS("ArnNotEquals", true),
  ARN_NOT_LIKE("ArnNotLike", true),
  NULL("Null", false);

  private static final Map<String, ConditionOperator> BY_NAME = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);

  static {
    for (ConditionOperator operator : values()) {
      BY_NAME.put(operator.policyName, operator);
    }
  }

  final String policyName;
  final boolean negated;

  ConditionOperator(String policyName, boolean negated) {
    this.policyName = policyName;
    this.negated = negated;
  }

  static Optional<ConditionOperator> named(String name) {
    return Optional.ofNullable(BY_NAME.get(name));
  }

  /**
   * The positive test: does the request value match the policy value? For negated operators
   * this is the test of their positive twin (StringNotEquals tests equality).
   */
  boolean positiveMatch(String requestValue, String patternOrValue) {
    // Only the Like and Arn operators know wildcards; for the others an escaped ${*} is just "*".
    String policyValue = switch (this) {
      case STRING_LIKE, STRING_NOT_LIKE, ARN_EQUALS, ARN_NOT_EQUALS, ARN_LIKE, ARN_NOT_LIKE -> patternOrValue;
      default -> PolicyVariables.unescape(patternOrValue);
    };
    return switch (this) {
      case STRING_EQUALS, STRING_NOT_EQUALS -> requestValue.equals(policyValue);
      case STRING_EQUALS_IGNORE_CASE, STRING_NOT_EQUALS_IGNORE_CASE -> requestValue.equalsIgnoreCase(policyValue);
      case STRING_LIKE, STRING_NOT_LIKE -> Wildcards.matches(policyValue, requestValue, false);
      case NUMERIC_EQUALS, NUMERIC_NOT_EQUALS -> compareNumbers(requestValue, policyValue).map(c -> c == 0).orElse(false);
      case NUMERIC_LESS_THAN -> compareNumbers(requestValue, policyValue).map(c -> c < 0).orElse(false);
      case NUMERIC_LESS_THAN_EQUALS -> compareNumbers(requestValue, policyValue).map(c -> c <= 0).orElse(false);
      case NUMERIC_GREATER_THAN -> compareNumbers(requestValue, policyValue).map(c -> c > 0).orElse(false);
      case NUMERIC_GREATER_THAN_EQUALS -> compareNumbers(requestValue, policyValue).map(c -> c >= 0).orElse(false);
      case DATE_EQUALS, DATE_NOT_EQUALS -> compareDates(requestValue, policyValue).map(c -> c == 0).orElse(false);
      case DATE_LESS_THAN -> compareDates(requestValue, policyValue).map(c -> c < 0).orElse(false);
      case DATE_LESS_THAN_EQUALS -> compareDates(requestValue, policyValue).map(c -> c <= 0).orElse(false);
      case DATE_GREATER_THAN -> compareDates(requestValue, policyValue).map(c -> c > 0).orElse(false);
      case DATE_GREATER_THAN_EQUALS -> compareDates(requestValue, policyValue).map(c -> c >= 0).orElse(false);
      case BOOL -> requestValue.equalsIgnoreCase(policyValue);
      case BINARY_EQUALS -> requestValue.equals(policyValue);
      case IP_ADDRESS, NOT_IP_ADDRESS -> inCidr(requestValue, policyValue);
      case ARN_EQUALS, ARN_NOT_EQUALS, ARN_LIKE, ARN_NOT_LIKE -> arnMatches(policyValue, requestValue);
      case NULL -> throw new IllegalStateException("Null tests presence, not values");
    };
  }

  /** Checks a policy value's form at parse time, so that a bad policy is refused when it is written. */
  void validatePolicyValue(String value) {
    boolean valid = switch (this) {
      case NUMERIC_EQUALS, NUMERIC_NOT_EQUALS, NUMERIC_LESS_THAN, NUMERIC_LESS_THAN_EQUALS, NUMERIC_GREATER_THAN,
          NUMERIC_GREATER_THAN_EQUALS -> value.contains("${") || number(value).isPresent();
      case DATE_EQUALS, DATE_NOT_EQUALS, DATE_LESS_THAN, DATE_LESS_THAN_EQUALS, DATE_GREATER_THAN,
          DATE_GREATER_THAN_EQUALS -> value.contains("${") || date(value).isPresent();
      case BOOL, NULL -> value.equalsIgnoreCase("true") || value.equalsIgnoreCase("false") || value.contains("${");
      case IP_ADDRESS, NOT_IP_ADDRESS -> value.contains("${") || cidr(value).isPresent();
      default -> true;
    };
    if (!valid) {
      throw new MalformedPolicyDocumentException(
          "Invalid Condition value '" + value + "' for operator " + policyName + ".");
    }
  }

  private static Optional<Integer> compareNumbers(String a, String b) {
    Optional<BigDecimal> x = number(a);
    Optional<BigDecimal> y = number(b);
    return x.isPresent() && y.isPresent() ? Optional.of(x.get().compareTo(y.get())) : Optional.empty();
  }

  private static Optional<BigDecimal> number(String text) {
    try {
      return Optional.of(new BigDecimal(text.trim()));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  private static Optional<Integer> compareDates(String a, String b) {
    Optional<Instant> x = date(a);
    Optional<Instant> y = date(b);
    return x.isPresent() && y.isPresent() ? Optional.of(x.get().compareTo(y.get())) : Optional.empty();
  }

  /** ISO 8601 date-times or dates, or epoch seconds, as the Date operators accept. */
  static Optional<Instant> date(String text) {
    String t = text.trim();
    if (t.matches("-?\\d+(\\.\\d+)?")) {
      return Optional.of(Instant.ofEpochMilli(new BigDecimal(t).movePointRight(3).longValue()));
    }
    try {
      return Optional.of(OffsetDateTime.parse(t).toInstant());
    } catch (DateTimeParseException e) {
      // not a date-time with an offset; try the other ISO 8601 forms below
    }
    try {
      return Optional.of(Instant.parse(t));
    } catch (DateTimeParseException e) {
      // not an instant either
    }
    try {
      return Optional.of(LocalDate.parse(t).atStartOfDay().toInstant(ZoneOffset.UTC));
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }

  private static boolean inCidr(String address, String cidrText) {
    Optional<byte[]> requested = literalAddress(address.trim());
    Optional<Cidr> range = cidr(cidrText);
    return requested.isPresent() && range.isPresent() && range.get().contains(requested.get());
  }

  private record Cidr(byte[] network, int prefix) {
    boolean contains(byte[] address) {
      if (address.length != network.length) {
        return false;
      }
      int fullBytes = prefix / 8;
      for (int i = 0; i < fullBytes; i++) {
        if (address[i] != network[i]) {
          return false;
        }
      }
      int rest = prefix % 8;
      if (rest == 0) {
        return true;
      }
      int mask = (0xff << (8 - rest)) & 0xff;
      return (address[fullBytes] & mask) == (network[fullBytes] & mask);
    }
  }

  private static Optional<Cidr> cidr(String text) {
    String t = text.trim();
    int slash = t.indexOf('/');
    Optional<byte[]> network = literalAddress(slash < 0 ? t : t.substring(0, slash));
    if (network.isEmpty()) {
      return Optional.empty();
    }
    int max = network.get().length * 8;
    int prefix = max;
    if (slash >= 0) {
      try {
        prefix = Integer.parseInt(t.substring(slash + 1));
      } catch (NumberFormatException e) {
        return Optional.empty();
      }
      if (prefix < 0 || prefix > max) {
        return Optional.empty();
      }
    }
    return Optional.of(new Cidr(network.get(), prefix));
  }

  /** An IP literal's bytes, never a DNS lookup: only digits, dots, colons and hex are accepted. */
  private static Optional<byte[]> literalAddress(String text) {
    if (text.isEmpty() || !text.matches("[0-9a-fA-F:.]+") || (!text.contains(":") && !text.matches("\\d{1,3}(\\.\\d{1,3}){3}"))) {
      return Optional.empty();
    }
    try {
      byte[] bytes = InetAddress.getByName(text).getAddress();
      return Optional.of(bytes);
    } catch (UnknownHostException e) {
      return Optional.empty();
    }
  }

  /**
   * ARN comparison, case-sensitive and component by component; AWS documents ArnEquals and
   * ArnLike alike, each of the six components allowing {@code *} and {@code ?}.
   */
  private static boolean arnMatches(String pattern, String arn) {
    String[] p = pattern.split(":", 6);
    String[] a = arn.split(":", 6);
    if (p.length != 6 || a.length != 6) {
      return false;
    }
    for (int i = 0; i < 6; i++) {
      if (!Wildcards.matches(p[i], a[i], false)) {
        return false;
      }
    }
    return true;
  }
}
