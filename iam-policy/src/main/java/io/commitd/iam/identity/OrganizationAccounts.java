package io.commitd.iam.identity;

import io.commitd.storage.db.Sql;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The member accounts the management account created through AWS Organizations' CreateAccount:
 * each a new account with its own root access key.
 */
public final class OrganizationAccounts {
  private static final SecureRandom RANDOM = new SecureRandom();

  private final Sql sql;
  private final Accounts accounts;

  public OrganizationAccounts(Sql sql, Accounts accounts) {
    this.sql = sql;
    this.accounts = accounts;
  }

  /** A member account, and the request that created it. */
  public record Member(String accountId, String requestId, String name, String email, Instant createdAt) {}

  /** A new member account and its root user's first access key (the only time the secret is shown). */
  public record Created(Member member, CredentialStore.NewAccessKey rootKey) {}

  public Created create(String name, String email, Instant now) {
    String accountId;
    do {
      accountId = String.format("%012d", Math.floorMod(RANDOM.nextLong(), 1_000_000_000_000L));
    } while (accountId.startsWith("0") || exists(accountId));
    CredentialStore.NewAccessKey key = accounts.createWithRootKey(accountId, now);
    StringBuilder requestId = new StringBuilder("car-");
    for (int i = 0; i < 32; i++) {
      requestId.append(Character.forDigit(RANDOM.nextInt(36), 36));
    }
    Member member = new Member(accountId, requestId.toString(), name, email, now);
    sql.update("INSERT INTO organization_accounts (account_id, request_id, account_name, email, created_at) VALUES (?, ?, ?, ?, ?)",
        accountId, member.requestId(), name, email, now.toEpochMilli());
    return new Created(member, key);
  }

  public List<Member> list() {
    return sql.query("SELECT account_id, request_id, account_name, email, created_at FROM organization_accounts ORDER BY created_at, account_id",
        OrganizationAccounts::member);
  }

  public Optional<Member> byAccountId(String accountId) {
    return sql.queryOne("SELECT account_id, request_id, account_name, email, created_at FROM organization_accounts WHERE account_id = ?",
        OrganizationAccounts::member, accountId);
  }

  public Optional<Member> byRequestId(String requestId) {
    return sql.queryOne("SELECT account_id, request_id, account_name, email, created_at FROM organization_accounts WHERE request_id = ?",
        OrganizationAccounts::member, requestId);
  }

  private boolean exists(String accountId) {
    return sql.queryOne("SELECT COUNT(*) FROM accounts WHERE account_id = ?", r -> r.getLong(1), accountId).orElse(0L) > 0;
  }

  private static Member member(java.sql.ResultSet row) throws java.sql.SQLException {
    return new Member(row.getString("account_id"), row.getString("request_id"), row.getString("account_name"),
        row.getString("email"), Instant.ofEpochMilli(row.getLong("created_at")));
  }
}
