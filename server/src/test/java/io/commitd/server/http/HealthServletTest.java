package io.commitd.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** Healthy means started with a usable database and storage: whoever waits for it may use every port. */
class HealthServletTest {
  @Test
  void answersStartingUntilTheStartHasFinishedThenUp() throws Exception {
    AtomicBoolean started = new AtomicBoolean();
    try (HttpServer server = HttpServer.builder()
        .serve("/health", new HealthServlet(started::get, () -> true, () -> true))
        .start("127.0.0.1", 0)) {
      assertThat(health(server)).startsWith("HTTP/1.1 503 ")
          .endsWith("\r\n\r\n{\"status\":\"STARTING\",\"database\":true,\"storage\":true}");

      started.set(true);
      assertThat(health(server)).startsWith("HTTP/1.1 200 ")
          .endsWith("\r\n\r\n{\"status\":\"UP\",\"database\":true,\"storage\":true}");
    }
  }

  @Test
  void answersDownWhenTheDatabaseOrStorageIsUnusable() throws Exception {
    try (HttpServer server = HttpServer.builder()
        .serve("/health", new HealthServlet(() -> true, () -> false, () -> true))
        .start("127.0.0.1", 0)) {
      assertThat(health(server)).startsWith("HTTP/1.1 503 ")
          .endsWith("\r\n\r\n{\"status\":\"DOWN\",\"database\":false,\"storage\":true}");
    }
  }

  /** The whole answer to one request on a connection closed after it (a stop waits for open ones). */
  private static String health(HttpServer server) throws IOException {
    try (Socket socket = new Socket("127.0.0.1", server.port())) {
      socket.getOutputStream().write("GET /health HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"
          .getBytes(StandardCharsets.US_ASCII));
      return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
