package io.commitd.server.triggers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Predicate;

/**
 * SNS (Query, or JSON if the SDK speaks it), Lambda (REST-JSON) and EventBridge (JSON 1.1) on one
 * endpoint, as the SDK really calls them, plus webhooks under {@code /hook/…}: records what arrives.
 * Paths listed as down answer 503.
 */
final class FakeDestinations implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** One message as a destination got it. */
  record Received(String kind, String target, String body, Map<String, String> headers) {
    JsonNode json() {
      try {
        return JSON.readTree(body);
      } catch (IOException e) {
        throw new AssertionError("not JSON: " + body, e);
      }
    }
  }

  private final HttpServer http;
  private final ExecutorService threads = Executors.newFixedThreadPool(4);
  private final List<Received> received = new ArrayList<>();
  private final Set<String> down = ConcurrentHashMap.newKeySet();

  FakeDestinations() throws IOException {
    http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    http.createContext("/", this::handle);
    http.setExecutor(threads);
    http.start();
  }

  URI endpoint() {
    return URI.create("http://127.0.0.1:" + http.getAddress().getPort());
  }

  String webhook(String name) {
    return endpoint() + "/hook/" + name;
  }

  void setDown(String path, boolean isDown) {
    if (isDown) {
      down.add(path);
    } else {
      down.remove(path);
    }
  }

  synchronized List<Received> received(Predicate<Received> filter) {
    return received.stream().filter(filter).toList();
  }

  /** Waits (bounded) until {@code filter} matches at least {@code count} messages. */
  List<Received> await(Predicate<Received> filter, int count) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (System.nanoTime() < deadline) {
      List<Received> matching = received(filter);
      if (matching.size() >= count) {
        return matching;
      }
      Thread.sleep(50);
    }
    throw new AssertionError("expected " + count + " messages, got " + received(filter) + "\nall: " + received(r -> true));
  }

  private void handle(HttpExchange exchange) throws IOException {
    byte[] bytes;
    try (InputStream in = exchange.getRequestBody()) {
      bytes = in.readAllBytes();
    }
    String body = new String(bytes, StandardCharsets.UTF_8);
    String path = exchange.getRequestURI().getRawPath();
    Map<String, String> headers = new LinkedHashMap<>();
    exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(), values.get(0)));
    if (down.contains(path)) {
      respond(exchange, 503, "text/plain", "down for maintenance");
      return;
    }
    String target = headers.getOrDefault("x-amz-target", "");
    if (path.startsWith("/hook/")) {
      if (path.startsWith("/hook/fail")) {
        respond(exchange, 500, "text/plain", "this hook always fails");
        return;
      }
      record(new Received("webhook", path, body, headers));
      respond(exchange, 200, "text/plain", "ok");
    } else if (path.startsWith("/2015-03-31/functions/") && path.endsWith("/invocations")) {
      String function = URLDecoder.decode(path.substring("/2015-03-31/functions/".length(), path.length() - "/invocations".length()),
          StandardCharsets.UTF_8);
      record(new Received("lambda", function, body, headers));
      respond(exchange, "Event".equals(headers.get("x-amz-invocation-type")) ? 202 : 200, "application/json", "");
    } else if (target.equals("AWSEvents.PutEvents")) {
      JsonNode request = JSON.readTree(body);
      StringBuilder entries = new StringBuilder();
      for (JsonNode entry : request.get("Entries")) {
        record(new Received("eventbridge", entry.path("EventBusName").asText(), entry.toString(), headers));
        entries.append(entries.length() == 0 ? "" : ",").append("{\"EventId\":\"").append(UUID.randomUUID()).append("\"}");
      }
      respond(exchange, 200, "application/x-amz-json-1.1", "{\"FailedEntryCount\":0,\"Entries\":[" + entries + "]}");
    } else if (target.endsWith(".Publish")) {
      JsonNode request = JSON.readTree(body);
      record(new Received("sns", request.path("TopicArn").asText(), request.path("Message").asText(), headers));
      respond(exchange, 200, "application/x-amz-json-1.0", "{\"MessageId\":\"" + UUID.randomUUID() + "\"}");
    } else if (body.contains("Action=Publish")) {
      Map<String, String> form = form(body);
      record(new Received("sns", form.get("TopicArn"), form.get("Message"), headers));
      respond(exchange, 200, "text/xml", "<PublishResponse xmlns=\"http://sns.amazonaws.com/doc/2010-03-31/\">"
          + "<PublishResult><MessageId>" + UUID.randomUUID() + "</MessageId></PublishResult>"
          + "<ResponseMetadata><RequestId>" + UUID.randomUUID() + "</RequestId></ResponseMetadata></PublishResponse>");
    } else {
      respond(exchange, 404, "text/plain", "no fake here: " + path);
    }
  }

  private synchronized void record(Received message) {
    received.add(message);
  }

  private static Map<String, String> form(String body) {
    Map<String, String> form = new LinkedHashMap<>();
    for (String pair : body.split("&")) {
      int eq = pair.indexOf('=');
      form.put(URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8),
          eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
    }
    return form;
  }

  private static void respond(HttpExchange exchange, int status, String contentType, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", contentType);
    exchange.getResponseHeaders().set("x-amzn-RequestId", UUID.randomUUID().toString());
    exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
    if (bytes.length > 0) {
      exchange.getResponseBody().write(bytes);
    }
    exchange.close();
  }

  @Override
  public void close() {
    http.stop(0);
    threads.shutdownNow();
  }
}
