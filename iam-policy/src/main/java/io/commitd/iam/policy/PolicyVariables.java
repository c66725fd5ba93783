package io.commitd.iam.policy;

import java.util.List;
import java.util.Optional;

/**
 * Substitutes policy variables ({@code ${aws:username}}, {@code ${aws:PrincipalTag/team}},
 * {@code ${aws:username, 'default'}}, and the escapes {@code ${*}}, {@code ${?}}, {@code ${$}})
 * in Resource and condition values of 2012-10-17 policies.
 */
final class PolicyVariables {
  private PolicyVariables() {}

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
        return Optional.of("*");
      case "?":
        return Optional.of("?");
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
    if (values.isPresent() && values.get().size() == 1) {
      return Optional.of(values.get().get(0));
    }
    return Optional.ofNullable(fallback);
  }
}
