package io.commitd.iam.sigv4;

import java.util.AbstractMap;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What SigV4 signs of an HTTP request, captured by the transport: method, raw path, raw query,
 * headers (names compared case-insensitively) and the hex SHA-256 of the body.
 */
public record SignedRequest(
    String method, String rawPath, String rawQuery, Map<String, List<String>> headers, String payloadSha256) {

  public SignedRequest {
    headers = headersOf(headers);
    rawQuery = rawQuery == null ? "" : rawQuery;
  }

  /**
   * {@code headers} as a request keeps them: immutable, names compared case-insensitively. A map this
   * method made is returned as it is, so a transport that normalizes its headers once for its own
   * lookups does not pay for the copy again on every request it signs.
   */
  public static Map<String, List<String>> headersOf(Map<String, List<String>> headers) {
    if (headers instanceof Headers) {
      return headers;
    }
    TreeMap<String, List<String>> byName = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    headers.forEach((name, values) -> byName.put(name, List.copyOf(values)));
    return new Headers(Collections.unmodifiableSortedMap(byName));
  }

  /** The first value of a header, if present. */
  public Optional<String> header(String name) {
    List<String> values = headers.get(name);
    return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
  }

  public List<String> headerValues(String name) {
    return headers.getOrDefault(name, List.of());
  }

  /** The immutable, case-insensitive header map {@link #headersOf} makes; the type marks it as made. */
  private static final class Headers extends AbstractMap<String, List<String>> {
    private final SortedMap<String, List<String>> byName;

    Headers(SortedMap<String, List<String>> byName) {
      this.byName = byName;
    }

    @Override
    public List<String> get(Object name) {
      return byName.get(name);
    }

    @Override
    public boolean containsKey(Object name) {
      return byName.containsKey(name);
    }

    @Override
    public int size() {
      return byName.size();
    }

    @Override
    public Set<Entry<String, List<String>>> entrySet() {
      return byName.entrySet();
    }
  }
}
