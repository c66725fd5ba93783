package io.commitd.iam.identity;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiPredicate;

/**
 * Remembers which password matched which stored PBKDF2 hash, as a SHA-256 digest, so that a
 * password already proven against a hash is not stretched again on every git request. A new hash
 * (a reset) is a new key; the map is bounded and simply forgets when full.
 *
 * <p>Requests that bring the same password for the same hash at the same time share one stretch:
 * a clone makes two authenticated requests and a CI fleet starts many clones at once, each of which
 * would otherwise spend the full PBKDF2 cost before any had been remembered.
 */
final class VerifiedPasswords {
  static final int MAX_ENTRIES = 10_000;

  private final BiPredicate<String, String> stretch;
  private final Map<String, byte[]> digestByHash = new ConcurrentHashMap<>();
  private final Map<String, CompletableFuture<Boolean>> inFlight = new ConcurrentHashMap<>();

  VerifiedPasswords() {
    this(PasswordHasher::matches);
  }

  /** {@code stretch} checks a password against a stored hash the slow way. */
  VerifiedPasswords(BiPredicate<String, String> stretch) {
    this.stretch = stretch;
  }

  boolean matches(String password, String storedHash) {
    byte[] digest = sha256(password + "\0" + storedHash);
    byte[] known = digestByHash.get(storedHash);
    if (known != null && MessageDigest.isEqual(known, digest)) {
      return true;
    }
    String attempt = storedHash + "\0" + HexFormat.of().formatHex(digest);
    CompletableFuture<Boolean> mine = new CompletableFuture<>();
    CompletableFuture<Boolean> running = inFlight.putIfAbsent(attempt, mine);
    if (running != null) {
      return running.join();
    }
    try {
      boolean matched = stretch.test(password, storedHash);
      if (matched) {
        remember(storedHash, digest);
      }
      mine.complete(matched);
      return matched;
    } catch (RuntimeException | Error e) {
      mine.completeExceptionally(e);
      throw e;
    } finally {
      inFlight.remove(attempt, mine);
    }
  }

  private void remember(String storedHash, byte[] digest) {
    if (digestByHash.size() >= MAX_ENTRIES) {
      digestByHash.clear();
    }
    digestByHash.put(storedHash, digest);
  }

  private static byte[] sha256(String text) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("SHA-256 is part of every JRE", e);
    }
  }
}
