package io.commitd.iam.auth;

import io.commitd.iam.sigv4.AuthFailure;
import io.commitd.iam.sigv4.AuthenticationException;
import io.commitd.iam.sigv4.AuthorizationHeader;
import io.commitd.iam.sigv4.SigV4Verifier;
import io.commitd.iam.sigv4.SignedRequest;
import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Optional;

/** Turns a signed API request into its {@link Caller}, or refuses it with the reason. */
public final class RequestAuthenticator {
  private final SigV4Verifier verifier;
  private final CredentialResolver credentials;
  private final Clock clock;

  public RequestAuthenticator(CredentialResolver credentials, Clock clock) {
    this.verifier = new SigV4Verifier(clock);
    this.credentials = credentials;
    this.clock = clock;
  }

  public Caller authenticate(SignedRequest request) {
    AuthorizationHeader authorization = verifier.authorization(request);
    ResolvedCredentials resolved =
        credentials
            .resolve(authorization.credential().accessKeyId())
            .orElseThrow(
                () -> new AuthenticationException(
                    AuthFailure.UNRECOGNIZED_CLIENT, "The security token included in the request is invalid."));
    checkSessionToken(resolved, request.header("X-Amz-Security-Token"));
    verifier.verify(request, authorization, resolved.secretAccessKey());
    return resolved.caller();
  }

  private void checkSessionToken(ResolvedCredentials resolved, Optional<String> presented) {
    if (resolved.sessionToken() == null) {
      if (presented.isPresent()) {
        throw new AuthenticationException(
            AuthFailure.INVALID_TOKEN, "The security token included in the request is invalid.");
      }
      return;
    }
    boolean matches =
        presented.isPresent()
            && MessageDigest.isEqual(
                resolved.sessionToken().getBytes(StandardCharsets.UTF_8),
                presented.get().getBytes(StandardCharsets.UTF_8));
    if (!matches) {
      throw new AuthenticationException(
          AuthFailure.INVALID_TOKEN, "The security token included in the request is invalid.");
    }
    if (resolved.expiration() != null && !clock.instant().isBefore(resolved.expiration())) {
      throw new AuthenticationException(
          AuthFailure.EXPIRED_TOKEN, "The security token included in the request is expired");
    }
  }
}
