package io.commitd.iam.auth;

import java.util.Optional;

/** Finds the active credentials of an access key id; empty when the key is unknown or inactive. */
@FunctionalInterface
public interface CredentialResolver {
  Optional<ResolvedCredentials> resolve(String accessKeyId);

  /** Asks this resolver, then {@code next} when this one does not know the key. */
  default CredentialResolver orElse(CredentialResolver next) {
    return accessKeyId -> {
      Optional<ResolvedCredentials> found = resolve(accessKeyId);
      return found.isPresent() ? found : next.resolve(accessKeyId);
    };
  }
}
