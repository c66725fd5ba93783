package io.commitd.iam.sts;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.commitd.iam.auth.Caller;
import io.commitd.iam.auth.AccessControl;
import io.commitd.iam.auth.AccessDenied;
import io.commitd.iam.auth.AccessRequest;
import io.commitd.iam.auth.Action;
import io.commitd.iam.auth.RequestFacts;
import io.commitd.iam.auth.PrincipalType;
import io.commitd.iam.identity.CredentialStore;
import io.commitd.iam.identity.Entities;
import io.commitd.iam.identity.Entities.Role;
import io.commitd.iam.identity.Entities.Session;
import io.commitd.iam.identity.IamErrors;
import io.commitd.iam.identity.IdGenerator;
import io.commitd.iam.identity.IdentityStore;
import io.commitd.iam.policy.MalformedPolicyDocumentException;
import io.commitd.iam.policy.PolicyDocument;
import io.commitd.storage.aws.Arn;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * STS: AssumeRole (the role's trust policy and, across accounts, the caller's own policies must
 * allow it) and GetSessionToken (with an MFA code, the session counts as MFA-authenticated).
 */
public final class SecurityTokenService {
  private static final Pattern SESSION_NAME = Pattern.compile("[\\w+=,.@-]{2,64}");
  private static final String TOKEN_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final IdentityStore identities;
  private final CredentialStore credentials;
  private final AccessControl access;

  public SecurityTokenService(IdentityStore identities, CredentialStore credentials, AccessControl access) {
    this.identities = identities;
    this.credentials = credentials;
    this.access = access;
  }

  /** What AssumeRole is asked for. */
  public record AssumeRoleRequest(
      String roleArn, String sessionName, String externalId, String sessionPolicy, Integer durationSeconds,
      Map<String, String> tags, String serialNumber, String tokenCode) {}

  public IssuedCredentials assumeRole(Caller caller, RequestFacts facts, AssumeRoleRequest request, Instant now) {
    if (request.sessionName() == null || !SESSION_NAME.matcher(request.sessionName()).matches()) {
      throw IamErrors.validation("1 validation error detected: Value '" + request.sessionName()
          + "' at 'roleSessionName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]*");
    }
    Arn roleArn = Arn.parse(request.roleArn())
        .filter(arn -> arn.service().equals("iam") && arn.resourceType().equals("role") && arn.accountId().matches("\\d{12}"))
        .orElseThrow(() -> IamErrors.validation("Invalid RoleArn: " + request.roleArn()));
    AccessDenied denied = new AccessDenied(caller.principalArn(), Action.ASSUME_ROLE, request.roleArn(), "");
    Role role = identities.findRole(roleArn.accountId(), roleArn.resourceName())
        .filter(found -> found.arn().equals(roleArn.toString()))
        .orElseThrow(() -> denied);
    int duration = request.durationSeconds() == null ? 3600 : request.durationSeconds();
    if (duration < 900 || duration > role.maxSessionDuration()) {
      throw IamErrors.validation("The requested DurationSeconds exceeds the MaxSessionDuration set for this role.");
    }
    PolicyDocument sessionPolicy = null;
    if (request.sessionPolicy() != null) {
      try {
        sessionPolicy = PolicyDocument.parse(request.sessionPolicy());
      } catch (MalformedPolicyDocumentException e) {
        throw IamErrors.malformedPolicy(e.getMessage());
      }
    }
    Instant mfaAt = caller.mfaAuthenticatedAt();
    if (request.serialNumber() != null) {
      if (caller.type() != PrincipalType.USER || !credentials.verifyMfaCode(caller.userId(), request.serialNumber(), request.tokenCode(), now)) {
        throw IamErrors.accessDenied("MultiFactorAuthentication failed with invalid MFA one time pass code.");
      }
      mfaAt = now;
    }

    Map<String, List<String>> keys = new LinkedHashMap<>();
    if (request.externalId() != null) {
      keys.put("sts:ExternalId", List.of(request.externalId()));
    }
    keys.put("sts:RoleSessionName", List.of(request.sessionName()));
    if (mfaAt != null) {
      keys.put("aws:MultiFactorAuthPresent", List.of("true"));
    }
    request.tags().forEach((k, v) -> keys.put("aws:RequestTag/" + k, List.of(v)));
    if (!request.tags().isEmpty()) {
      keys.put("aws:TagKeys", List.copyOf(request.tags().keySet()));
    }
    AccessRequest question = AccessRequest.of(caller, facts, Action.ASSUME_ROLE, role.arn())
        .withKeys(keys)
        .withResourcePolicy(PolicyDocument.parseTrustPolicy(role.trustPolicy()));
    if (!access.decide(question).allowed()) {
      throw denied;
    }

    String sessionArn = Arn.assumedRole(role.accountId(), role.roleName(), request.sessionName()).toString();
    String principalId = role.roleId() + ":" + request.sessionName();
    Instant expiration = now.plus(Duration.ofSeconds(duration));
    String accessKeyId = IdGenerator.newId("ASIA");
    String token = newSessionToken();
    String secret = IdGenerator.newSecretAccessKey();
    credentials.createSession(new Session(accessKeyId, token, expiration, role.accountId(), sessionArn, principalId, Entities.ROLE,
        role.roleId(), null, sessionPolicy == null ? null : sessionPolicy.json(), tagsJson(request.tags()), mfaAt), secret);
    return new IssuedCredentials(accessKeyId, secret, token, expiration, principalId, sessionArn);
  }

  public IssuedCredentials getSessionToken(Caller caller, Integer durationSeconds, String serialNumber, String tokenCode, Instant now) {
    if (caller.type() != PrincipalType.USER && caller.type() != PrincipalType.ROOT) {
      throw IamErrors.accessDenied("Cannot call GetSessionToken with session credentials");
    }
    // AWS: "Sessions for AWS account owners are restricted to a maximum of 3,600 seconds (one
    // hour)", and the default is 43,200 s only for IAM users, so root with no arguments gets 3,600.
    int max = caller.type() == PrincipalType.ROOT ? 3600 : 129_600;
    int duration = durationSeconds == null ? Math.min(43_200, max) : durationSeconds;
    if (duration < 900 || duration > max) {
      throw IamErrors.validation("1 validation error detected: Value '" + duration
          + "' at 'durationSeconds' failed to satisfy constraint: Member must have value between 900 and " + max);
    }
    Instant mfaAt = null;
    if (serialNumber != null || tokenCode != null) {
      if (caller.type() != PrincipalType.USER || !credentials.verifyMfaCode(caller.userId(), serialNumber, tokenCode, now)) {
        throw IamErrors.accessDenied("MultiFactorAuthentication failed with invalid MFA one time pass code.");
      }
      mfaAt = now;
    }
    Instant expiration = now.plus(Duration.ofSeconds(duration));
    String accessKeyId = IdGenerator.newId("ASIA");
    String token = newSessionToken();
    String secret = IdGenerator.newSecretAccessKey();
    String sourceId = caller.type() == PrincipalType.ROOT ? caller.accountId() : caller.userId();
    credentials.createSession(new Session(accessKeyId, token, expiration, caller.accountId(), caller.principalArn(), caller.userId(),
        Entities.USER, sourceId, caller.userName(), null, null, mfaAt), secret);
    return new IssuedCredentials(accessKeyId, secret, token, expiration, null, null);
  }

  private static String newSessionToken() {
    return "FwoGZXIvYXdzE" + IdGenerator.random(TOKEN_ALPHABET, 300);
  }

  private static String tagsJson(Map<String, String> tags) {
    return tags.isEmpty() ? null : JSON.valueToTree(tags).toString();
  }
}
