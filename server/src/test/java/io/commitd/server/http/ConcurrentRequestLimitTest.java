package io.commitd.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Requests beyond the limit wait their turn; the paths left out of it are answered meanwhile. */
class ConcurrentRequestLimitTest {
  private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  @Test
  void aRequestBeyondTheLimitWaitsUntilOneEndsWhileUnlimitedPathsAnswer() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    HeldServlet held = new HeldServlet(release);
    try (HttpServer server = HttpServer.builder()
        .serve("/", held)
        .serve("/health", new AnsweringServlet())
        .limitConcurrentRequests(1, "/health")
        .start("127.0.0.1", 0)) {
      CompletableFuture<HttpResponse<String>> first = send(server, "/");
      assertThat(held.entered.await(10, TimeUnit.SECONDS)).isTrue();
      CompletableFuture<HttpResponse<String>> second = send(server, "/");

      // The health check is not counted: it answers while the only permit is taken.
      assertThat(send(server, "/health").get(10, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
      assertThat(second).isNotDone();
      assertThat(held.calls.get()).isEqualTo(1);

      release.countDown();
      assertThat(first.get(10, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
      assertThat(second.get(10, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
      assertThat(held.calls.get()).isEqualTo(2);
      assertThat(held.mostAtOnce.get()).isEqualTo(1);
    }
  }

  @Test
  void zeroMeansNoLimit() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    HeldServlet held = new HeldServlet(release);
    try (HttpServer server = HttpServer.builder().serve("/", held).limitConcurrentRequests(0).start("127.0.0.1", 0)) {
      CompletableFuture<HttpResponse<String>> first = send(server, "/");
      CompletableFuture<HttpResponse<String>> second = send(server, "/");
      assertThat(held.entered.await(10, TimeUnit.SECONDS)).isTrue();
      while (held.calls.get() < 2) {
        Thread.onSpinWait();
      }
      release.countDown();
      assertThat(first.get(10, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
      assertThat(second.get(10, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
      assertThat(held.mostAtOnce.get()).isEqualTo(2);
    }
  }

  private CompletableFuture<HttpResponse<String>> send(HttpServer server, String path) {
    return client.sendAsync(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** The client would keep the connection, and a stop waits for open connections. */
  private static void closeAfterwards(HttpServletResponse response) {
    response.setHeader("Connection", "close");
  }

  /** Holds every request until released, counting how many were inside at once. */
  private static final class HeldServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;
    private final transient CountDownLatch release;
    final transient CountDownLatch entered = new CountDownLatch(1);
    final AtomicInteger calls = new AtomicInteger();
    final AtomicInteger mostAtOnce = new AtomicInteger();
    private final AtomicInteger inside = new AtomicInteger();

    HeldServlet(CountDownLatch release) {
      this.release = release;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
      calls.incrementAndGet();
      mostAtOnce.accumulateAndGet(inside.incrementAndGet(), Math::max);
      entered.countDown();
      try {
        release.await(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } finally {
        inside.decrementAndGet();
      }
      closeAfterwards(response);
      response.getWriter().write("done");
    }
  }

  private static final class AnsweringServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
      closeAfterwards(response);
      response.getWriter().write("ok");
    }
  }
}
