package io.commitd.transport.http;

import io.commitd.iam.auth.RequestFacts;
import io.commitd.iam.auth.Requester;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import java.io.IOException;
import java.time.Clock;

/**
 * Authenticates every git request under {@code /v1/repos/}: no credentials answer 401 with a Basic
 * challenge (so git asks its credential helper), wrong ones 403. The authenticated
 * {@link Requester} travels on as a request attribute.
 */
public final class GitAuthenticationFilter implements Filter {
  /** The same logger as the git operations': one place for operators to watch git access. */
  private static final Logger REFUSALS = LoggerFactory.getLogger("commitd.git");
  static final String REQUESTER = "commitd.requester";
  static final String PREFIX = "/v1/repos/";

  private final GitHttpAuthenticator authenticator;
  private final Clock clock;

  public GitAuthenticationFilter(GitHttpAuthenticator authenticator, Clock clock) {
    this.authenticator = authenticator;
    this.clock = clock;
  }

  @Override
  public void doFilter(ServletRequest servletRequest, ServletResponse servletResponse, FilterChain chain)
      throws IOException, ServletException {
    HttpServletRequest request = (HttpServletRequest) servletRequest;
    HttpServletResponse response = (HttpServletResponse) servletResponse;
    String uri = request.getRequestURI();
    if (!uri.startsWith(PREFIX)) {
      response.sendError(HttpServletResponse.SC_NOT_FOUND);
      return;
    }
    int end = uri.indexOf('/', PREFIX.length());
    String repositoryPath = end < 0 ? uri : uri.substring(0, end);
    GitHttpAuthenticator.Outcome outcome =
        authenticator.authenticate(request.getHeader("Authorization"), request.getServerName(), repositoryPath);
    if (outcome instanceof GitHttpAuthenticator.Outcome.Authenticated authenticated) {
      request.setAttribute(REQUESTER, new Requester(authenticated.caller(),
          new RequestFacts(request.getRemoteAddr(), request.isSecure(), request.getHeader("User-Agent"), clock.instant())));
      chain.doFilter(request, response);
    } else if (outcome instanceof GitHttpAuthenticator.Outcome.Missing) {
      response.setHeader("WWW-Authenticate", "Basic realm=\"commitd\"");
      response.sendError(HttpServletResponse.SC_UNAUTHORIZED, "Authentication required");
    } else {
      REFUSALS.warn("refused git HTTP authentication repository={} from={} user-agent=\"{}\"", repositoryPath,
          request.getRemoteAddr(), request.getHeader("User-Agent"));
      response.sendError(HttpServletResponse.SC_FORBIDDEN, "Invalid credentials for " + repositoryPath);
    }
  }
}
