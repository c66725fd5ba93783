package io.commitd.server.api;

import io.commitd.iam.auth.RequestFacts;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The AWS API front door at {@code POST /} (and REST-JSON paths such as {@code /policy/validation}): reads the request once, hands it to the protocol that
 * recognises it and writes the answer. Protocols decide; this class only carries bytes.
 */
public final class ApiServlet extends HttpServlet {
  private static final long serialVersionUID = 1L;
  /** Larger than any CodeCommit request can be (PutFile's 6 MB file, base64-encoded). */
  static final int MAX_BODY_BYTES = 12 * 1024 * 1024;

  private final transient List<ApiProtocol> protocols;
  private final transient Clock clock;

  public ApiServlet(List<ApiProtocol> protocols, Clock clock) {
    this.protocols = List.copyOf(protocols);
    this.clock = clock;
  }

  @Override
  protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
    // JSON 1.1 and Query calls come to "/"; REST-JSON ones (Access Analyzer) name their operation
    // by path, which only a protocol that recognises it accepts.
    boolean root = "/".equals(request.getRequestURI());
    String requestId = RequestIds.next();
    response.setHeader("x-amzn-RequestId", requestId);
    byte[] body = readBody(request);
    if (body == null) {
      write(response, ApiResponse.of(413, "text/plain", "Request body too large"));
      return;
    }
    ApiCall call =
        new ApiCall(
            requestId,
            request.getMethod(),
            request.getRequestURI(),
            request.getQueryString(),
            headers(request),
            body,
            request.getHeader("Host"),
            request.getScheme(),
            new RequestFacts(
                request.getRemoteAddr(), request.isSecure(), request.getHeader("User-Agent"), clock.instant()));
    for (ApiProtocol protocol : protocols) {
      if (protocol.accepts(call)) {
        write(response, protocol.handle(call));
        return;
      }
    }
    if (!root) {
      response.sendError(HttpServletResponse.SC_NOT_FOUND);
      return;
    }
    write(
        response,
        ApiResponse.of(
            400,
            "application/x-amz-json-1.1",
            "{\"__type\":\"UnknownOperationException\",\"message\":\"Neither X-Amz-Target nor an Action names an operation.\"}"));
  }

  /**
   * The request body, or null when it is larger than {@link #MAX_BODY_BYTES}. Read into an array of
   * the declared length when there is one: reading to the end of a stream of unknown length starts
   * with an 8 KB buffer, an eighth of all the bytes a signed call allocated.
   */
  private static byte[] readBody(HttpServletRequest request) throws IOException {
    long declared = request.getContentLengthLong();
    try (InputStream in = request.getInputStream()) {
      if (declared > MAX_BODY_BYTES) {
        // Read as much as an accepted body could be, without keeping it: a client still sending
        // would otherwise miss the 413 when the connection closes under it.
        discard(in, MAX_BODY_BYTES + 1L);
        return null;
      }
      if (declared >= 0) {
        byte[] body = new byte[(int) declared];
        int read = in.readNBytes(body, 0, body.length);
        return read == body.length ? body : Arrays.copyOf(body, read);
      }
      byte[] body = in.readNBytes(MAX_BODY_BYTES + 1);
      return body.length > MAX_BODY_BYTES ? null : body;
    }
  }

  private static void discard(InputStream in, long limit) throws IOException {
    byte[] buffer = new byte[8192];
    long left = limit;
    int read;
    while (left > 0 && (read = in.read(buffer, 0, (int) Math.min(buffer.length, left))) >= 0) {
      left -= read;
    }
  }

  /**
   * The request's headers, each name's values in order. A name's single value is kept in an immutable
   * list, which the call's header map takes as it is instead of copying a growable one.
   */
  private static Map<String, List<String>> headers(HttpServletRequest request) {
    Map<String, List<String>> headers = new LinkedHashMap<>();
    for (Enumeration<String> names = request.getHeaderNames(); names.hasMoreElements(); ) {
      String name = names.nextElement();
      Enumeration<String> values = request.getHeaders(name);
      if (!values.hasMoreElements()) {
        continue;
      }
      String first = values.nextElement();
      if (!values.hasMoreElements()) {
        headers.put(name, List.of(first));
        continue;
      }
      List<String> all = new ArrayList<>();
      all.add(first);
      while (values.hasMoreElements()) {
        all.add(values.nextElement());
      }
      headers.put(name, all);
    }
    return headers;
  }

  private static void write(HttpServletResponse response, ApiResponse answer) throws IOException {
    response.setStatus(answer.status());
    response.setContentType(answer.contentType());
    response.setContentLength(answer.body().length);
    response.getOutputStream().write(answer.body());
  }
}
