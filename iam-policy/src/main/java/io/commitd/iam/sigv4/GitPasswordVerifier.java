package io.commitd.iam.sigv4;

import io.commitd.iam.auth.Caller;
import io.commitd.iam.auth.CredentialResolver;
import io.commitd.iam.auth.ResolvedCredentials;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Verifies the password of {@code aws codecommit credential-helper}: user name = access key id
 * (plus {@code %} and the session token for temporary credentials), password =
 * {@code <yyyyMMdd'T'HHmmss>Z<signature>}, a SigV4 signature over a {@code GIT} canonical request
 * of the repository path and host.
 */
public final class GitPasswordVerifier {
  private static final Pattern PASSWORD = Pattern.compile("(\\d{8}T\\d{6})Z([0-9a-f]{64})");
  private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss");

  private final CredentialResolver credentials;
  private final String region;
  private final Clock clock;

  public GitPasswordVerifier(CredentialResolver credentials, String region, Clock clock) {
    this.credentials = credentials;
    this.region = region;
    this.clock = clock;
  }

  /** True when a password has the helper's shape, so Git credentials need not be tried. */
  public static boolean looksSigned(String password) {
    return PASSWORD.matcher(password).matches();
  }

  /**
   * The caller, when the signature holds for {@code host} (without port) and {@code path} (the
   * request path up to the repository, e.g. {@code /v1/repos/demo}).
   */
  public Optional<Caller> verify(String userName, String password, String host, String path) {
    Matcher matcher = PASSWORD.matcher(password);
    if (!matcher.matches()) {
      return Optional.empty();
    }
    String timestamp = matcher.group(1);
    Instant signedAt;
    try {
      signedAt = LocalDateTime.parse(timestamp, TIMESTAMP).toInstant(ZoneOffset.UTC);
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
    if (Duration.between(signedAt, clock.instant()).abs().compareTo(SigV4Verifier.MAX_SKEW) > 0) {
      return Optional.empty();
    }
    int percent = userName.indexOf('%');
    String accessKeyId = percent < 0 ? userName : userName.substring(0, percent);
    String token = percent < 0 ? null : userName.substring(percent + 1);
    Optional<ResolvedCredentials> resolved = credentials.resolve(accessKeyId);
    if (resolved.isEmpty() || !tokenMatches(resolved.get(), token)) {
      return Optional.empty();
    }
    String expected = signature(resolved.get().secretAccessKey(), timestamp, region, host, path);
    return SigV4.signaturesMatch(expected, matcher.group(2)) ? Optional.of(resolved.get().caller()) : Optional.empty();
  }

  private boolean tokenMatches(ResolvedCredentials resolved, String token) {
    if (resolved.sessionToken() == null) {
      return token == null;
    }
    if (token == null || (resolved.expiration() != null && !clock.instant().isBefore(resolved.expiration()))) {
      return false;
    }
    return MessageDigest.isEqual(resolved.sessionToken().getBytes(StandardCharsets.UTF_8), token.getBytes(StandardCharsets.UTF_8));
  }

  /** The helper's signature: the timestamp in the string to sign has no trailing {@code Z}. */
  static String signature(String secret, String timestamp, String region, String host, String path) {
    String canonical = "GIT\n" + path + "\n\nhost:" + host + "\n\nhost\n";
    String scope = timestamp.substring(0, 8) + "/" + region + "/codecommit/aws4_request";
    String stringToSign = SigV4.stringToSign(timestamp, scope, canonical);
    return SigV4.sign(SigV4.signingKey(secret, timestamp.substring(0, 8), region, "codecommit"), stringToSign);
  }
}
