package io.commitd.iam.identity;

import io.commitd.storage.db.Sql;
import java.time.Instant;

/** Accounts beyond the configured default: each with its own root access key. */
public final class Accounts {
  private final Sql sql;
  private final CredentialStore credentials;

  public Accounts(Sql sql, CredentialStore credentials) {
    this.sql = sql;
    this.credentials = credentials;
  }

  /** Creates the account if new and gives it a new root access key, returned with its secret. */
  public CredentialStore.NewAccessKey createWithRootKey(String accountId, Instant now) {
    if (!accountId.matches("\\d{12}")) {
      throw IamErrors.validation("An account id is 12 digits: " + accountId);
    }
    if (sql.queryOne("SELECT COUNT(*) FROM accounts WHERE account_id = ?", r -> r.getLong(1), accountId).orElse(0L) == 0) {
      sql.update("INSERT INTO accounts (account_id, created_at) VALUES (?, ?)", accountId, now.toEpochMilli());
    }
    return credentials.createAccessKey(accountId, null, now);
  }
}
