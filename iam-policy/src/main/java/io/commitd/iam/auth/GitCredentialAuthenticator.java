package io.commitd.iam.auth;

import java.util.Optional;

/**
 * Authenticates HTTPS Git credentials: IAM service-specific credentials for
 * {@code codecommit.amazonaws.com} (user name and password, password stored hashed).
 */
@FunctionalInterface
public interface GitCredentialAuthenticator {
  /** The caller the credentials belong to, or empty when they are unknown, inactive or wrong. */
  Optional<Caller> authenticate(String userName, String password);
}
