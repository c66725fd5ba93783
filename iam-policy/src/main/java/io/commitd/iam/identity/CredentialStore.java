package io.commitd.iam.identity;

import io.commitd.iam.identity.Entities.AccessKey;
import io.commitd.iam.identity.Entities.MfaDevice;
import io.commitd.iam.identity.Entities.ServiceCredential;
import io.commitd.iam.identity.Entities.Session;
import io.commitd.iam.identity.Entities.SshKey;
import io.commitd.storage.db.DatabaseException;
import io.commitd.storage.db.Sql;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The secrets of identities: access keys (secrets sealed under the master key), SSH public keys,
 * Git credentials (passwords hashed), virtual MFA devices (seeds sealed) and STS sessions.
 */
public final class CredentialStore {
  public static final String ACTIVE = "Active";
  public static final String INACTIVE = "Inactive";

  private final Sql sql;
  private final SecretBox secrets;
  private final VerifiedPasswords verifiedPasswords = new VerifiedPasswords();

  public CredentialStore(Sql sql, SecretBox secrets) {
    this.sql = sql;
    this.secrets = secrets;
  }

  // ---- access keys

  /** A new active access key; {@code userId} null makes it the account's root key. Returns it with its secret. */
  public NewAccessKey createAccessKey(String accountId, String userId, Instant now) {
    if (userId != null && countKeys(userId) >= 2) {
      throw IamErrors.limitExceeded("Cannot exceed quota for AccessKeysPerUser: 2");
    }
    String id = IdGenerator.newId("AKIA");
    String secret = IdGenerator.newSecretAccessKey();
    sql.update("INSERT INTO iam_access_keys (access_key_id, account_id, user_id, secret, status, created_at) VALUES (?, ?, ?, ?, ?, ?)",
        id, accountId, userId, secrets.seal(secret), ACTIVE, now.toEpochMilli());
    return new NewAccessKey(new AccessKey(id, accountId, userId, ACTIVE, now), secret);
  }

  /** An access key with its secret, shown once at creation. */
  public record NewAccessKey(AccessKey key, String secret) {}

  private long countKeys(String userId) {
    return sql.queryOne("SELECT COUNT(*) FROM iam_access_keys WHERE user_id = ?", r -> r.getLong(1), userId).orElse(0L);
  }

  public List<AccessKey> accessKeysOf(String userId) {
    return sql.query("SELECT access_key_id, account_id, user_id, status, created_at FROM iam_access_keys WHERE user_id = ? ORDER BY created_at",
        CredentialStore::accessKey, userId);
  }

  /** The key and its opened secret, whatever its status. */
  public Optional<KeyWithSecret> findAccessKey(String accessKeyId) {
    return sql.queryOne("SELECT access_key_id, account_id, user_id, status, created_at, secret FROM iam_access_keys WHERE access_key_id = ?",
        r -> new KeyWithSecret(accessKey(r), secrets.open(r.getString(6))), accessKeyId);
  }

  /** A stored access key and its secret. */
  public record KeyWithSecret(AccessKey key, String secret) {}

  public void updateAccessKeyStatus(String userId, String accessKeyId, String status) {
    if (sql.update("UPDATE iam_access_keys SET status = ? WHERE access_key_id = ? AND user_id = ?", status, accessKeyId, userId) == 0) {
      throw IamErrors.noSuchEntity("The Access Key with id " + accessKeyId + " cannot be found.");
    }
  }

  public void deleteAccessKey(String userId, String accessKeyId) {
    if (sql.update("DELETE FROM iam_access_keys WHERE access_key_id = ? AND user_id = ?", accessKeyId, userId) == 0) {
      throw IamErrors.noSuchEntity("The Access Key with id " + accessKeyId + " cannot be found.");
    }
  }

  // ---- SSH public keys

  public SshKey uploadSshKey(String userId, String body, String fingerprint, Instant now) {
    boolean duplicate = sql.queryOne("SELECT COUNT(*) FROM iam_ssh_keys WHERE user_id = ? AND fingerprint = ?", r -> r.getLong(1), userId, fingerprint)
        .orElse(0L) > 0;
    if (duplicate) {
      throw new io.commitd.storage.errors.AwsException("DuplicateSSHPublicKey", 400, "The public key is already associated with the user.");
    }
    SshKey key = new SshKey(IdGenerator.newId("APKA"), userId, body, fingerprint, ACTIVE, now);
    sql.update("INSERT INTO iam_ssh_keys (ssh_key_id, user_id, body, fingerprint, status, uploaded_at) VALUES (?, ?, ?, ?, ?, ?)",
        key.sshKeyId(), userId, body, fingerprint, ACTIVE, now.toEpochMilli());
    return key;
  }

  public List<SshKey> sshKeysOf(String userId) {
    return sql.query("SELECT " + SSH_COLUMNS + " FROM iam_ssh_keys WHERE user_id = ? ORDER BY uploaded_at", CredentialStore::sshKey, userId);
  }

  public Optional<SshKey> findSshKey(String sshKeyId) {
    return sql.queryOne("SELECT " + SSH_COLUMNS + " FROM iam_ssh_keys WHERE ssh_key_id = ?", CredentialStore::sshKey, sshKeyId);
  }

  public SshKey requireSshKey(String userId, String sshKeyId) {
    return findSshKey(sshKeyId).filter(k -> k.userId().equals(userId))
        .orElseThrow(() -> IamErrors.noSuchEntity("The Public Key with id " + sshKeyId + " cannot be found."));
  }

  public void updateSshKeyStatus(String userId, String sshKeyId, String status) {
    requireSshKey(userId, sshKeyId);
    sql.update("UPDATE iam_ssh_keys SET status = ? WHERE ssh_key_id = ?", status, sshKeyId);
  }

  public void deleteSshKey(String userId, String sshKeyId) {
    requireSshKey(userId, sshKeyId);
    sql.update("DELETE FROM iam_ssh_keys WHERE ssh_key_id = ?", sshKeyId);
  }

  // ---- service-specific credentials (Git credentials)

  /** A new credential for {@code serviceName}; returns it with its password, shown once. */
  public NewServiceCredential createServiceCredential(String userId, String userName, String accountId, String serviceName, Instant now) {
    long existing = sql.queryOne("SELECT COUNT(*) FROM iam_service_credentials WHERE user_id = ? AND service_name = ?",
        r -> r.getLong(1), userId, serviceName).orElse(0L);
    if (existing >= 2) {
      throw IamErrors.limitExceeded("Cannot exceed quota for ServiceSpecificCredentialsPerUserPerService: 2");
    }
    String password = IdGenerator.random("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+=", 44);
    String serviceUserName = userName + "-at-" + accountId + (existing == 0 ? "" : "-" + IdGenerator.random("0123456789", 1));
    ServiceCredential credential = new ServiceCredential(IdGenerator.newId("ACCA"), userId, serviceName, serviceUserName, ACTIVE, now);
    try {
      sql.update("INSERT INTO iam_service_credentials (credential_id, user_id, service_name, service_user_name, password_hash, status, created_at)"
          + " VALUES (?, ?, ?, ?, ?, ?, ?)", credential.credentialId(), userId, serviceName, serviceUserName, PasswordHasher.hash(password),
          ACTIVE, now.toEpochMilli());
    } catch (DatabaseException e) {
      if (e.isUniqueViolation()) {
        throw IamErrors.limitExceeded("Cannot create another service-specific credential for this user now; try again.");
      }
      throw e;
    }
    return new NewServiceCredential(credential, password);
  }

  /** A Git credential with its password, shown once. */
  public record NewServiceCredential(ServiceCredential credential, String password) {}

  public List<ServiceCredential> serviceCredentialsOf(String userId) {
    return sql.query("SELECT " + CREDENTIAL_COLUMNS + " FROM iam_service_credentials WHERE user_id = ? ORDER BY created_at",
        CredentialStore::serviceCredential, userId);
  }

  public ServiceCredential requireServiceCredential(String userId, String credentialId) {
    return sql.queryOne("SELECT " + CREDENTIAL_COLUMNS + " FROM iam_service_credentials WHERE credential_id = ? AND user_id = ?",
            CredentialStore::serviceCredential, credentialId, userId)
        .orElseThrow(() -> IamErrors.noSuchEntity("No such credential " + credentialId + " exists."));
  }

  public String resetServiceCredential(String userId, String credentialId) {
    requireServiceCredential(userId, credentialId);
    String password = IdGenerator.random("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+=", 44);
    sql.update("UPDATE iam_service_credentials SET password_hash = ? WHERE credential_id = ?", PasswordHasher.hash(password), credentialId);
    return password;
  }

  public void updateServiceCredentialStatus(String userId, String credentialId, String status) {
    requireServiceCredential(userId, credentialId);
    sql.update("UPDATE iam_service_credentials SET status = ? WHERE credential_id = ?", status, credentialId);
  }

  public void deleteServiceCredential(String userId, String credentialId) {
    requireServiceCredential(userId, credentialId);
    sql.update("DELETE FROM iam_service_credentials WHERE credential_id = ?", credentialId);
  }

  /**
   * The user id whose active credential has this user name and password, if any. Only the
   * deliberately slow PBKDF2 check is remembered, per stored hash, because git authenticates every
   * request; callers that cache the row ({@link #findActiveServiceCredential}) key it by the IAM
   * generation, so a deactivated or reset credential stops working at the next request.
   */
  public Optional<String> authenticateServiceCredential(String serviceName, String serviceUserName, String password) {
    return findActiveServiceCredential(serviceName, serviceUserName)
        .filter(row -> passwordMatches(password, row.passwordHash()))
        .map(ActiveServiceCredential::userId);
  }

  /** An active credential's owner and password hash. */
  public record ActiveServiceCredential(String userId, String passwordHash) {}

  public Optional<ActiveServiceCredential> findActiveServiceCredential(String serviceName, String serviceUserName) {
    return sql.queryOne("SELECT user_id, password_hash FROM iam_service_credentials WHERE service_user_name = ? AND service_name = ? AND status = ?",
        r -> new ActiveServiceCredential(r.getString(1), r.getString(2)), serviceUserName, serviceName, ACTIVE);
  }

  /** Whether {@code password} is the one {@code passwordHash} was made from. */
  public boolean passwordMatches(String password, String passwordHash) {
    return verifiedPasswords.matches(password, passwordHash);
  }

  // ---- virtual MFA devices

  /** A new virtual device; returns it with its Base32 seed. */
  public String createVirtualMfaDevice(String accountId, String serialNumber, String deviceName, Instant now) {
    String seed = Totp.newSeed();
    try {
      sql.update("INSERT INTO iam_mfa_devices (serial_number, account_id, device_name, seed, created_at) VALUES (?, ?, ?, ?, ?)",
          serialNumber, accountId, deviceName, secrets.seal(seed), now.toEpochMilli());
    } catch (DatabaseException e) {
      if (e.isUniqueViolation()) {
        throw IamErrors.alreadyExists("MFADevice entity at the same path and name already exists.");
      }
      throw e;
    }
    return seed;
  }

  public void enableMfaDevice(String accountId, String userId, String serialNumber, String code1, String code2, Instant now) {
    String seed = sql.queryOne("SELECT seed FROM iam_mfa_devices WHERE serial_number = ? AND account_id = ?", r -> r.getString(1), serialNumber, accountId)
        .map(secrets::open)
        .orElseThrow(() -> IamErrors.noSuchEntity("VirtualMFADevice with serial number " + serialNumber + " doesn't exist."));
    // IAM asks for two consecutive codes; accept them from the current or previous window pair.
    long step = now.getEpochSecond() / 30;
    boolean valid = false;
    for (long s = step; s >= step - 2 && !valid; s--) {
      valid = Totp.codeForStep(seed, s - 1).equals(code1) && Totp.codeForStep(seed, s).equals(code2);
    }
    if (!valid) {
      throw new io.commitd.storage.errors.AwsException("InvalidAuthenticationCode", 403, "Authentication code for device is not valid.");
    }
    sql.update("UPDATE iam_mfa_devices SET user_id = ?, enabled_at = ? WHERE serial_number = ?", userId, now.toEpochMilli(), serialNumber);
  }

  public List<MfaDevice> mfaDevicesOf(String userId) {
    return sql.query("SELECT serial_number, account_id, user_id, enabled_at FROM iam_mfa_devices WHERE user_id = ? ORDER BY serial_number",
        r -> new MfaDevice(r.getString(1), r.getString(2), r.getString(3), Instant.ofEpochMilli(r.getLong(4))), userId);
  }

  /** True when {@code code} is the current code of an MFA device enabled for {@code userId}. */
  public boolean verifyMfaCode(String userId, String serialNumber, String code, Instant now) {
    return sql.queryOne("SELECT seed FROM iam_mfa_devices WHERE serial_number = ? AND user_id = ?", r -> r.getString(1), serialNumber, userId)
        .map(secrets::open)
        .map(seed -> Totp.verify(seed, code, now))
        .orElse(false);
  }

  // ---- STS sessions

  /** Stores a session and returns its secret access key. */
  public String createSession(Session session, String secret) {
    sql.update("INSERT INTO sts_sessions (access_key_id, secret, session_token, expires_at, account_id, principal_arn, principal_id,"
        + " source_kind, source_id, user_name, session_policy, session_tags, mfa_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        session.accessKeyId(), secrets.seal(secret), session.sessionToken(), session.expiresAt().toEpochMilli(), session.accountId(),
        session.principalArn(), session.principalId(), session.sourceKind(), session.sourceId(), session.userName(),
        session.sessionPolicy(), session.sessionTagsJson(), session.mfaAt() == null ? null : session.mfaAt().toEpochMilli());
    return secret;
  }

  /** The session of a temporary access key id and its opened secret. */
  public Optional<SessionWithSecret> findSession(String accessKeyId) {
    return sql.queryOne("SELECT access_key_id, session_token, expires_at, account_id, principal_arn, principal_id, source_kind, source_id,"
        + " user_name, session_policy, session_tags, mfa_at, secret FROM sts_sessions WHERE access_key_id = ?",
        r -> {
          long mfa = r.getLong(12);
          Instant mfaAt = r.wasNull() ? null : Instant.ofEpochMilli(mfa);
          Session session = new Session(r.getString(1), r.getString(2), Instant.ofEpochMilli(r.getLong(3)), r.getString(4), r.getString(5),
              r.getString(6), r.getString(7), r.getString(8), r.getString(9), r.getString(10), r.getString(11), mfaAt);
          return new SessionWithSecret(session, secrets.open(r.getString(13)));
        }, accessKeyId);
  }

  /** A stored session and its secret. */
  public record SessionWithSecret(Session session, String secret) {}

  private static final String SSH_COLUMNS = "ssh_key_id, user_id, body, fingerprint, status, uploaded_at";
  private static final String CREDENTIAL_COLUMNS = "credential_id, user_id, service_name, service_user_name, status, created_at";

  private static AccessKey accessKey(ResultSet r) throws SQLException {
    return new AccessKey(r.getString(1), r.getString(2), r.getString(3), r.getString(4), Instant.ofEpochMilli(r.getLong(5)));
  }

  private static SshKey sshKey(ResultSet r) throws SQLException {
    return new SshKey(r.getString(1), r.getString(2), r.getString(3), r.getString(4), r.getString(5), Instant.ofEpochMilli(r.getLong(6)));
  }

  private static ServiceCredential serviceCredential(ResultSet r) throws SQLException {
    return new ServiceCredential(r.getString(1), r.getString(2), r.getString(3), r.getString(4), r.getString(5), Instant.ofEpochMilli(r.getLong(6)));
  }
}
