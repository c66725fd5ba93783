package io.commitd.server.console;

import io.commitd.iam.auth.Caller;
import io.commitd.iam.auth.PrincipalType;
import io.commitd.iam.identity.CredentialStore;
import io.commitd.iam.identity.Entities.MfaDevice;
import io.commitd.iam.identity.Entities.User;
import io.commitd.iam.identity.IdentityStore;
import io.commitd.iam.identity.LoginProfiles;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Console sign-in as IAM does it: an IAM user with a login profile, by password and — when the user
 * has an MFA device — its current code; or the account root, by the root access key id and secret.
 */
final class SignIn {
  private final IdentityStore identities;
  private final LoginProfiles profiles;
  private final CredentialStore credentials;
  private final String rootAccessKeyId;
  private final String rootSecret;

  SignIn(IdentityStore identities, LoginProfiles profiles, CredentialStore credentials, String rootAccessKeyId, String rootSecret) {
    this.identities = identities;
    this.profiles = profiles;
    this.credentials = credentials;
    this.rootAccessKeyId = rootAccessKeyId;
    this.rootSecret = rootSecret;
  }

  /** The outcome of a sign-in attempt: a caller, or that an MFA code is needed, or a refusal. */
  record Outcome(Caller caller, boolean mfaRequired, boolean passwordResetRequired) {
    static final Outcome REFUSED = new Outcome(null, false, false);
  }

  Outcome user(String accountId, String userName, String password, String mfaCode, Instant now) {
    Optional<User> found = identities.findUser(accountId, userName == null ? "" : userName);
    if (found.isEmpty()) {
      // Same work as a real check, so the answer's timing does not say which user names exist.
      io.commitd.iam.identity.PasswordHasher.matches(password == null ? "" : password, DummyHash.VALUE);
      return Outcome.REFUSED;
    }
    User user = found.get();
    var profile = profiles.find(user.userId());
    if (profile.isEmpty() || !profiles.verify(user, password, now)) {
      return Outcome.REFUSED;
    }
    List<MfaDevice> devices = credentials.mfaDevicesOf(user.userId());
    Instant mfaAt = null;
    if (!devices.isEmpty()) {
      if (mfaCode == null || mfaCode.isBlank()) {
        return new Outcome(null, true, false);
      }
      boolean valid = devices.stream().anyMatch(d -> credentials.verifyMfaCode(user.userId(), d.serialNumber(), mfaCode.strip(), now));
      if (!valid) {
        return new Outcome(null, true, false);
      }
      mfaAt = now;
    }
    return new Outcome(new Caller(user.accountId(), user.arn(), user.userId(), user.userName(), PrincipalType.USER, null, mfaAt, null),
        false, profile.get().passwordResetRequired());
  }

  Outcome root(String accountId, String accessKeyId, String secret) {
    boolean keyMatches = MessageDigest.isEqual(bytes(accessKeyId), bytes(rootAccessKeyId));
    boolean secretMatches = MessageDigest.isEqual(bytes(secret), bytes(rootSecret));
    return keyMatches && secretMatches ? new Outcome(Caller.root(accountId, null), false, false) : Outcome.REFUSED;
  }

  private static byte[] bytes(String value) {
    return (value == null ? "" : value).getBytes(StandardCharsets.UTF_8);
  }

  /** Hashed at the first sign-in of an unknown name, not at start: a PBKDF2 hash took a tenth of the start-up. */
  private static final class DummyHash {
    static final String VALUE = io.commitd.iam.identity.PasswordHasher.hash("not a password anyone has");
  }
}
