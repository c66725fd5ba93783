package io.commitd.iam.sigv4;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Verifies SigV4 header signatures exactly as the real clients compute them: the canonical
 * request of PROTOCOLS.md, a 15-minute clock window, constant-time comparison.
 */
public final class SigV4Verifier {
  private static final Pattern BLANKS = Pattern.compile("\\s+");
  /**
   * Each thread's builder of canonical requests, 250 to 400 characters as a rule: a new builder per
   * call was a tenth of what a signed call allocated in SigV4.
   */
  private static final ThreadLocal<StringBuilder> CANONICAL = ThreadLocal.withInitial(() -> new StringBuilder(512));
  private static final int MAX_KEPT_CANONICAL = 8192;
  /** How far a request's time may stray from the server's clock. */
  public static final Duration MAX_SKEW = Duration.ofMinutes(15);

  static final DateTimeFormatter AMZ_DATE = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'");

  private final Clock clock;

  public SigV4Verifier(Clock clock) {
    this.clock = clock;
  }

  /** The request's {@code Authorization} header, parsed; throws when absent or garbled. */
  public AuthorizationHeader authorization(SignedRequest request) {
    String header =
        request
            .header("Authorization")
            .orElseThrow(
                () -> new AuthenticationException(
                    AuthFailure.MISSING_AUTHENTICATION, "Request is missing Authentication Token"));
    return AuthorizationHeader.parse(header);
  }

  /**
   * Checks the request's time and its signature under {@code secret}; returns normally when both
   * hold and throws {@link AuthenticationException} with the reason otherwise.
   */
  public void verify(SignedRequest request, AuthorizationHeader authorization, String secret) {
    String amzDate = requestTimestamp(request);
    Instant requestTime = parseTimestamp(amzDate);
    Instant now = clock.instant();
    if (Duration.between(requestTime, now).abs().compareTo(MAX_SKEW) > 0) {
      throw new AuthenticationException(
          AuthFailure.REQUEST_EXPIRED,
          "Signature expired: " + amzDate + " is now earlier than "
              + AMZ_DATE.format(now.minus(MAX_SKEW).atOffset(ZoneOffset.UTC)) + " ("
              + AMZ_DATE.format(now.atOffset(ZoneOffset.UTC)) + " - 15 min.)");
    }
    Credential credential = authorization.credential();
    if (!amzDate.startsWith(credential.date())) {
      throw new AuthenticationException(
          AuthFailure.SIGNATURE_MISMATCH,
          "Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '"
              + credential.date() + "' != '" + amzDate.substring(0, 8) + "', from '" + amzDate + "'.");
    }
    if (!authorization.signedHeaders().contains("host")) {
      throw new AuthenticationException(
          AuthFailure.SIGNATURE_MISMATCH, "'Host' must be a 'SignedHeader' in the AWS Authorization.");
    }
    String canonicalRequest = canonicalRequest(request, authorization.signedHeaders());
    String stringToSign = SigV4.stringToSign(amzDate, credential.scope(), canonicalRequest);
    byte[] key = SigV4.signingKey(secret, credential.date(), credential.region(), credential.service());
    String expected = SigV4.sign(key, stringToSign);
    if (!SigV4.signaturesMatch(expected, authorization.signature())) {
      throw new AuthenticationException(
          AuthFailure.SIGNATURE_MISMATCH,
          "The request signature we calculated does not match the signature you provided. "
              + "Check your AWS Secret Access Key and signing method. Consult the service documentation for details.");
    }
  }

  /** The canonical request of SigV4 for the given signed headers. */
  public static String canonicalRequest(SignedRequest request, List<String> signedHeaders) {
    StringBuilder canonical = CANONICAL.get();
    canonical.setLength(0);
    canonical.append(request.method()).append('\n');
    canonical.append(canonicalUri(request.rawPath())).append('\n');
    canonical.append(canonicalQuery(request.rawQuery())).append('\n');
    for (String name : signedHeaders) {
      canonical.append(name).append(':');
      List<String> values = request.headerValues(name);
      for (int i = 0; i < values.size(); i++) {
        canonical.append(i == 0 ? "" : ",").append(trimAll(values.get(i)));
      }
      canonical.append('\n');
    }
    canonical.append('\n');
    canonical.append(String.join(";", signedHeaders)).append('\n');
    canonical.append(request.header("x-amz-content-sha256").orElse(request.payloadSha256()));
    String text = canonical.toString();
    if (canonical.capacity() > MAX_KEPT_CANONICAL) {
      CANONICAL.remove(); // one request with huge headers does not keep a thread's builder huge
    }
    return text;
  }

  private static String requestTimestamp(SignedRequest request) {
    Optional<String> amzDate = request.header("X-Amz-Date");
    if (amzDate.isPresent()) {
      return amzDate.get();
    }
    Optional<String> date = request.header("Date");
    if (date.isPresent()) {
      try {
        ZonedDateTime parsed = ZonedDateTime.parse(date.get(), DateTimeFormatter.RFC_1123_DATE_TIME);
        return AMZ_DATE.format(parsed.withZoneSameInstant(ZoneOffset.UTC));
      } catch (DateTimeParseException e) {
        throw new AuthenticationException(AuthFailure.INCOMPLETE_SIGNATURE, "Date header is not an HTTP date: " + date.get());
      }
    }
    throw new AuthenticationException(
        AuthFailure.INCOMPLETE_SIGNATURE,
        "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header.");
  }

  /**
   * Reads {@code yyyyMMdd'T'HHmmss'Z'} digit by digit: the formatter's parse was a tenth of a
   * signed call's verification.
   */
  static Instant parseTimestamp(String amzDate) {
    if (amzDate.length() == 16 && amzDate.charAt(8) == 'T' && amzDate.charAt(15) == 'Z'
        && digits(amzDate, 0, 8) && digits(amzDate, 9, 15)) {
      try {
        return LocalDateTime.of(number(amzDate, 0, 4), number(amzDate, 4, 6), number(amzDate, 6, 8),
                number(amzDate, 9, 11), number(amzDate, 11, 13), number(amzDate, 13, 15))
            .toInstant(ZoneOffset.UTC);
      } catch (DateTimeException e) {
        // a field out of range: the same answer as a malformed date
      }
    }
    throw new AuthenticationException(
        AuthFailure.INCOMPLETE_SIGNATURE, "X-Amz-Date must be in ISO 8601 basic format: " + amzDate);
  }

  private static boolean digits(String text, int from, int to) {
    for (int i = from; i < to; i++) {
      if (text.charAt(i) < '0' || text.charAt(i) > '9') {
        return false;
      }
    }
    return true;
  }

  private static int number(String digits, int from, int to) {
    int value = 0;
    for (int i = from; i < to; i++) {
      value = value * 10 + (digits.charAt(i) - '0');
    }
    return value;
  }

  static String canonicalUri(String rawPath) {
    if (rawPath == null || rawPath.isEmpty() || rawPath.equals("/")) {
      return "/"; // where every JSON and Query call is sent
    }
    StringBuilder uri = new StringBuilder();
    String[] segments = rawPath.split("/", -1);
    for (int i = 0; i < segments.length; i++) {
      if (i > 0) {
        uri.append('/');
      }
      uri.append(uriEncode(URLDecoder.decode(segments[i].replace("+", "%2B"), StandardCharsets.UTF_8)));
    }
    return uri.toString();
  }

  static String canonicalQuery(String rawQuery) {
    if (rawQuery.isEmpty()) {
      return "";
    }
    List<Map.Entry<String, String>> pairs = new ArrayList<>();
    for (String pair : rawQuery.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String name = eq < 0 ? pair : pair.substring(0, eq);
      String value = eq < 0 ? "" : pair.substring(eq + 1);
      pairs.add(Map.entry(uriEncode(decode(name)), uriEncode(decode(value))));
    }
    pairs.sort(Map.Entry.<String, String>comparingByKey().thenComparing(Map.Entry.comparingByValue()));
    return pairs.stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining("&"));
  }

  private static String decode(String component) {
    return URLDecoder.decode(component.replace("+", "%2B"), StandardCharsets.UTF_8);
  }

  /** RFC 3986 encoding: unreserved characters stay, everything else is %XX of its UTF-8 bytes. */
  static String uriEncode(String value) {
    StringBuilder encoded = new StringBuilder();
    for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
      char c = (char) (b & 0xff);
      if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
          || c == '-' || c == '_' || c == '.' || c == '~') {
        encoded.append(c);
      } else {
        encoded.append('%').append(String.format("%02X", b & 0xff));
      }
    }
    return encoded.toString();
  }

  /** SigV4's Trimall: outer blanks removed, inner runs of blanks made one space. */
  private static String trimAll(String value) {
    String trimmed = value.trim();
    for (int i = 0; i < trimmed.length(); i++) {
      char c = trimmed.charAt(i);
      boolean run = c == ' ' && i + 1 < trimmed.length() && isBlank(trimmed.charAt(i + 1));
      if (run || (c != ' ' && isBlank(c))) {
        return BLANKS.matcher(trimmed).replaceAll(" ");
      }
    }
    return trimmed; // the usual case: nothing to collapse, and no regular expression run per header
  }

  private static boolean isBlank(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\u000B' || c == '\f' || c == '\r';
  }
}
