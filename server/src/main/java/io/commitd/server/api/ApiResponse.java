package io.commitd.server.api;

import java.nio.charset.StandardCharsets;

/** An answer to write back: status, content type and body. */
public record ApiResponse(int status, String contentType, byte[] body) {
  public static ApiResponse of(int status, String contentType, String body) {
    return new ApiResponse(status, contentType, body.getBytes(StandardCharsets.UTF_8));
  }
}
