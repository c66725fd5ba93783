package io.commitd.iam.auth;

import io.commitd.iam.identity.CredentialStore;
import io.commitd.iam.identity.IdentityStore;
import java.util.Optional;

/** HTTPS Git credentials: IAM service-specific credentials for CodeCommit, checked against their hashes. */
public final class StoredGitCredentials implements GitCredentialAuthenticator {
  /** The service whose service-specific credentials are Git credentials. */
  public static final String CODECOMMIT = "codecommit.amazonaws.com";

  private final CredentialStore credentials;
  private final IdentityStore identities;

  public StoredGitCredentials(CredentialStore credentials, IdentityStore identities) {
    this.credentials = credentials;
    this.identities = identities;
  }

  @Override
  public Optional<Caller> authenticate(String userName, String password) {
    return credentials.authenticateServiceCredential(CODECOMMIT, userName, password)
        .flatMap(identities::findUserById)
        .map(user -> new Caller(user.accountId(), user.arn(), user.userId(), user.userName(), PrincipalType.USER, null, null, null));
  }
}
