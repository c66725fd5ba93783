package io.commitd.server.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.commitd.iam.auth.Caller;
import io.commitd.iam.auth.RequestAuthenticator;
import io.commitd.iam.sigv4.AuthenticationException;
import io.commitd.iam.sigv4.SigV4;
import io.commitd.iam.sigv4.SignedRequest;
import io.commitd.triggers.delivery.EventState;
import io.commitd.triggers.delivery.OutboxStore;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The operators' view of event delivery, on the HTTP port: {@code GET /admin/events?state=pending|delivered|dead[&limit=N]}
 * lists the caller's account's events, {@code POST /admin/events/{id}/retry} gives a dead event fresh
 * attempts. Requests are SigV4-signed (any service name in the scope, e.g. {@code curl --aws-sigv4
 * "aws:amz:us-east-1:commitd"}) with the access key of an account's root user; anyone else gets 403.
 */
public final class AdminEventsServlet extends HttpServlet {
  private static final long serialVersionUID = 1L;
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern RETRY = Pattern.compile("/admin/events/(\\d{1,18})/retry");
  static final int DEFAULT_LIMIT = 100;
  static final int MAX_LIMIT = 1000;

  private final transient OutboxStore outbox;
  private final transient RequestAuthenticator authenticator;
  private final transient Clock clock;

  public AdminEventsServlet(OutboxStore outbox, RequestAuthenticator authenticator, Clock clock) {
    this.outbox = outbox;
    this.authenticator = authenticator;
    this.clock = clock;
  }

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
    Caller caller = authenticate(request, new byte[0], response);
    if (caller == null) {
      return;
    }
    if (!"/admin/events".equals(request.getRequestURI())) {
      error(response, 404, "NotFound", "No such admin resource: " + request.getRequestURI());
      return;
    }
    String stateName = request.getParameter("state") == null ? "pending" : request.getParameter("state");
    EventState.State state = EventState.State.fromWireName(stateName);
    if (state == null) {
      error(response, 400, "InvalidParameterValue", "state must be pending, delivered or dead, not " + stateName);
      return;
    }
    int limit = DEFAULT_LIMIT;
    String limitText = request.getParameter("limit");
    if (limitText != null) {
      try {
        limit = Integer.parseInt(limitText);
      } catch (NumberFormatException e) {
        limit = -1;
      }
      if (limit < 1 || limit > MAX_LIMIT) {
        error(response, 400, "InvalidParameterValue", "limit must be a number from 1 to " + MAX_LIMIT);
        return;
      }
    }
    ArrayNode events = JSON.createArrayNode();
    for (EventState event : outbox.list(caller.accountId(), state, limit)) {
      events.add(shape(event));
    }
    ObjectNode body = JSON.createObjectNode();
    body.put("state", state.wireName());
    body.set("events", events);
    write(response, 200, body);
  }

  @Override
  protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
    byte[] body;
    try (InputStream in = request.getInputStream()) {
      body = in.readNBytes(64 * 1024);
    }
    Caller caller = authenticate(request, body, response);
    if (caller == null) {
      return;
    }
    Matcher retry = RETRY.matcher(request.getRequestURI());
    if (!retry.matches()) {
      error(response, 404, "NotFound", "No such admin resource: " + request.getRequestURI());
      return;
    }
    long eventId = Long.parseLong(retry.group(1));
    if (!outbox.retry(caller.accountId(), eventId, clock.instant())) {
      error(response, 404, "NotFound", "No dead event " + eventId + " in account " + caller.accountId());
      return;
    }
    ObjectNode answer = JSON.createObjectNode();
    answer.put("eventId", eventId);
    answer.put("state", EventState.State.PENDING.wireName());
    write(response, 200, answer);
  }

  private Caller authenticate(HttpServletRequest request, byte[] body, HttpServletResponse response) throws IOException {
    Map<String, List<String>> headers = new LinkedHashMap<>();
    for (String name : Collections.list(request.getHeaderNames())) {
      headers.put(name, new ArrayList<>(Collections.list(request.getHeaders(name))));
    }
    SignedRequest signed = new SignedRequest(request.getMethod(), request.getRequestURI(), request.getQueryString(),
        headers, SigV4.sha256Hex(body));
    Caller caller;
    try {
      caller = authenticator.authenticate(signed, "commitd");
    } catch (AuthenticationException e) {
      error(response, 403, "AccessDenied", e.getMessage());
      return null;
    }
    if (!caller.isRoot()) {
      error(response, 403, "AccessDenied", caller.principalArn() + " is not an account root user; the admin endpoint is for them only.");
      return null;
    }
    return caller;
  }

  private static ObjectNode shape(EventState state) {
    ObjectNode node = JSON.createObjectNode();
    node.put("eventId", state.event().eventId());
    node.put("state", state.state().wireName());
    node.put("eventType", state.event().eventType());
    node.put("repositoryId", state.event().repositoryId());
    node.put("createdAt", state.event().createdAt().toString());
    node.put("attempts", state.event().attempts());
    if (state.state() == EventState.State.PENDING) {
      node.put("nextAttemptAt", state.nextAttemptAt().toString());
    }
    if (state.deliveredAt() != null) {
      node.put("deliveredAt", state.deliveredAt().toString());
    }
    if (state.lastError() != null) {
      node.put("lastError", state.lastError());
    }
    state.deliveredTo().forEach(node.putArray("deliveredTo")::add);
    node.set("payload", payload(state.event().payload()));
    return node;
  }

  private static JsonNode payload(String text) {
    try {
      return JSON.readTree(text);
    } catch (JsonProcessingException e) {
      return JSON.getNodeFactory().textNode(text);
    }
  }

  private static void error(HttpServletResponse response, int status, String code, String message) throws IOException {
    ObjectNode body = JSON.createObjectNode();
    body.put("code", code);
    body.put("message", message);
    write(response, status, body);
  }

  private static void write(HttpServletResponse response, int status, JsonNode body) throws IOException {
    byte[] bytes = JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(body);
    response.setStatus(status);
    response.setContentType("application/json");
    response.setContentLength(bytes.length);
    response.getOutputStream().write(bytes);
  }
}
