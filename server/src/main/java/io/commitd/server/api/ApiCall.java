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

  public SignedRequest signedRequest() {
    return new SignedRequest(method, rawPath, rawQuery, headers, SigV4.sha256Hex(body));
  }

  public Optional<String> header(String name) {
    return signedRequest().header(name);
  }

  public String bodyText() {
    return new String(body, StandardCharsets.UTF_8);
  }

  public Instant receivedAt() {
    return facts.receivedAt();
  }
}
