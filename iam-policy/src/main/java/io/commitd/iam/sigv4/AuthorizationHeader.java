package io.commitd.iam.sigv4;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** A parsed {@code Authorization: AWS4-HMAC-SHA256 Credential=…, SignedHeaders=…, Signature=…}. */
public record AuthorizationHeader(Credential credential, List<String> signedHeaders, String signature) {
  private static final String PARAMETERS_REQUIRED =
      "Authorization header requires 'Credential', 'SignedHeaders' and 'Signature' parameters.";

  /**
   * Reads the header by index rather than by splitting and matching: it arrives with every signed
   * call, and the maps, arrays and matcher of a general parse were a tenth of what a call allocated.
   */
  public static AuthorizationHeader parse(String header) {
    if (!header.startsWith(SigV4.ALGORITHM + " ")) {
      throw incomplete("Authorization header requires the algorithm " + SigV4.ALGORITHM + ".");
    }
    String credential = null;
    String signedHeaders = null;
    String signature = null;
    int from = SigV4.ALGORITHM.length() + 1;
    int limit = withoutTrailing(header, ',', from);
    while (from <= limit) {
      int comma = header.indexOf(',', from);
      int end = comma < 0 || comma > limit ? limit : comma;
      int start = from;
      while (start < end && header.charAt(start) <= ' ') {
        start++;
      }
      int stop = end;
      while (stop > start && header.charAt(stop - 1) <= ' ') {
        stop--;
      }
      int eq = header.indexOf('=', start);
      if (eq <= start || eq >= stop) {
        throw incomplete(PARAMETERS_REQUIRED);
      }
      String value = header.substring(eq + 1, stop);
      // Later parameters of the same name win, as they did when the parts were collected in a map.
      if (header.startsWith("Credential=", start)) {
        credential = value;
      } else if (header.startsWith("SignedHeaders=", start)) {
        signedHeaders = value;
      } else if (header.startsWith("Signature=", start)) {
        signature = value;
      }
      from = end + 1;
    }
    if (credential == null || signedHeaders == null || signature == null) {
      throw incomplete(PARAMETERS_REQUIRED);
    }
    return new AuthorizationHeader(credential(credential), headerNames(signedHeaders), checked(signature));
  }

  /**
   * Where {@code text} ends without its trailing {@code separator}s, never before {@code from}: the
   * earlier parse split with {@link String#split}, which drops trailing empty parts, and a header
   * it accepted stays accepted.
   */
  private static int withoutTrailing(String text, char separator, int from) {
    int end = text.length();
    while (end > from && text.charAt(end - 1) == separator) {
      end--;
    }
    return end;
  }

  /** {@code AKID/DATE/REGION/SERVICE/aws4_request}: five non-empty-keyed fields. */
  private static Credential credential(String credential) {
    String[] scope = new String[5];
    int limit = withoutTrailing(credential, '/', 0);
    int from = 0;
    for (int i = 0; i < 5; i++) {
      int slash = credential.indexOf('/', from);
      boolean last = slash < 0 || slash >= limit;
      if (last != (i == 4)) {
        throw incomplete("Credential should be scoped to a valid region and service: " + credential);
      }
      scope[i] = credential.substring(from, last ? limit : slash);
      from = slash + 1;
    }
    if (!"aws4_request".equals(scope[4]) || scope[0].isEmpty()) {
      throw incomplete("Credential should be scoped to a valid region and service: " + credential);
    }
    return new Credential(scope[0], scope[1], scope[2], scope[3]);
  }

  private static List<String> headerNames(String signedHeaders) {
    List<String> names = new ArrayList<>();
    int limit = withoutTrailing(signedHeaders, ';', 0);
    int from = 0;
    while (true) {
      int semicolon = signedHeaders.indexOf(';', from);
      boolean last = semicolon < 0 || semicolon >= limit;
      names.add(signedHeaders.substring(from, last ? limit : semicolon).toLowerCase(Locale.ROOT));
      if (last) {
        return List.copyOf(names);
      }
      from = semicolon + 1;
    }
  }

  private static String checked(String signature) {
    boolean hex = signature.length() == 64;
    for (int i = 0; hex && i < 64; i++) {
      char c = signature.charAt(i);
      hex = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
    }
    if (!hex) {
      throw incomplete("Signature must be 64 lower-case hexadecimal characters.");
    }
    return signature;
  }

  private static AuthenticationException incomplete(String message) {
    return new AuthenticationException(AuthFailure.INCOMPLETE_SIGNATURE, message);
  }
}
