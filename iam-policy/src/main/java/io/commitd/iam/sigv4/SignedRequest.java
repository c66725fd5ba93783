package io.commitd.iam.sigv4;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What SigV4 signs of an HTTP request, captured by the transport: method, raw path, raw query,
 * headers (names compared case-insensitively) and the hex SHA-256 of the body.
 */
public record SignedRequest(
    String method, String rawPath, String rawQuery, Map<String, List<String>> headers, String payloadSha256) {

  public SignedRequest {
    TreeMap<String, List<String>> lower = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    headers.forEach((name, values) -> lower.put(name, List.copyOf(values)));
    headers = lower;
    rawQuery = rawQuery == null ? "" : rawQuery;
  }

  /** The first value of a header, if present. */
  public Optional<String> header(String name) {
    List<String> values = headers.get(name);
    return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
  }

  public List<String> headerValues(String name) {
    return headers.getOrDefault(name, List.of());
  }
}
