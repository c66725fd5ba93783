package io.commitd.server.iam;

import io.commitd.iam.auth.Caller;
import io.commitd.iam.auth.PrincipalType;
import io.commitd.iam.identity.CredentialStore;
import io.commitd.iam.identity.Entities.User;
import io.commitd.iam.identity.IamErrors;
import io.commitd.iam.identity.IdentityStore;
import io.commitd.server.query.QueryRequest;

/** What the IAM action families share: the stores, and the lookups every family makes. */
record IamContext(IdentityStore identities, CredentialStore credentials) {

  static String userArn(QueryRequest request, String userName) {
    return "arn:aws:iam::" + request.accountId() + ":user/" + userName;
  }

  /** The ARN of the user a request names, or of the caller when it names none. */
  static String userArnOrSelf(QueryRequest request) {
    String userName = request.optional("UserName");
    return userName != null ? userArn(request, userName) : request.caller().principalArn();
  }

  /** The user named by {@code UserName}, or the calling user when absent. */
  User userOrSelf(QueryRequest request) {
    String userName = request.optional("UserName");
    if (userName != null) {
      return identities.requireUser(request.accountId(), userName);
    }
    Caller caller = request.caller();
    if (caller.type() == PrincipalType.USER || caller.type() == PrincipalType.USER_SESSION) {
      return identities.findUserById(caller.userId())
          .orElseThrow(() -> IamErrors.noSuchEntity("The user with name " + caller.userName() + " cannot be found."));
    }
    throw IamErrors.validation("Must specify userName when calling with non-User credentials");
  }
}
