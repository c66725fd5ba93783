package io.commitd.iam.policy;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A statement's Principal (or NotPrincipal): {@code "*"}, or principals by type ({@code AWS},
 * {@code Service}, {@code Federated}, {@code CanonicalUser}).
 */
public record Principals(boolean everyone, Map<String, List<String>> byType) {
  // Compiled once: policy evaluation asks these on every request.
  private static final Pattern ACCOUNT_ROOT = Pattern.compile("arn:[^:]+:iam::\\d{12}:root");

  /** A 12-digit account id. */
  static boolean isAccountId(String value) {
    // Asked of both sides of every evaluation: a loop where a matcher was an allocation each time.
    if (value.length() != 12) {
      return false;
    }
    for (int i = 0; i < 12; i++) {
      if (value.charAt(i) < '0' || value.charAt(i) > '9') {
        return false;
      }
    }
    return true;
  }

  /** An account's root ARN, {@code arn:aws:iam::123456789012:root}. */
  static boolean isAccountRoot(String arn) {
    return ACCOUNT_ROOT.matcher(arn).matches();
  }

  /**
   * How a Principal element names the request's principal, which decides what a resource policy's
   * allow is worth (IAM User Guide, "Policy evaluation logic"): everyone, the principal's account
   * (a delegation: the account's own policies must allow too), the role a session belongs to
   * (limited by the role's boundary and the session policy), or the principal itself — a user or
   * session ARN (not limited by them).
   */
  enum Match {
    NONE,
    ACCOUNT,
    EVERYONE,
    ROLE,
    EXACT
  }

  /** The strongest way these principals name {@code principalArn}. */
  Match match(String principalArn) {
    if (everyone) {
      return Match.EVERYONE;
    }
    Match best = Match.NONE;
    for (Map.Entry<String, List<String>> entry : byType.entrySet()) {
      for (String value : entry.getValue()) {
        Match match;
        if (!entry.getKey().equals("AWS")) {
          match = value.equals(principalArn) ? Match.EXACT : Match.NONE;
        } else if (value.equals("*")) {
          match = Match.EVERYONE;
        } else if (value.equals(principalArn)) {
          match = Match.EXACT;
        } else if (isAccountId(value) || isAccountRoot(value)) {
          match = awsPrincipalMatches(value, principalArn) ? Match.ACCOUNT : Match.NONE;
        } else {
          match = awsPrincipalMatches(value, principalArn) ? Match.ROLE : Match.NONE;
        }
        if (match.ordinal() > best.ordinal()) {
          best = match;
        }
      }
    }
    return best;
  }

  /**
   * True when a NotPrincipal lists every name the request's principal goes by: its own ARN, its
   * account, and for a role session the role too. IAM User Guide, "NotPrincipal": "When you use
   * NotPrincipal with Deny, you must also specify the account ARN of the principal that you want
   * to exclude", and for an assumed-role session both the role and the session.
   */
  boolean excludes(String principalArn) {
    if (everyone) {
      return true;
    }
    List<String> listed = byType.getOrDefault("AWS", List.of());
    if (listed.contains("*")) {
      return true;
    }
    String account = accountOf(principalArn);
    boolean accountListed = listed.stream().anyMatch(v -> v.equals(account)
        || (isAccountRoot(v) && accountOf(v).equals(account)));
    if (isAccountRoot(principalArn)) {
      return accountListed;
    }
    boolean selfListed = listed.contains(principalArn) || byType.values().stream().anyMatch(v -> v.contains(principalArn));
    String[] session = principalArn.split(":", 6);
    if (session.length == 6 && session[2].equals("sts") && session[5].startsWith("assumed-role/")) {
      String[] parts = session[5].split("/");
      String role = parts.length >= 2 ? "arn:" + session[1] + ":iam::" + session[4] + ":role/" + parts[1] : "";
      boolean roleListed = listed.stream().anyMatch(v -> v.equals(role)
          || (v.startsWith("arn:" + session[1] + ":iam::" + session[4] + ":role/") && v.endsWith("/" + parts[1])));
      return accountListed && roleListed && selfListed;
    }
    return accountListed && selfListed;
  }

  /** True when the request's principal is one of these. */
  boolean includes(String principalArn) {
    if (everyone) {
      return true;
    }
    for (Map.Entry<String, List<String>> entry : byType.entrySet()) {
      for (String value : entry.getValue()) {
        if (value.equals("*") && entry.getKey().equals("AWS")) {
          return true;
        }
        if (entry.getKey().equals("AWS") ? awsPrincipalMatches(value, principalArn) : value.equals(principalArn)) {
          return true;
        }
      }
    }
    return false;
  }

  /**
   * An AWS principal names an account (its id or {@code arn:…:iam::ACCOUNT:root}: any principal
   * of that account), a user or role ARN, or a role session ARN. A role ARN also names its
   * sessions ({@code arn:aws:sts::ACCOUNT:assumed-role/ROLE/SESSION}).
   */
  static boolean awsPrincipalMatches(String value, String principalArn) {
    if (value.equals(principalArn)) {
      return true;
    }
    String account = accountOf(principalArn);
    if (isAccountId(value)) {
      return value.equals(account);
    }
    if (isAccountRoot(value)) {
      return accountOf(value).equals(account);
    }
    String[] session = principalArn.split(":", 6);
    if (session.length == 6 && session[2].equals("sts") && session[5].startsWith("assumed-role/")) {
      String[] parts = session[5].split("/");
      if (parts.length >= 2) {
        String roleArn = "arn:" + session[1] + ":iam::" + session[4] + ":role/" + parts[1];
        return value.equals(roleArn) || (value.startsWith("arn:" + session[1] + ":iam::" + session[4] + ":role/")
            && value.endsWith("/" + parts[1]));
      }
    }
    return false;
  }

  static String accountOf(String arn) {
    // The fifth colon-separated field, found by index: asked of both sides of every evaluation.
    int start = -1;
    for (int field = 0; field < 4; field++) {
      start = arn.indexOf(':', start + 1);
      if (start < 0) {
        return "";
      }
    }
    int end = arn.indexOf(':', start + 1);
    return arn.substring(start + 1, end < 0 ? arn.length() : end);
  }
}
