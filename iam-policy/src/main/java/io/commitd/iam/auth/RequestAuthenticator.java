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
import java.util.Set;

/**
 * Turns a signed API request into its {@link Caller}, or refuses it with the reason. The
 * signature's credential scope must name the server's region and the service the request is for,
 * as AWS requires: a signature made for another region or service is never accepted.
 */
public final class RequestAuthenticator {
  /**
   * Services whose global endpoint AWS signs for us-east-1. SDKs sign them so; the CLI given
   * {@code --endpoint-url} signs them for its configured region instead, so the server's own
   * region is accepted too (on a us-east-1 server this is exactly AWS's rule); and the SDK for
   * Java v2 with {@code Region.AWS_GLOBAL} and an endpoint override signs for {@code aws-global}.
   */
  private static final Set<String> GLOBAL_SERVICES = Set.of("iam", "sts", "organizations");
  private static final String GLOBAL_REGION = "us-east-1";

  private final SigV4Verifier verifier;
  private final CredentialResolver credentials;
  private final String region;
  private final Clock clock;

  public RequestAuthenticator(CredentialResolver credentials, String region, Clock clock) {
    this.verifier = new SigV4Verifier(clock);
    this.credentials = credentials;
    this.region = region;
    this.clock = clock;
  }

  /**
   * The caller of {@code request}, which is for {@code service} (the SigV4 signing name:
   * {@code codecommit}, {@code iam}, {@code sts}, {@code access-analyzer}, …).
   */
  public Caller authenticate(SignedRequest request, String service) {
    AuthorizationHeader authorization = verifier.authorization(request);
    checkScope(authorization, service);
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

  /**
   * AWS answers a scope for another region with "Credential should be scoped to a valid region."
   * and one for another service with "Credential should be scoped to correct service: 'NAME'.".
   */
  private void checkScope(AuthorizationHeader authorization, String service) {
    String scopedRegion = authorization.credential().region();
    boolean regionOk = scopedRegion.equals(region)
        || (GLOBAL_SERVICES.contains(service) && (scopedRegion.equals(GLOBAL_REGION) || scopedRegion.equals("aws-global")));
    if (!regionOk) {
      throw new AuthenticationException(AuthFailure.SIGNATURE_MISMATCH, "Credential should be scoped to a valid region.");
    }
    if (!authorization.credential().service().equals(service)) {
      throw new AuthenticationException(
          AuthFailure.SIGNATURE_MISMATCH, "Credential should be scoped to correct service: '" + service + "'.");
    }
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
