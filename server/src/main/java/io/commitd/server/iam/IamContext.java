package io.commitd.server.iam;

import io.commitd.iam.auth.Caller;
import io.commitd.iam.auth.PrincipalType;
import io.commitd.iam.identity.CredentialStore;
import io.commitd.iam.identity.Entities;
import io.commitd.iam.identity.Entities.Group;
import io.commitd.iam.identity.Entities.Role;
import io.commitd.iam.identity.Entities.User;
import io.commitd.storage.aws.Arn;
import io.commitd.iam.identity.IamErrors;
import io.commitd.iam.identity.IdentityStore;
import io.commitd.server.query.QueryRequest;

/** What the IAM action families share: the stores, and the lookups every family makes. */
record IamContext(IdentityStore identities, CredentialStore credentials) {

  /**
   * The ARN of the user {@code userName}, with the user's path: IAM authorizes on the entity as it
   * is stored, so a policy on {@code user/engineering/*} covers {@code alice} created under
   * {@code /engineering/}. A user that does not exist yet is named with the request's {@code Path}
   * (CreateUser) or the root path.
   */
  String userArn(QueryRequest request, String userName) {
    return identities.findUser(request.accountId(), userName).map(User::arn)
        .orElseGet(() -> Arn.user(request.accountId(), request.optional("Path"), userName).toString());
  }

  /** The ARN of the user a request names, or of the caller when it names none. */
  String userArnOrSelf(QueryRequest request) {
    String userName = request.optional("UserName");
    return userName != null ? userArn(request, userName) : request.caller().principalArn();
  }

  /** The ARN of the group {@code groupName}, with its path; see {@link #userArn}. */
  String groupArn(QueryRequest request, String groupName) {
    return identities.findGroup(request.accountId(), groupName).map(Group::arn)
        .orElseGet(() -> Arn.group(request.accountId(), request.optional("Path"), groupName).toString());
  }

  /** The ARN of the role {@code roleName}, with its path; see {@link #userArn}. */
  String roleArn(QueryRequest request, String roleName) {
    return identities.findRole(request.accountId(), roleName).map(Role::arn)
        .orElseGet(() -> Arn.role(request.accountId(), request.optional("Path"), roleName).toString());
  }

  /** The ARN of the user, group or role ({@code kind}) a request names by {@code UserName}, {@code GroupName} or {@code RoleName}. */
  String entityArn(QueryRequest request, String kind) {
    return switch (kind) {
      case Entities.USER -> userArn(request, request.required("UserName"));
      case Entities.GROUP -> groupArn(request, request.required("GroupName"));
      default -> roleArn(request, request.required("RoleName"));
    };
  }

  /** Every entity of {@code type} in the caller's account: the resource of list actions. */
  static String all(QueryRequest request, String type) {
    return Arn.allOf(request.accountId(), type).toString();
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
