package io.commitd.server.api;

import io.commitd.iam.auth.RequestFacts;
import io.commitd.iam.sigv4.SigV4;
import io.commitd.iam.sigv4.SignedRequest;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One AWS API request as it arrived on the wire, independent of the servlet API: what the
 * protocol handlers need to authenticate, route and answer it.
 */
public record ApiCall(
    String requestId,
    String method,
    String rawPath,
    String rawQuery,
    Map<String, List<String>> headers,
    byte[] body,
    String host,
    String scheme,
    RequestFacts facts) {

  /** Headers are looked up by several readers of a call (routing, audit, SigV4): normalized once. */
  public ApiCall {
    headers = SignedRequest.headersOf(headers);
  }

  public SignedRequest signedRequest() {
    return new SignedRequest(method, rawPath, rawQuery, headers, SigV4.sha256Hex(body));
  }

  /** The first value of a header, its name compared case-insensitively, if present. */
  public Optional<String> header(String name) {
    List<String> values = headers.get(name);
    return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
  }

  public String bodyText() {
    return new String(body, StandardCharsets.UTF_8);
  }

  public Instant receivedAt() {
    return facts.receivedAt();
  }
}
