package io.commitd.server.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.commitd.iam.auth.Caller;
import io.commitd.iam.auth.RequestFacts;
import io.commitd.server.api.Json;
import io.commitd.server.console.ConsoleSessions.Session;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.w3c.dom.Document;

/**
 * One console request of a signed-in caller: its parameters, the API as that caller, and the page
 * layout every page shares.
 */
final class Exchange {
  final HttpServletRequest request;
  final HttpServletResponse response;
  final Session session;
  final RequestFacts facts;
  private final ConsoleApi api;

  Exchange(HttpServletRequest request, HttpServletResponse response, Session session, RequestFacts facts, ConsoleApi api) {
    this.request = request;
    this.response = response;
    this.session = session;
    this.facts = facts;
    this.api = api;
  }

  Caller caller() {
    return session.caller();
  }

  /** A CodeCommit operation as the signed-in caller. */
  JsonNode call(String operation, ObjectNode input) throws ConsoleApiException {
    return api.codecommit(caller(), facts, operation, input);
  }

  /** An IAM action as the signed-in caller. */
  Document iam(String action, Map<String, String> parameters) throws ConsoleApiException {
    return api.iam(caller(), facts, action, parameters);
  }

  /** Whether the caller may do {@code action} on {@code resource}: only to hide what would be refused. */
  boolean may(String action, String resource) {
    return api.allows(caller(), facts, action, resource);
  }

  static ObjectNode input() {
    return Json.MAPPER.createObjectNode();
  }

  String param(String name) {
    String value = request.getParameter(name);
    return value == null ? null : value;
  }

  String param(String name, String fallback) {
    String value = request.getParameter(name);
    return value == null || value.isEmpty() ? fallback : value;
  }

  int intParam(String name, int fallback) {
    try {
      String value = request.getParameter(name);
      return value == null ? fallback : Math.max(0, Integer.parseInt(value));
    } catch (NumberFormatException e) {
      return fallback;
    }
  }

  /** A form carrying the session's CSRF token. */
  String formStart(String action) {
    return "<form method=\"post\" action=\"" + Html.escape(action) + "\"><input type=\"hidden\" name=\"csrf\" value=\""
        + Html.escape(session.csrfToken()) + "\">";
  }

  void redirect(String location) throws IOException {
    response.setStatus(303);
    response.setHeader("Location", location);
  }

  void page(String title, Html body) throws IOException {
    page(200, title, body);
  }

  void page(int status, String title, Html body) throws IOException {
    Caller caller = caller();
    Html html = new Html();
    html.raw("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>").text(title).raw(" · commitd</title>")
        .raw("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
        .raw("<link rel=\"stylesheet\" href=\"/console/static/console.css\"><script src=\"/console/static/console.js\" defer></script>")
        .raw("</head><body><header class=\"top\"><a class=\"brand\" href=\"/console/repositories\">commitd</a>")
        .raw("<nav><a href=\"/console/repositories\">Repositories</a><a href=\"/console/approval-rule-templates\">Approval rule templates</a>")
        .raw("<a href=\"/console/account\">Account</a></nav><span class=\"who\" id=\"signed-in-as\">")
        .text(caller.isRoot() ? "root (" + caller.accountId() + ")" : caller.userName() + " @ " + caller.accountId())
        .raw("</span>").raw(formStart("/console/sign-out")).raw("<button class=\"link\" id=\"sign-out\">Sign out</button></form></header>")
        .raw("<main>").raw(body.toString()).raw("</main></body></html>");
    send(response, status, html.toString());
  }

  static void send(HttpServletResponse response, int status, String html) throws IOException {
    byte[] bytes = html.getBytes(StandardCharsets.UTF_8);
    response.setStatus(status);
    response.setContentType("text/html; charset=utf-8");
    response.setContentLength(bytes.length);
    response.getOutputStream().write(bytes);
  }
}
