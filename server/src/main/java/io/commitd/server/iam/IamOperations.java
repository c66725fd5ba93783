package io.commitd.server.iam;

import io.commitd.iam.auth.AccessControl;
import io.commitd.server.query.QueryRequest;
import io.commitd.iam.identity.CredentialStore;
import io.commitd.iam.identity.IdentityStore;
import io.commitd.iam.identity.LoginProfiles;
import io.commitd.server.api.OperationRegistry;

/** The IAM actions commitd serves, by family. */
public final class IamOperations {
  private IamOperations() {}

  public static OperationRegistry<QueryRequest> registry(
      IdentityStore identities, CredentialStore credentials, LoginProfiles loginProfiles, AccessControl access) {
    IamContext iam = new IamContext(identities, credentials);
    OperationRegistry<QueryRequest> registry = new OperationRegistry<QueryRequest>();
    new UserOperations(iam).register(registry);
    new PolicyOperations(iam, access).register(registry);
    new CredentialOperations(iam).register(registry);
    new LoginProfileOperations(iam, loginProfiles).register(registry);
    return registry;
  }
}
