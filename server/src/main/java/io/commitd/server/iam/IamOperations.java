package io.commitd.server.iam;

import io.commitd.iam.auth.PrincipalPolicies;
import io.commitd.iam.identity.CredentialStore;
import io.commitd.iam.identity.IdentityStore;
import io.commitd.server.query.QueryRegistry;

/** The IAM actions commitd serves, by family. */
public final class IamOperations {
  private IamOperations() {}

  public static QueryRegistry registry(IdentityStore identities, CredentialStore credentials, PrincipalPolicies principals) {
    IamContext iam = new IamContext(identities, credentials);
    QueryRegistry registry = new QueryRegistry();
    new UserOperations(iam).register(registry);
    new PolicyOperations(iam, principals).register(registry);
    new CredentialOperations(iam).register(registry);
    return registry;
  }
}
