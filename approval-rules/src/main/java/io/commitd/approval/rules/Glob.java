package io.commitd.approval.rules;

import java.util.regex.Pattern;

/**
 * An IAM-style wildcard pattern: {@code *} matches any run of characters (slashes included, as in
 * IAM ARNs) and {@code ?} matches exactly one. Every other character stands for itself.
 */
record Glob(String text, Pattern regex) {

  static Glob of(String text) {
    StringBuilder regex = new StringBuilder();
    StringBuilder literal = new StringBuilder();
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '*' || c == '?') {
        appendQuoted(regex, literal);
        regex.append(c == '*' ? ".*" : ".");
      } else {
        literal.append(c);
      }
    }
    appendQuoted(regex, literal);
    return new Glob(text, Pattern.compile(regex.toString(), Pattern.DOTALL));
  }

  boolean matches(String candidate) {
    return regex.matcher(candidate).matches();
  }

  private static void appendQuoted(StringBuilder regex, StringBuilder literal) {
    if (literal.length() > 0) {
      regex.append(Pattern.quote(literal.toString()));
      literal.setLength(0);
    }
  }
}
