package io.commitd.iam.auth;

import io.commitd.storage.aws.Arn;
import io.commitd.storage.refs.Actor;
import java.time.Instant;

/**
 * The authenticated principal of a request, as IAM sees it: the ARN policies are evaluated for,
 * the {@code aws:userid} and {@code aws:username} values, and how the credentials were obtained
 * (MFA, session).
 *
 * @param userId IAM's unique id: {@code AIDA…} for users, {@code AROA…:session} for role
 *     sessions, the account id for root
 * @param userName the IAM user name, or null for roles and root
 * @param accessKeyId the key the request was signed with
 * @param mfaAuthenticatedAt when MFA was proven for these credentials, or null
 * @param sessionId the STS session behind temporary credentials, or null
 */
public record Caller(
    String accountId,
    String principalArn,
    String userId,
    String userName,
    PrincipalType type,
    String accessKeyId,
    Instant mfaAuthenticatedAt,
    String sessionId)
    implements Actor {

  public static Caller root(String accountId, String accessKeyId) {
    return new Caller(
        accountId, Arn.accountRoot(accountId).toString(), accountId, null, PrincipalType.ROOT, accessKeyId, null, null);
  }

  public boolean isRoot() {
    return type == PrincipalType.ROOT;
  }

  public boolean mfaPresent() {
    return mfaAuthenticatedAt != null;
  }
}
