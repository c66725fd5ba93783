package io.commitd.iam.identity;

import io.commitd.storage.aws.Arn;
import java.time.Instant;

/** The rows of the identity store, as immutable values. */
public final class Entities {
  private Entities() {}

  /** Entity kinds for attachments, inline policies and tags. */
  public static final String USER = "user";
  public static final String GROUP = "group";
  public static final String ROLE = "role";

  public record User(String userId, String accountId, String userName, String path, Instant createdAt, String boundaryArn) {
    public String arn() {
      return Arn.user(accountId, path, userName).toString();
    }
  }

  public record Group(String groupId, String accountId, String groupName, String path, Instant createdAt) {
    public String arn() {
      return Arn.group(accountId, path, groupName).toString();
    }
  }

  public record Role(
      String roleId, String accountId, String roleName, String path, String trustPolicy, String description,
      int maxSessionDuration, Instant createdAt, String boundaryArn) {
    public String arn() {
      return Arn.role(accountId, path, roleName).toString();
    }
  }

  public record ManagedPolicy(
      String arn, String policyId, String accountId, String policyName, String path, String description,
      String defaultVersion, Instant createdAt, Instant updatedAt) {}

  public record PolicyVersion(String policyArn, String versionId, String document, boolean isDefault, Instant createdAt) {}

  public record AccessKey(String accessKeyId, String accountId, String userId, String status, Instant createdAt) {}

  public record SshKey(String sshKeyId, String userId, String body, String fingerprint, String status, Instant uploadedAt) {}

  public record ServiceCredential(
      String credentialId, String userId, String serviceName, String serviceUserName, String status, Instant createdAt) {}

  public record MfaDevice(String serialNumber, String accountId, String userId, Instant enabledAt) {}

  /**
   * Temporary credentials from STS.
   *
   * @param sourceKind {@link #ROLE} for AssumeRole, {@link #USER} for GetSessionToken
   * @param principalId {@code aws:userid}: {@code AROA…:session} or the user id
   */
  public record Session(
      String accessKeyId, String sessionToken, Instant expiresAt, String accountId, String principalArn,
      String principalId, String sourceKind, String sourceId, String userName, String sessionPolicy,
      String sessionTagsJson, Instant mfaAt) {}
}
