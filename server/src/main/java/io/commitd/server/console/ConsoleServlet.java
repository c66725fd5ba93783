package io.commitd.server.console;

import io.commitd.iam.auth.RequestFacts;
import io.commitd.server.console.ConsoleSessions.Session;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The web console at {@code /console}: signs callers in, keeps their session in a cookie, checks
 * the CSRF token of every POST, and routes each page to the pages that render it. Every action a
 * page takes is an API call as the signed-in caller ({@link ConsoleApi}).
 */
public final class ConsoleServlet extends HttpServlet {
  private static final long serialVersionUID = 1L;
  private static final Logger LOG = LoggerFactory.getLogger(ConsoleServlet.class);
  static final String COOKIE = "commitd-console";
  private static final String CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
      + "connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

  private final transient ConsoleApi api;
  private final transient ConsoleSessions sessions;
  private final transient SignIn signIn;
  private final transient Clock clock;
  private final String accountId;
  private final transient RepositoryPages repositories;
  private final transient CodePages code;
  private final transient PullRequestPages pullRequests;
  private final transient TemplatePages templates;

  ConsoleServlet(ConsoleApi api, ConsoleSessions sessions, SignIn signIn, Clock clock, String accountId) {
    this.api = api;
    this.sessions = sessions;
    this.signIn = signIn;
    this.clock = clock;
    this.accountId = accountId;
    this.repositories = new RepositoryPages();
    this.code = new CodePages();
    this.pullRequests = new PullRequestPages();
    this.templates = new TemplatePages();
  }

  @Override
  protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
    response.setHeader("Content-Security-Policy", CSP);
    response.setHeader("X-Content-Type-Options", "nosniff");
    response.setHeader("X-Frame-Options", "DENY");
    response.setHeader("Referrer-Policy", "same-origin");
    response.setHeader("Cache-Control", "no-store");
    String path = request.getRequestURI().substring("/console".length());
    String method = request.getMethod();
    if (!method.equals("GET") && !method.equals("POST")) {
      response.sendError(405);
      return;
    }
    if (path.startsWith("/static/")) {
      asset(path.substring("/static/".length()), response);
      return;
    }
    if (path.equals("/sign-in")) {
      if (method.equals("POST")) {
        signIn(request, response);
      } else {
        signInPage(response, safeNext(request.getParameter("next")), null, false);
      }
      return;
    }
    Instant now = clock.instant();
    Optional<Session> session = sessions.find(cookie(request), now);
    if (session.isEmpty()) {
      if (method.equals("GET")) {
        String next = request.getRequestURI() + (request.getQueryString() == null ? "" : "?" + request.getQueryString());
        response.setStatus(303);
        response.setHeader("Location", "/console/sign-in?next=" + Html.url(next));
      } else {
        Exchange.send(response, 403, "<!DOCTYPE html><title>Signed out</title><p>Your session has ended. <a href=\"/console/sign-in\">Sign in</a></p>");
      }
      return;
    }
    if (method.equals("POST") && !csrfMatches(request.getParameter("csrf"), session.get().csrfToken())) {
      Exchange.send(response, 403, "<!DOCTYPE html><title>Forbidden</title><p>The form has expired or did not come from this console. Go back, reload and try again.</p>");
      return;
    }
    RequestFacts facts = new RequestFacts(request.getRemoteAddr(), request.isSecure(), request.getHeader("User-Agent"), now);
    Exchange exchange = new Exchange(request, response, session.get(), facts, api);
    try {
      route(exchange, method, segments(path));
    } catch (ConsoleApiException e) {
      errorPage(exchange, e);
    } catch (NotFound e) {
      Html body = new Html().el("h1", "", "Not found").el("p", "", e.getMessage());
      exchange.page(404, "Not found", body);
    }
  }

  /** A page that does not exist. */
  static final class NotFound extends RuntimeException {
    private static final long serialVersionUID = 1L;

    NotFound(String message) {
      super(message);
    }
  }

  private void route(Exchange x, String method, List<String> s) throws IOException, ConsoleApiException {
    boolean post = method.equals("POST");
    if (s.isEmpty()) {
      x.redirect("/console/repositories");
      return;
    }
    switch (s.get(0)) {
      case "sign-out" -> {
        if (!post) {
          throw new NotFound("Sign out with the button.");
        }
        sessions.close(x.session.id());
        x.response.addHeader("Set-Cookie", cookieHeader("", 0, x.request.isSecure()));
        x.redirect("/console/sign-in");
      }
      case "account" -> AccountPages.route(x, post);
      case "approval-rule-templates" -> templates.route(x, post, s.subList(1, s.size()));
      case "repositories" -> {
        if (s.size() == 1) {
          if (post) {
            repositories.create(x);
          } else {
            repositories.list(x);
          }
          return;
        }
        String repository = s.get(1);
        List<String> rest = s.subList(2, s.size());
        String section = rest.isEmpty() ? "" : rest.get(0);
        List<String> tail = rest.isEmpty() ? List.of() : rest.subList(1, rest.size());
        switch (section) {
          case "" -> repositories.overview(x, repository);
          case "settings" -> repositories.settings(x, repository, post);
          case "browse" -> code.browse(x, repository, tail);
          case "raw" -> code.raw(x, repository, tail);
          case "history" -> code.history(x, repository, tail);
          case "commits" -> {
            if (tail.isEmpty()) {
              code.commits(x, repository);
            } else {
              code.commit(x, repository, tail.get(0));
            }
          }
          case "branches" -> code.branches(x, repository, post);
          case "compare" -> pullRequests.compare(x, repository);
          case "pull-requests" -> {
            if (tail.isEmpty()) {
              if (post) {
                pullRequests.create(x, repository);
              } else {
                pullRequests.list(x, repository);
              }
            } else if (post) {
              pullRequests.act(x, repository, tail.get(0));
            } else {
              pullRequests.detail(x, repository, tail.get(0));
            }
          }
          default -> throw new NotFound("No such page: " + section);
        }
      }
      default -> throw new NotFound("No such page.");
    }
  }

  private void errorPage(Exchange x, ConsoleApiException e) throws IOException {
    Html body = new Html();
    if (e.isAccessDenied()) {
      body.el("h1", "", "Access denied").el("p", "id=\"access-denied\" class=\"error\"", e.getMessage())
          .el("p", "class=\"muted\"", "Your policies do not allow this action. Ask an administrator of the account to grant it.");
      x.page(403, "Access denied", body);
      return;
    }
    body.el("h1", "", e.code()).el("p", "class=\"error\" id=\"api-error\"", e.getMessage());
    body.raw("<p><a href=\"javascript:history.back()\" class=\"back\">Back</a></p>");
    x.page(e.status() >= 500 ? 500 : e.status() == 404 ? 404 : 400, e.code(), body);
    if (e.status() >= 500) {
      LOG.warn("console call failed: {} {}", e.code(), e.getMessage());
    }
  }

  // ---- sign-in

  private void signIn(HttpServletRequest request, HttpServletResponse response) throws IOException {
    Instant now = clock.instant();
    String next = safeNext(request.getParameter("next"));
    SignIn.Outcome outcome;
    if ("root".equals(request.getParameter("kind"))) {
      outcome = signIn.root(accountId, request.getParameter("accessKeyId"), request.getParameter("secretAccessKey"));
    } else {
      String account = request.getParameter("account");
      outcome = signIn.user(account == null || account.isBlank() ? accountId : account.strip(), request.getParameter("userName"),
          request.getParameter("password"), request.getParameter("mfaCode"), now);
    }
    if (outcome.caller() == null) {
      signInPage(response, next, outcome.mfaRequired() ? "Enter the current code of your MFA device." : "Your sign-in details are not correct.",
          outcome.mfaRequired());
      return;
    }
    Session session = sessions.open(outcome.caller(), now);
    response.addHeader("Set-Cookie", cookieHeader(session.id(), (int) ConsoleSessions.LIFETIME.toSeconds(), request.isSecure()));
    response.setStatus(303);
    response.setHeader("Location", outcome.passwordResetRequired() ? "/console/account?reset=1&next=" + Html.url(next) : next);
  }

  private void signInPage(HttpServletResponse response, String next, String error, boolean askMfa) throws IOException {
    Html html = new Html();
    html.raw("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Sign in · commitd</title>")
        .raw("<link rel=\"stylesheet\" href=\"/console/static/console.css\"></head><body class=\"signin\"><main class=\"narrow\">")
        .raw("<h1>Sign in to commitd</h1>");
    if (error != null) {
      html.el("p", "class=\"error\" id=\"sign-in-error\"", error);
    }
    html.raw("<form method=\"post\" action=\"/console/sign-in\" class=\"card\">").hidden("next", next)
        .raw("<h2>IAM user</h2><label>Account ID <input name=\"account\" value=\"").text(accountId).raw("\"></label>")
        .raw("<label>User name <input name=\"userName\" id=\"userName\" autocomplete=\"username\"></label>")
        .raw("<label>Password <input type=\"password\" name=\"password\" id=\"password\" autocomplete=\"current-password\"></label>")
        .raw("<label>MFA code").raw(askMfa ? "" : " (only when your user has an MFA device)")
        .raw(" <input name=\"mfaCode\" id=\"mfaCode\" inputmode=\"numeric\" autocomplete=\"one-time-code\"></label>")
        .raw("<button id=\"sign-in\">Sign in</button></form>")
        .raw("<form method=\"post\" action=\"/console/sign-in\" class=\"card\">").hidden("next", next).hidden("kind", "root")
        .raw("<h2>Account root</h2><p class=\"muted\">With the root access key from <code>data/root-credentials</code>.</p>")
        .raw("<label>Access key ID <input name=\"accessKeyId\" id=\"rootAccessKeyId\"></label>")
        .raw("<label>Secret access key <input type=\"password\" name=\"secretAccessKey\" id=\"rootSecret\"></label>")
        .raw("<button id=\"sign-in-root\">Sign in as root</button></form></main></body></html>");
    Exchange.send(response, error == null ? 200 : 401, html.toString());
  }

  /** Only a console path: a sign-in never sends anyone elsewhere. */
  static String safeNext(String next) {
    if (next == null || !next.startsWith("/console") || next.startsWith("/console/sign-") || next.contains("\\")
        || next.contains("//") || next.chars().anyMatch(c -> c < 0x20)) {
      return "/console/repositories";
    }
    return next;
  }

  private static String cookieHeader(String value, int maxAge, boolean secure) {
    return COOKIE + "=" + value + "; Path=/console; Max-Age=" + maxAge + "; HttpOnly; SameSite=Strict" + (secure ? "; Secure" : "");
  }

  private static String cookie(HttpServletRequest request) {
    Cookie[] cookies = request.getCookies();
    if (cookies == null) {
      return null;
    }
    return Arrays.stream(cookies).filter(c -> c.getName().equals(COOKIE)).map(Cookie::getValue).findFirst().orElse(null);
  }

  private static boolean csrfMatches(String sent, String expected) {
    return sent != null && MessageDigest.isEqual(sent.getBytes(StandardCharsets.UTF_8), expected.getBytes(StandardCharsets.UTF_8));
  }

  /** The path's segments, decoded; empty segments dropped. */
  static List<String> segments(String path) {
    List<String> segments = new ArrayList<>();
    for (String segment : path.split("/")) {
      if (!segment.isEmpty()) {
        segments.add(URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8));
      }
    }
    return segments;
  }

  private static void asset(String name, HttpServletResponse response) throws IOException {
    String type = name.endsWith(".css") ? "text/css; charset=utf-8" : name.endsWith(".js") ? "text/javascript; charset=utf-8" : null;
    if (type == null || !name.matches("[a-z-]+\\.(css|js)")) {
      response.sendError(404);
      return;
    }
    try (InputStream in = ConsoleServlet.class.getResourceAsStream("/console/" + name)) {
      if (in == null) {
        response.sendError(404);
        return;
      }
      byte[] bytes = in.readAllBytes();
      response.setHeader("Cache-Control", "public, max-age=300");
      response.setContentType(type);
      response.setContentLength(bytes.length);
      response.getOutputStream().write(bytes);
    }
  }
}
