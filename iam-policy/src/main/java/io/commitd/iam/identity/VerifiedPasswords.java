package io.commitd.iam.identity;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Remembers which password matched which stored PBKDF2 hash, as a SHA-256 digest, so that a
 * password already proven against a hash is not stretched again on every git request. A new hash
 * (a reset) is a new key; the map is bounded and simply forgets when full.
 */
final class VerifiedPasswords {
  static final int MAX_ENTRIES = 10_000;

  private final Map<String, byte[]> digestByHash = new ConcurrentHashMap<>();

  boolean matches(String password, String storedHash) {
    byte[] digest = sha256(password + "\0" + storedHash);
    byte[] known = digestByHash.get(storedHash);
    if (known != null && MessageDigest.isEqual(known, digest)) {
      return true;
    }
    if (!PasswordHasher.matches(password, storedHash)) {
      return false;
    }
    if (digestByHash.size() >= MAX_ENTRIES) {
      digestByHash.clear();
    }
    digestByHash.put(storedHash, digest);
    return true;
  }

  private static byte[] sha256(String text) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("SHA-256 is part of every JRE", e);
    }
  }
}
