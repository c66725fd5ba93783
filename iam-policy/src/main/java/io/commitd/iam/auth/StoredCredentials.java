package io.commitd.iam.auth;

import io.commitd.iam.identity.CredentialStore;
import io.commitd.iam.identity.Entities;
import io.commitd.iam.identity.Entities.Session;
import io.commitd.iam.identity.IamGeneration;
import io.commitd.iam.identity.IdentityStore;
import java.util.Optional;

/**
 * Resolves access keys kept in the metadata database: IAM users' keys, further accounts' root
 * keys, and STS temporary credentials (with their session token and expiry). With an
 * {@link IamGeneration}, what a key resolves to is cached while no IAM write happened (expiry is
 * checked by the caller on every request).
 */
public final class StoredCredentials implements CredentialResolver {
  private final CredentialStore credentials;
  private final IdentityStore identities;
  private final GenerationCache<String, Optional<ResolvedCredentials>> cache;

  public StoredCredentials(CredentialStore credentials, IdentityStore identities) {
    this(credentials, identities, null);
  }

  public StoredCredentials(CredentialStore credentials, IdentityStore identities, IamGeneration generation) {
    this.credentials = credentials;
    this.identities = identities;
    this.cache = generation == null ? GenerationCache.disabled() : new GenerationCache<>(generation);
  }

  @Override
  public Optional<ResolvedCredentials> resolve(String accessKeyId) {
    return cache.get(accessKeyId, this::load);
  }

  private Optional<ResolvedCredentials> load(String accessKeyId) {
    if (accessKeyId.startsWith("ASIA")) {
      return credentials.findSession(accessKeyId).map(found -> {
        Session session = found.session();
        return new ResolvedCredentials(found.secret(), session.sessionToken(), session.expiresAt(), callerOf(session));
      });
    }
    return credentials.findAccessKey(accessKeyId)
        .filter(found -> CredentialStore.ACTIVE.equals(found.key().status()))
        .flatMap(found -> {
          String accountId = found.key().accountId();
          if (found.key().userId() == null) {
            return Optional.of(new ResolvedCredentials(found.secret(), null, null, Caller.root(accountId, accessKeyId)));
          }
          return identities.findUserById(found.key().userId()).map(user -> new ResolvedCredentials(found.secret(), null, null,
              new Caller(accountId, user.arn(), user.userId(), user.userName(), PrincipalType.USER, accessKeyId, null, null)));
        });
  }

  private static Caller callerOf(Session session) {
    if (session.principalArn().endsWith(":root")) {
      return new Caller(session.accountId(), session.principalArn(), session.accountId(), null, PrincipalType.ROOT,
          session.accessKeyId(), session.mfaAt(), session.accessKeyId());
    }
    PrincipalType type = Entities.ROLE.equals(session.sourceKind()) ? PrincipalType.ASSUMED_ROLE : PrincipalType.USER_SESSION;
    return new Caller(session.accountId(), session.principalArn(), session.principalId(), session.userName(), type,
        session.accessKeyId(), session.mfaAt(), session.accessKeyId());
  }
}
