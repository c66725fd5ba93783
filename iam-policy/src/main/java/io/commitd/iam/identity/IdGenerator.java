package io.commitd.iam.identity;

import java.security.SecureRandom;

/**
 * Ids and secrets in AWS's shapes: a four-letter prefix that says what the id names ({@code AKIA}
 * access key, {@code ASIA} temporary key, {@code AIDA} user, {@code AROA} role, {@code APKA} SSH
 * key, {@code ACCA} service-specific credential, …) and 16 base32 characters.
 */
public final class IdGenerator {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final String ID_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
  private static final String SECRET_ALPHABET =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

  private IdGenerator() {}

  public static String newId(String prefix) {
    return prefix + random(ID_ALPHABET, 16);
  }

  /** A 40-character secret access key. */
  public static String newSecretAccessKey() {
    return random(SECRET_ALPHABET, 40);
  }

  /** A random string of {@code length} characters from {@code alphabet}. */
  public static String random(String alphabet, int length) {
    StringBuilder value = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      value.append(alphabet.charAt(RANDOM.nextInt(alphabet.length())));
    }
    return value.toString();
  }
}
