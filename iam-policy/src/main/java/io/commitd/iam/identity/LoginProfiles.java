package io.commitd.iam.identity;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.commitd.iam.identity.Entities.User;
import io.commitd.storage.db.DatabaseException;
import io.commitd.storage.db.Sql;
import io.commitd.storage.errors.AwsException;
import java.time.Instant;
import java.util.Optional;

/**
 * IAM users' console passwords (login profiles) and the account password policy: what
 * {@code CreateLoginProfile}, {@code ChangePassword} and {@code UpdateAccountPasswordPolicy} keep,
 * and the password check of a console sign-in. Passwords are stored as {@link PasswordHasher}
 * hashes only.
 */
public final class LoginProfiles {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Sql sql;

  public LoginProfiles(Sql sql) {
    this.sql = sql;
  }

  /** A user's login profile, without its password. */
  public record LoginProfile(String userId, boolean passwordResetRequired, Instant createdAt, Instant passwordLastUsed) {}

  public LoginProfile create(User user, String password, boolean resetRequired, Instant now) {
    if (find(user.userId()).isPresent()) {
      throw IamErrors.alreadyExists("Login Profile for user " + user.userName() + " already exists.");
    }
    policy(user.accountId()).check(password);
    try {
      sql.update("INSERT INTO iam_login_profiles (user_id, password_hash, password_reset_required, created_at) VALUES (?, ?, ?, ?)",
          user.userId(), PasswordHasher.hash(password), resetRequired, now.toEpochMilli());
    } catch (DatabaseException e) {
      if (e.isUniqueViolation()) {
        throw IamErrors.alreadyExists("Login Profile for user " + user.userName() + " already exists.");
      }
      throw e;
    }
    return new LoginProfile(user.userId(), resetRequired, now, null);
  }

  public Optional<LoginProfile> find(String userId) {
    return sql.queryOne("SELECT user_id, password_reset_required, created_at, password_last_used FROM iam_login_profiles WHERE user_id = ?",
        r -> {
          long used = r.getLong(4);
          Instant lastUsed = r.wasNull() ? null : Instant.ofEpochMilli(used);
          return new LoginProfile(r.getString(1), r.getBoolean(2), Instant.ofEpochMilli(r.getLong(3)), lastUsed);
        }, userId);
  }

  public LoginProfile require(User user) {
    return find(user.userId()).orElseThrow(() -> noProfile(user));
  }

  /** UpdateLoginProfile: a new password and/or a new reset flag, either may be null. */
  public void update(User user, String password, Boolean resetRequired) {
    LoginProfile profile = require(user);
    if (password != null) {
      policy(user.accountId()).check(password);
      sql.update("UPDATE iam_login_profiles SET password_hash = ? WHERE user_id = ?", PasswordHasher.hash(password), user.userId());
    }
    if (resetRequired != null && resetRequired != profile.passwordResetRequired()) {
      sql.update("UPDATE iam_login_profiles SET password_reset_required = ? WHERE user_id = ?", resetRequired, user.userId());
    }
  }

  public void delete(User user) {
    if (sql.update("DELETE FROM iam_login_profiles WHERE user_id = ?", user.userId()) == 0) {
      throw noProfile(user);
    }
  }

  /** ChangePassword: the user's own, knowing the old one; clears a required reset. */
  public void changePassword(User user, String oldPassword, String newPassword) {
    require(user);
    if (!policy(user.accountId()).allowUsersToChangePassword()) {
      throw IamErrors.accessDenied("The account password policy does not allow users to change their own password.");
    }
    if (!passwordMatches(user.userId(), oldPassword)) {
      throw IamErrors.invalidInput("The old password is incorrect.");
    }
    policy(user.accountId()).check(newPassword);
    sql.update("UPDATE iam_login_profiles SET password_hash = ?, password_reset_required = FALSE WHERE user_id = ?",
        PasswordHasher.hash(newPassword), user.userId());
  }

  /** The console sign-in check: true when {@code password} is the user's console password; records the use. */
  public boolean verify(User user, String password, Instant now) {
    if (!passwordMatches(user.userId(), password)) {
      return false;
    }
    sql.update("UPDATE iam_login_profiles SET password_last_used = ? WHERE user_id = ?", now.toEpochMilli(), user.userId());
    return true;
  }

  private boolean passwordMatches(String userId, String password) {
    return password != null && sql.queryOne("SELECT password_hash FROM iam_login_profiles WHERE user_id = ?", r -> r.getString(1), userId)
        .map(hash -> PasswordHasher.matches(password, hash))
        .orElse(false);
  }

  private static AwsException noProfile(User user) {
    return IamErrors.noSuchEntity("Login Profile for User " + user.userName() + " cannot be found.");
  }

  // ---- the account password policy

  /** The policy in force: the account's own, or IAM's default. */
  public PasswordPolicy policy(String accountId) {
    return storedPolicy(accountId).orElse(PasswordPolicy.DEFAULT);
  }

  /** The account's own policy, if it set one (GetAccountPasswordPolicy answers NoSuchEntity otherwise). */
  public Optional<PasswordPolicy> storedPolicy(String accountId) {
    return sql.queryOne("SELECT policy FROM iam_password_policies WHERE account_id = ?", r -> r.getString(1), accountId)
        .map(LoginProfiles::parse);
  }

  public void putPolicy(String accountId, PasswordPolicy policy) {
    String json;
    try {
      json = JSON.writeValueAsString(policy);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a password policy always serializes", e);
    }
    sql.database().inTransaction(c -> {
      Sql.update(c, "DELETE FROM iam_password_policies WHERE account_id = ?", accountId);
      return Sql.update(c, "INSERT INTO iam_password_policies (account_id, policy) VALUES (?, ?)", accountId, json);
    });
  }

  public void deletePolicy(String accountId) {
    if (sql.update("DELETE FROM iam_password_policies WHERE account_id = ?", accountId) == 0) {
      throw IamErrors.noSuchEntity("The Password Policy with domain name " + accountId + " cannot be found.");
    }
  }

  private static PasswordPolicy parse(String json) {
    try {
      return JSON.readValue(json, PasswordPolicy.class);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a stored password policy is not readable", e);
    }
  }
}
