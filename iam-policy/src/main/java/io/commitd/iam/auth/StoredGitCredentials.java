package io.commitd.iam.auth;

import io.commitd.iam.identity.CredentialStore;
import io.commitd.iam.identity.IamGeneration;
import io.commitd.iam.identity.IdentityStore;
import java.util.Optional;

/**
 * HTTPS Git credentials: IAM service-specific credentials for CodeCommit, checked against their
 * hashes. With an {@link IamGeneration}, the credential row and its user are cached while no IAM
 * write happened; the password is checked on every request.
 */
public final class StoredGitCredentials implements GitCredentialAuthenticator {
  /** The service whose service-specific credentials are Git credentials. */
  public static final String CODECOMMIT = "codecommit.amazonaws.com";

  private record Known(String passwordHash, Caller caller) {}

  private final CredentialStore credentials;
  private final IdentityStore identities;
  private final GenerationCache<String, Optional<Known>> cache;

  public StoredGitCredentials(CredentialStore credentials, IdentityStore identities) {
    this(credentials, identities, null);
  }

  public StoredGitCredentials(CredentialStore credentials, IdentityStore identities, IamGeneration generation) {
    this.credentials = credentials;
    this.identities = identities;
    this.cache = generation == null ? GenerationCache.disabled() : new GenerationCache<>(generation);
  }

  @Override
  public Optional<Caller> authenticate(String userName, String password) {
    return cache.get(userName, this::load)
        .filter(known -> credentials.passwordMatches(password, known.passwordHash()))
        .map(Known::caller);
  }

  private Optional<Known> load(String userName) {
    return credentials.findActiveServiceCredential(CODECOMMIT, userName)
        .flatMap(row -> identities.findUserById(row.userId())
            .map(user -> new Known(row.passwordHash(),
                new Caller(user.accountId(), user.arn(), user.userId(), user.userName(), PrincipalType.USER, null, null, null))));
  }
}
