package io.commitd.iam.policy;

import java.util.List;
import java.util.Optional;

/**
 * Substitutes policy variables ({@code ${aws:username}}, {@code ${aws:PrincipalTag/team}},
 * {@code ${aws:username, 'default'}}, and the escapes {@code ${*}}, {@code ${?}}, {@code ${$}})
 * in Resource and condition values of 2012-10-17 policies.
 */
final class PolicyVariables {
  /**
   * Stand-ins for a literal {@code *} and {@code ?} in substituted text, so that wildcard matching
   * never takes them for wildcards: {@code ${*}} means the character, not "anything" (IAM User
   * Guide, "IAM policy elements: Variables and tags", special characters). Private-use code
   * points, which no ARN, key or value contains.
   */
  static final char LITERAL_STAR = '\uE000';
  static final char LITERAL_QUESTION = '\uE001';

  private PolicyVariables() {}

  /** The text with the stand-ins turned back into the characters they stand for. */
  static String unescape(String text) {
    return text.indexOf(LITERAL_STAR) < 0 && text.indexOf(LITERAL_QUESTION) < 0
        ? text : text.replace(LITERAL_STAR, '*').replace(LITERAL_QUESTION, '?');
  }

  private static String literal(String value) {
    return value.replace('*', LITERAL_STAR).replace('?', LITERAL_QUESTION);
  }

  /**
   * The text with every variable replaced, or empty when a variable names a key the request
   * lacks and gives no default: such an element matches nothing.
   */
  static Optional<String> substitute(String text, RequestContext context) {
    if (!text.contains("${")) {
      return Optional.of(text);
    }
    StringBuilder out = new StringBuilder();
    int i = 0;
    while (i < text.length()) {
      int start = text.indexOf("${", i);
      if (start < 0) {
        out.append(text, i, text.length());
        break;
      }
      int end = text.indexOf('}', start);
      if (end < 0) {
        out.append(text, i, text.length());
        break;
      }
      out.append(text, i, start);
      String body = text.substring(start + 2, end).trim();
      Optional<String> value = resolve(body, context);
      if (value.isEmpty()) {
        return Optional.empty();
      }
      out.append(value.get());
      i = end + 1;
    }
    return Optional.of(out.toString());
  }

  private static Optional<String> resolve(String body, RequestContext context) {
    switch (body) {
      case "*":
        return Optional.of(String.valueOf(LITERAL_STAR));
      case "?":
        return Optional.of(String.valueOf(LITERAL_QUESTION));
      case "$":
        return Optional.of("$");
      default:
        break;
    }
    String key = body;
    String fallback = null;
    int comma = body.indexOf(',');
    if (comma >= 0) {
      key = body.substring(0, comma).trim();
      String rest = body.substring(comma + 1).trim();
      if (rest.length() >= 2 && rest.startsWith("'") && rest.endsWith("'")) {
        fallback = rest.substring(1, rest.length() - 1);
      }
    }
    Optional<List<String>> values = context.get(key);
    // A request's value is text, not a pattern: a "*" in it matches only "*".
    if (values.isPresent() && values.get().size() == 1) {
      return Optional.of(literal(values.get().get(0)));
    }
    return Optional.ofNullable(fallback).map(PolicyVariables::literal);
  }
}
