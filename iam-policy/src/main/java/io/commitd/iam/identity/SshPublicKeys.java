package io.commitd.iam.identity;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Set;

/**
 * The SSH public keys IAM accepts: OpenSSH one-line keys ({@code ssh-rsa AAAA… comment},
 * ed25519 and ECDSA too). IAM fingerprints them with MD5 of the key blob, colon separated.
 */
public final class SshPublicKeys {
  private static final Set<String> TYPES = Set.of(
      "ssh-rsa", "ssh-ed25519", "ecdsa-sha2-nistp256", "ecdsa-sha2-nistp384", "ecdsa-sha2-nistp521");

  private SshPublicKeys() {}

  /** The key blob of a well-formed OpenSSH public key line. */
  public static Optional<byte[]> blob(String body) {
    String[] parts = body.trim().split("\\s+");
    if (parts.length < 2 || !TYPES.contains(parts[0])) {
      return Optional.empty();
    }
    byte[] blob;
    try {
      blob = Base64.getDecoder().decode(parts[1]);
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
    // The blob starts with the key type again, length-prefixed: a cheap check of its shape.
    if (blob.length < 4) {
      return Optional.empty();
    }
    int length = ByteBuffer.wrap(blob, 0, 4).getInt();
    if (length <= 0 || length > blob.length - 4
        || !new String(blob, 4, length, StandardCharsets.US_ASCII).equals(parts[0])) {
      return Optional.empty();
    }
    return Optional.of(blob);
  }

  public static Optional<String> fingerprint(String body) {
    return blob(body).map(SshPublicKeys::md5Colons);
  }

  private static String md5Colons(byte[] blob) {
    try {
      String hex = HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(blob));
      return hex.replaceAll("(..)(?!$)", "$1:");
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("MD5 is part of every JRE", e);
    }
  }
}
