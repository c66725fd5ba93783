package io.commitd.server.iam;

import io.commitd.iam.auth.PrincipalType;
import io.commitd.iam.identity.Entities.User;
import io.commitd.iam.identity.IamErrors;
import io.commitd.iam.identity.IdentityStore;
import io.commitd.iam.identity.LoginProfiles;
import io.commitd.iam.identity.LoginProfiles.LoginProfile;
import io.commitd.iam.identity.PasswordPolicy;
import io.commitd.server.api.OperationRegistry;
import io.commitd.server.query.QueryOperation;
import io.commitd.server.query.QueryRequest;
import io.commitd.server.query.XmlNode;
import io.commitd.storage.errors.AwsException;

/** Console passwords: login profiles, the caller's own password change, and the account password policy. */
final class LoginProfileOperations {
  private final IamContext iam;
  private final IdentityStore identities;
  private final LoginProfiles profiles;

  LoginProfileOperations(IamContext iam, LoginProfiles profiles) {
    this.iam = iam;
    this.identities = iam.identities();
    this.profiles = profiles;
  }

  void register(OperationRegistry<QueryRequest> registry) {
    registry
        .add("CreateLoginProfile", QueryOperation.on(iam::userArnOrSelf, this::create))
        .add("GetLoginProfile", QueryOperation.on(iam::userArnOrSelf, this::get))
        .add("UpdateLoginProfile", QueryOperation.on(iam::userArnOrSelf, this::update))
        .add("DeleteLoginProfile", QueryOperation.on(iam::userArnOrSelf, this::delete))
        .add("ChangePassword", QueryOperation.on(r -> r.caller().principalArn(), this::changePassword))
        .add("UpdateAccountPasswordPolicy", QueryOperation.on(r -> "*", this::updatePolicy))
        .add("GetAccountPasswordPolicy", QueryOperation.on(r -> "*", this::getPolicy))
        .add("DeleteAccountPasswordPolicy", QueryOperation.on(r -> "*", this::deletePolicy));
  }

  private XmlNode create(QueryRequest request) {
    User user = iam.userOrSelf(request);
    LoginProfile profile = profiles.create(user, password(request, "Password"), request.bool("PasswordResetRequired"), request.now());
    return XmlNode.node().add("LoginProfile", profile(user, profile));
  }

  private XmlNode get(QueryRequest request) {
    User user = iam.userOrSelf(request);
    return XmlNode.node().add("LoginProfile", profile(user, profiles.require(user)));
  }

  private XmlNode update(QueryRequest request) {
    User user = iam.userOrSelf(request);
    String reset = request.optional("PasswordResetRequired");
    profiles.update(user, request.optional("Password"), reset == null ? null : Boolean.valueOf(reset));
    return null;
  }

  private XmlNode delete(QueryRequest request) {
    profiles.delete(iam.userOrSelf(request));
    return null;
  }

  private XmlNode changePassword(QueryRequest request) {
    PrincipalType type = request.caller().type();
    if (type != PrincipalType.USER && type != PrincipalType.USER_SESSION) {
      throw new AwsException("InvalidUserType", 400, "Only IAM users can change their own password.");
    }
    User user = identities.findUserById(request.caller().userId())
        .orElseThrow(() -> IamErrors.noSuchEntity("The user with name " + request.caller().userName() + " cannot be found."));
    profiles.changePassword(user, password(request, "OldPassword"), password(request, "NewPassword"));
    return null;
  }

  private XmlNode updatePolicy(QueryRequest request) {
    Integer length = request.integer("MinimumPasswordLength");
    if (length != null && (length < 6 || length > 128)) {
      throw IamErrors.validation("1 validation error detected: Value '" + length
          + "' at 'minimumPasswordLength' failed to satisfy constraint: Member must have value between 6 and 128");
    }
    profiles.putPolicy(request.accountId(), new PasswordPolicy(
        length != null ? length : 8,
        request.bool("RequireSymbols"),
        request.bool("RequireNumbers"),
        request.bool("RequireUppercaseCharacters"),
        request.bool("RequireLowercaseCharacters"),
        request.bool("AllowUsersToChangePassword"),
        request.integer("MaxPasswordAge"),
        request.integer("PasswordReusePrevention"),
        request.bool("HardExpiry")));
    return null;
  }

  private XmlNode getPolicy(QueryRequest request) {
    PasswordPolicy policy = profiles.storedPolicy(request.accountId()).orElseThrow(() ->
        IamErrors.noSuchEntity("The Password Policy with domain name " + request.accountId() + " cannot be found."));
    return XmlNode.node().add("PasswordPolicy", XmlNode.node()
        .add("MinimumPasswordLength", policy.minimumPasswordLength())
        .add("RequireSymbols", policy.requireSymbols())
        .add("RequireNumbers", policy.requireNumbers())
        .add("RequireUppercaseCharacters", policy.requireUppercaseCharacters())
        .add("RequireLowercaseCharacters", policy.requireLowercaseCharacters())
        .add("AllowUsersToChangePassword", policy.allowUsersToChangePassword())
        .add("ExpirePasswords", policy.maxPasswordAge() != null && policy.maxPasswordAge() > 0)
        .add("MaxPasswordAge", policy.maxPasswordAge())
        .add("PasswordReusePrevention", policy.passwordReusePrevention())
        .add("HardExpiry", policy.hardExpiry()));
  }

  private XmlNode deletePolicy(QueryRequest request) {
    profiles.deletePolicy(request.accountId());
    return null;
  }

  private static String password(QueryRequest request, String name) {
    return request.required(name);
  }

  private static XmlNode profile(User user, LoginProfile profile) {
    return XmlNode.node().add("UserName", user.userName()).add("CreateDate", profile.createdAt())
        .add("PasswordResetRequired", profile.passwordResetRequired());
  }
}
