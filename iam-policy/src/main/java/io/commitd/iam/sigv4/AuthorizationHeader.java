package io.commitd.iam.sigv4;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/** A parsed {@code Authorization: AWS4-HMAC-SHA256 Credential=…, SignedHeaders=…, Signature=…}. */
public record AuthorizationHeader(Credential credential, List<String> signedHeaders, String signature) {
  private static final Pattern SIGNATURE = Pattern.compile("[0-9a-f]{64}");

  public static AuthorizationHeader parse(String header) {
    if (!header.startsWith(SigV4.ALGORITHM + " ")) {
      throw incomplete("Authorization header requires the algorithm " + SigV4.ALGORITHM + ".");
    }
    Map<String, String> parts = new TreeMap<>();
    for (String part : header.substring(SigV4.ALGORITHM.length() + 1).split(",")) {
      String trimmed = part.trim();
      int eq = trimmed.indexOf('=');
      if (eq <= 0) {
        throw incomplete("Authorization header requires 'Credential', 'SignedHeaders' and 'Signature' parameters.");
      }
      parts.put(trimmed.substring(0, eq), trimmed.substring(eq + 1));
    }
    String credential = parts.get("Credential");
    String signedHeaders = parts.get("SignedHeaders");
    String signature = parts.get("Signature");
    if (credential == null || signedHeaders == null || signature == null) {
      throw incomplete("Authorization header requires 'Credential', 'SignedHeaders' and 'Signature' parameters.");
    }
    String[] scope = credential.split("/");
    if (scope.length != 5 || !"aws4_request".equals(scope[4]) || scope[0].isEmpty()) {
      throw incomplete("Credential should be scoped to a valid region and service: " + credential);
    }
    if (!SIGNATURE.matcher(signature).matches()) {
      throw incomplete("Signature must be 64 lower-case hexadecimal characters.");
    }
    List<String> headers = Arrays.asList(signedHeaders.toLowerCase(java.util.Locale.ROOT).split(";"));
    return new AuthorizationHeader(new Credential(scope[0], scope[1], scope[2], scope[3]), List.copyOf(headers), signature);
  }

  private static AuthenticationException incomplete(String message) {
    return new AuthenticationException(AuthFailure.INCOMPLETE_SIGNATURE, message);
  }
}
