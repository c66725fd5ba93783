package io.commitd.iam.identity;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.time.Instant;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** Time-based one-time passwords (RFC 6238: HMAC-SHA1, 30-second steps, 6 digits), as virtual MFA devices use. */
public final class Totp {
  private static final String BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

  private Totp() {}

  /** A new random seed, Base32 encoded as IAM's {@code Base32StringSeed}. */
  public static String newSeed() {
    return IdGenerator.random(BASE32, 64);
  }

  /** The code for the 30-second step that holds {@code at}. */
  public static String code(String base32Seed, Instant at) {
    return codeForStep(base32Seed, at.getEpochSecond() / 30);
  }

  /** True when {@code code} is the code of the step at {@code now} or of the step before it (clock drift). */
  public static boolean verify(String base32Seed, String code, Instant now) {
    long step = now.getEpochSecond() / 30;
    return code != null && (code.equals(codeForStep(base32Seed, step)) || code.equals(codeForStep(base32Seed, step - 1)));
  }

  static String codeForStep(String base32Seed, long step) {
    try {
      Mac mac = Mac.getInstance("HmacSHA1");
      mac.init(new SecretKeySpec(base32Decode(base32Seed), "HmacSHA1"));
      byte[] hash = mac.doFinal(ByteBuffer.allocate(8).putLong(step).array());
      int offset = hash[hash.length - 1] & 0x0f;
      int binary = ((hash[offset] & 0x7f) << 24) | ((hash[offset + 1] & 0xff) << 16)
          | ((hash[offset + 2] & 0xff) << 8) | (hash[offset + 3] & 0xff);
      return String.format("%06d", binary % 1_000_000);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA1 is part of every JRE", e);
    }
  }

  static byte[] base32Decode(String text) {
    String clean = text.replace("=", "").toUpperCase(java.util.Locale.ROOT);
    ByteBuffer out = ByteBuffer.allocate(clean.length() * 5 / 8);
    int buffer = 0;
    int bits = 0;
    for (char c : clean.toCharArray()) {
      int value = BASE32.indexOf(c);
      if (value < 0) {
        throw new IllegalArgumentException("not Base32: " + c);
      }
      buffer = (buffer << 5) | value;
      bits += 5;
      if (bits >= 8) {
        out.put((byte) (buffer >> (bits - 8)));
        bits -= 8;
      }
    }
    return java.util.Arrays.copyOf(out.array(), out.position());
  }
}
