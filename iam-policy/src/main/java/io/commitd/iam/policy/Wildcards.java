package io.commitd.iam.policy;

/**
 * IAM's glob matching: {@code *} matches any run of characters (including none), {@code ?} one
 * character; the stand-ins of {@code ${*}} and {@code ${?}} match only themselves.
 */
final class Wildcards {
  private Wildcards() {}

  static boolean matches(String pattern, String value, boolean ignoreCase) {
    String p = ignoreCase ? pattern.toLowerCase(java.util.Locale.ROOT) : pattern;
    String v = ignoreCase ? value.toLowerCase(java.util.Locale.ROOT) : value;
    int pi = 0;
    int vi = 0;
    int star = -1;
    int mark = 0;
    while (vi < v.length()) {
      if (pi < p.length() && (p.charAt(pi) == '?' || literal(p.charAt(pi)) == v.charAt(vi))) {
        pi++;
        vi++;
      } else if (pi < p.length() && p.charAt(pi) == '*') {
        star = pi++;
        mark = vi;
      } else if (star >= 0) {
        pi = star + 1;
        vi = ++mark;
      } else {
        return false;
      }
    }
    while (pi < p.length() && p.charAt(pi) == '*') {
      pi++;
    }
    return pi == p.length();
  }

  /** A pattern character as the literal it stands for (see {@link PolicyVariables#LITERAL_STAR}). */
  private static char literal(char c) {
    return c == PolicyVariables.LITERAL_STAR ? '*' : c == PolicyVariables.LITERAL_QUESTION ? '?' : c;
  }
}
