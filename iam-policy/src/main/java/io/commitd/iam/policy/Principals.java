package io.commitd.iam.policy;

import java.util.List;
import java.util.Map;

/**
 * A statement's Principal (or NotPrincipal): {@code "*"}, or principals by type ({@code AWS},
 * {@code Service}, {@code Federated}, {@code CanonicalUser}).
 */
public record Principals(boolean everyone, Map<String, List<String>> byType) {

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
    if (value.matches("\\d{12}")) {
      return value.equals(account);
    }
    if (value.matches("arn:[^:]+:iam::\\d{12}:root")) {
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
    String[] parts = arn.split(":", 6);
    return parts.length >= 5 ? parts[4] : "";
  }
}
