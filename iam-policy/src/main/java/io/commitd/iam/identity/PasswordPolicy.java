package io.commitd.iam.identity;

import java.util.ArrayList;
import java.util.List;

/**
 * An account's password policy, as IAM's {@code UpdateAccountPasswordPolicy} sets it. Without one,
 * IAM's default applies: at least 8 characters. Pure: checks a password, says what it misses.
 */
public record PasswordPolicy(
    int minimumPasswordLength,
    boolean requireSymbols,
    boolean requireNumbers,
    boolean requireUppercaseCharacters,
    boolean requireLowercaseCharacters,
    boolean allowUsersToChangePassword,
    Integer maxPasswordAge,
    Integer passwordReusePrevention,
    boolean hardExpiry) {

  /** What applies to an account that has set no policy. */
  public static final PasswordPolicy DEFAULT = new PasswordPolicy(8, false, false, false, false, true, null, null, false);

  /** What {@code password} misses under this policy; empty when it conforms. */
  public List<String> violations(String password) {
    List<String> missing = new ArrayList<>();
    if (password == null || password.length() < minimumPasswordLength) {
      missing.add("at least " + minimumPasswordLength + " characters");
    }
    String text = password == null ? "" : password;
    if (requireSymbols && text.chars().noneMatch(c -> "!@#$%^&*()_+-=[]{}|'".indexOf(c) >= 0)) {
      missing.add("a symbol");
    }
    if (requireNumbers && text.chars().noneMatch(Character::isDigit)) {
      missing.add("a number");
    }
    if (requireUppercaseCharacters && text.chars().noneMatch(c -> c >= 'A' && c <= 'Z')) {
      missing.add("an uppercase letter");
    }
    if (requireLowercaseCharacters && text.chars().noneMatch(c -> c >= 'a' && c <= 'z')) {
      missing.add("a lowercase letter");
    }
    return missing;
  }

  /** Throws IAM's {@code PasswordPolicyViolation} when {@code password} does not conform. */
  public void check(String password) {
    List<String> missing = violations(password);
    if (!missing.isEmpty()) {
      throw new io.commitd.storage.errors.AwsException("PasswordPolicyViolation", 400,
          "Password does not conform to the account password policy: it needs " + String.join(", ", missing) + ".");
    }
  }
}
