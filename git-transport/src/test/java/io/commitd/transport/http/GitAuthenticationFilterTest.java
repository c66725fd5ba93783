package io.commitd.transport.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.commitd.iam.auth.Caller;
import io.commitd.iam.auth.CredentialResolver;
import io.commitd.iam.auth.GitCredentialAuthenticator;
import io.commitd.iam.auth.PrincipalType;
import io.commitd.iam.auth.Requester;
import io.commitd.iam.auth.ResolvedCredentials;
import io.commitd.iam.sigv4.GitPasswordVerifier;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.EnumSet;
import java.util.Optional;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpTester;
import org.eclipse.jetty.server.LocalConnector;
import org.eclipse.jetty.server.Server;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The door in front of git's smart HTTP: what a request without, with wrong and with good
 * credentials gets, served by Jetty in memory (a {@link LocalConnector}, no socket).
 */
class GitAuthenticationFilterTest {
  static final Instant NOW = Instant.parse("2026-11-24T00:10:00Z");
  /** The credential helper's password for {@code /v1/repos/demo} on 127.0.0.1 with secret {@code secret}. */
  static final String SIGNED_PASSWORD =
      "20261124T000921Z212d3ac7739c68a0dada8fc8cacf471a30a9da574359b545c80c8731088e2e59";
  static final Caller ROOT = Caller.root("111122223333", "AKIAEXAMPLE");
  static final Caller ALICE = new Caller("111122223333", "arn:aws:iam::111122223333:user/alice", "AIDAALICE", "alice",
      PrincipalType.USER, null, null, null);

  static Server server;
  static LocalConnector connector;

  @BeforeAll
  static void startJetty() throws Exception {
    Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    CredentialResolver keys = id -> id.equals("AKIAEXAMPLE")
        ? Optional.of(new ResolvedCredentials("secret", null, null, ROOT)) : Optional.empty();
    GitCredentialAuthenticator gitCredentials = (user, password) ->
        user.equals("alice-at-111122223333") && password.equals("correct horse") ? Optional.of(ALICE) : Optional.empty();
    GitHttpAuthenticator authenticator =
        new GitHttpAuthenticator(new GitPasswordVerifier(keys, "us-east-1", clock), gitCredentials);

    server = new Server();
    connector = new LocalConnector(server);
    server.addConnector(connector);
    ServletContextHandler context = new ServletContextHandler();
    context.addFilter(new FilterHolder(new GitAuthenticationFilter(authenticator, clock)), "/*",
        EnumSet.of(DispatcherType.REQUEST));
    context.addServlet(new ServletHolder(new RequesterEcho()), "/*");
    server.setHandler(context);
    server.start();
  }

  @AfterAll
  static void stopJetty() throws Exception {
    server.stop();
  }

  /** Stands in for JGit's servlet: tells who the filter let through. */
  static final class RequesterEcho extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
      Requester requester = (Requester) request.getAttribute(GitAuthenticationFilter.REQUESTER);
      response.setContentType("text/plain");
      response.getWriter().print(requester.principalArn() + " " + requester.facts().secureTransport() + " "
          + requester.facts().userAgent() + " " + requester.facts().receivedAt());
    }
  }

  static HttpTester.Response get(String path, String... headers) throws Exception {
    StringBuilder request = new StringBuilder("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n");
    for (String header : headers) {
      request.append(header).append("\r\n");
    }
    request.append("\r\n");
    return HttpTester.parseResponse(connector.getResponse(request.toString()));
  }

  static String basic(String userAndPassword) {
    return "Authorization: Basic " + Base64.getEncoder().encodeToString(userAndPassword.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void aRequestWithoutCredentialsIsChallengedForBasicOnes() throws Exception {
    HttpTester.Response response = get("/v1/repos/demo/info/refs?service=git-upload-pack");

    assertThat(response.getStatus()).isEqualTo(401);
    assertThat(response.get(HttpHeader.WWW_AUTHENTICATE)).isEqualTo("Basic realm=\"commitd\"");
  }

  @Test
  void aRequestWithWrongCredentialsIsForbiddenWithoutAChallenge() throws Exception {
    HttpTester.Response response =
        get("/v1/repos/demo/info/refs?service=git-upload-pack", basic("alice-at-111122223333:wrong"));

    assertThat(response.getStatus()).isEqualTo(403);
    assertThat(response.get(HttpHeader.WWW_AUTHENTICATE)).isNull();
  }

  @Test
  void aGitCredentialLetsTheRequestThroughAsItsUserWithTheRequestsFacts() throws Exception {
    HttpTester.Response response = get("/v1/repos/demo/info/refs?service=git-upload-pack",
        basic("alice-at-111122223333:correct horse"), "User-Agent: git/2.43.0");

    assertThat(response.getStatus()).isEqualTo(200);
    assertThat(response.getContent()).isEqualTo("arn:aws:iam::111122223333:user/alice false git/2.43.0 " + NOW);
  }

  @Test
  void aSignedPasswordIsCheckedAgainstTheRepositoryPathNotTheFullRequestPath() throws Exception {
    HttpTester.Response ofDemo = get("/v1/repos/demo/git-upload-pack", basic("AKIAEXAMPLE:" + SIGNED_PASSWORD));
    HttpTester.Response ofOther = get("/v1/repos/other/git-upload-pack", basic("AKIAEXAMPLE:" + SIGNED_PASSWORD));

    assertThat(ofDemo.getStatus()).isEqualTo(200);
    assertThat(ofDemo.getContent()).startsWith("arn:aws:iam::111122223333:root ");
    assertThat(ofOther.getStatus()).isEqualTo(403);
  }

  @Test
  void nothingOutsideTheRepositoriesPathIsServed() throws Exception {
    assertThat(get("/v1/other/demo/info/refs", basic("alice-at-111122223333:correct horse")).getStatus()).isEqualTo(404);
    assertThat(get("/", basic("alice-at-111122223333:correct horse")).getStatus()).isEqualTo(404);
    assertThat(get("/v1/repos", basic("alice-at-111122223333:correct horse")).getStatus()).isEqualTo(404);
  }
}
