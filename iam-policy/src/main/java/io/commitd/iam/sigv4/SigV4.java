package io.commitd.iam.sigv4;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** The primitives of AWS Signature Version 4: hashing, key derivation, signing. */
public final class SigV4 {
  public static final String ALGORITHM = "AWS4-HMAC-SHA256";
  private static final HexFormat HEX = HexFormat.of();
  /** Derived keys change once a day per secret: four HMACs saved on every request. Bounded. */
  private static final int MAX_SIGNING_KEYS = 4096;
  private static final Map<String, byte[]> SIGNING_KEYS = new ConcurrentHashMap<>();
  /** Each request hashes its body and its canonical request; looking the digest up each time allocated more than hashing. */
  private static final ThreadLocal<MessageDigest> SHA_256 = ThreadLocal.withInitial(() -> {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("SHA-256 is part of every JRE", e);
    }
  });
  /** The longest text whose bytes are hashed from a thread's own buffer; longer ones are encoded anew. */
  private static final int REUSED_TEXT_BYTES = 8192;
  /** Each request hashes its canonical request, a text of a few hundred ASCII characters. */
  private static final ThreadLocal<byte[]> TEXT_BYTES = ThreadLocal.withInitial(() -> new byte[1024]);
  /** Looking up a provider's Mac costs more than the HMAC of a short string. */
  private static final ThreadLocal<Mac> MAC = ThreadLocal.withInitial(() -> {
    try {
      return Mac.getInstance("HmacSHA256");
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is part of every JRE", e);
    }
  });

  private SigV4() {}

  public static String sha256Hex(byte[] data) {
    return HEX.formatHex(SHA_256.get().digest(data));
  }

  /**
   * The hex SHA-256 of {@code text}'s UTF-8 bytes. An ASCII text is copied into the thread's buffer
   * instead of encoded into a new array: a signed call's canonical request was hashed through three
   * copies of itself.
   */
  public static String sha256Hex(String text) {
    int length = text.length();
    if (length > REUSED_TEXT_BYTES) {
      return sha256Hex(text.getBytes(StandardCharsets.UTF_8));
    }
    byte[] bytes = TEXT_BYTES.get();
    if (bytes.length < length) {
      bytes = new byte[REUSED_TEXT_BYTES];
      TEXT_BYTES.set(bytes);
    }
    for (int i = 0; i < length; i++) {
      char c = text.charAt(i);
      if (c >= 0x80) {
        return sha256Hex(text.getBytes(StandardCharsets.UTF_8));
      }
      bytes[i] = (byte) c;
    }
    MessageDigest digest = SHA_256.get();
    digest.update(bytes, 0, length);
    return HEX.formatHex(digest.digest());
  }

  /** {@code kSigning} for a secret, a date {@code yyyyMMdd}, a region and a service. */
  public static byte[] signingKey(String secret, String date, String region, String service) {
    String cacheKey = date + "/" + region + "/" + service + "/" + secret;
    byte[] known = SIGNING_KEYS.get(cacheKey);
    if (known != null) {
      return known.clone();
    }
    byte[] derived = deriveSigningKey(secret, date, region, service);
    if (SIGNING_KEYS.size() >= MAX_SIGNING_KEYS) {
      SIGNING_KEYS.clear();
    }
    SIGNING_KEYS.put(cacheKey, derived.clone());
    return derived;
  }

  private static byte[] deriveSigningKey(String secret, String date, String region, String service) {
    byte[] kDate = hmac(("AWS4" + secret).getBytes(StandardCharsets.UTF_8), date);
    byte[] kRegion = hmac(kDate, region);
    byte[] kService = hmac(kRegion, service);
    return hmac(kService, "aws4_request");
  }

  public static String stringToSign(String timestamp, String scope, String canonicalRequest) {
    return ALGORITHM + "\n" + timestamp + "\n" + scope + "\n" + sha256Hex(canonicalRequest);
  }

  /** The hex signature of {@code stringToSign} under {@code signingKey}. */
  public static String sign(byte[] signingKey, String stringToSign) {
    return HEX.formatHex(hmac(signingKey, stringToSign));
  }

  /**
   * Compares two signatures in time independent of where they differ (as {@code MessageDigest.isEqual},
   * character by character instead of on two encoded copies). Their length is public: 64 hex digits.
   */
  public static boolean signaturesMatch(String expected, String actual) {
    if (expected.length() != actual.length()) {
      return false;
    }
    int difference = 0;
    for (int i = 0; i < expected.length(); i++) {
      difference |= expected.charAt(i) ^ actual.charAt(i);
    }
    return difference == 0;
  }

  private static byte[] hmac(byte[] key, String data) {
    try {
      Mac mac = MAC.get();
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is part of every JRE", e);
    }
  }
}
