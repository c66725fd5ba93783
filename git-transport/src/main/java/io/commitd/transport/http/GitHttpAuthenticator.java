package io.commitd.transport.http;

import io.commitd.iam.auth.Caller;
import io.commitd.iam.auth.GitCredentialAuthenticator;
import io.commitd.iam.sigv4.GitPasswordVerifier;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/**
 * The two ways CodeCommit users authenticate git over HTTPS, from an HTTP Basic header: the
 * credential helper's signed password, or IAM Git credentials (user name and password).
 */
public final class GitHttpAuthenticator {
  private final GitPasswordVerifier signedPasswords;
  private final GitCredentialAuthenticator gitCredentials;

  public GitHttpAuthenticator(GitPasswordVerifier signedPasswords, GitCredentialAuthenticator gitCredentials) {
    this.signedPasswords = signedPasswords;
    this.gitCredentials = gitCredentials;
  }

  /** What an Authorization header says. */
  public sealed interface Outcome {
    /** No Basic credentials at all: ask for them. */
    record Missing() implements Outcome {}

    /** Credentials that do not hold. */
    record Refused() implements Outcome {}

    /** Credentials of this caller. */
    record Authenticated(Caller caller) implements Outcome {}
  }

  /**
   * @param host the request's host without port
   * @param repositoryPath {@code /v1/repos/NAME}, what the credential helper signs
   */
  public Outcome authenticate(String authorization, String host, String repositoryPath) {
    if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
      return new Outcome.Missing();
    }
    String decoded;
    try {
      decoded = new String(Base64.getDecoder().decode(authorization.substring(6).trim()), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return new Outcome.Refused();
    }
    int colon = decoded.indexOf(':');
    if (colon < 0) {
      return new Outcome.Refused();
    }
    String user = decoded.substring(0, colon);
    String password = decoded.substring(colon + 1);
    Optional<Caller> caller = GitPasswordVerifier.looksSigned(password)
        ? signedPasswords.verify(user, password, host, repositoryPath)
        : gitCredentials.authenticate(user, password);
    return caller.<Outcome>map(Outcome.Authenticated::new).orElseGet(Outcome.Refused::new);
  }
}
