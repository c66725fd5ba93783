package io.commitd.server.console;

import io.commitd.iam.auth.Caller;
import io.commitd.iam.auth.PrincipalType;
import io.commitd.iam.identity.IdentityStore;
import io.commitd.storage.db.Sql;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Console sessions in the metadata database, so any node serves any session. The cookie carries
 * a random id; the table keeps its SHA-256 only. Each session has its synchronizer CSRF token.
 */
final class ConsoleSessions {
  /** As long as an AWS console session. */
  static final Duration LIFETIME = Duration.ofHours(12);
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final String ROOT = "root";
  private static final String USER = "user";

  private final Sql sql;
  private final IdentityStore identities;

  ConsoleSessions(Sql sql, IdentityStore identities) {
    this.sql = sql;
    this.identities = identities;
  }

  /** A signed-in session: who, and the token every form of it must carry. */
  record Session(String id, Caller caller, String csrfToken, Instant expiresAt) {}

  Session open(Caller caller, Instant now) {
    String id = random();
    String csrf = random();
    Instant expires = now.plus(LIFETIME);
    sql.update("DELETE FROM console_sessions WHERE expires_at < ?", now.toEpochMilli());
    sql.update("INSERT INTO console_sessions (session_hash, account_id, principal_kind, user_id, csrf_token, mfa_at, created_at, expires_at)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        hash(id), caller.accountId(), caller.isRoot() ? ROOT : USER, caller.isRoot() ? null : caller.userId(), csrf,
        caller.mfaAuthenticatedAt() == null ? null : caller.mfaAuthenticatedAt().toEpochMilli(), now.toEpochMilli(), expires.toEpochMilli());
    return new Session(id, caller, csrf, expires);
  }

  /** The live session of a cookie value; a user deleted since sign-in has none. */
  Optional<Session> find(String id, Instant now) {
    if (id == null || id.isEmpty()) {
      return Optional.empty();
    }
    record Row(String accountId, String kind, String userId, String csrf, Instant mfaAt, Instant expiresAt) {}
    return sql.queryOne("SELECT account_id, principal_kind, user_id, csrf_token, mfa_at, expires_at FROM console_sessions WHERE session_hash = ?",
            r -> {
              long mfa = r.getLong(5);
              Instant mfaAt = r.wasNull() ? null : Instant.ofEpochMilli(mfa);
              return new Row(r.getString(1), r.getString(2), r.getString(3), r.getString(4), mfaAt, Instant.ofEpochMilli(r.getLong(6)));
            }, hash(id))
        .filter(row -> row.expiresAt().isAfter(now))
        .flatMap(row -> {
          if (ROOT.equals(row.kind())) {
            Caller root = Caller.root(row.accountId(), null);
            return Optional.of(new Session(id, new Caller(root.accountId(), root.principalArn(), root.userId(), null, PrincipalType.ROOT,
                null, row.mfaAt(), null), row.csrf(), row.expiresAt()));
          }
          return identities.findUserById(row.userId()).map(user -> new Session(id,
              new Caller(user.accountId(), user.arn(), user.userId(), user.userName(), PrincipalType.USER, null, row.mfaAt(), null),
              row.csrf(), row.expiresAt()));
        });
  }

  void close(String id) {
    if (id != null) {
      sql.update("DELETE FROM console_sessions WHERE session_hash = ?", hash(id));
    }
  }

  private static String random() {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  private static String hash(String id) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(id.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JRE", e);
    }
  }
}
