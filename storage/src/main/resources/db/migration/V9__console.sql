-- The web console (issue 16). A login profile is an IAM user's console password (IAM's
-- CreateLoginProfile), hashed like Git credential passwords; the account password policy is IAM's
-- one per account. Console sessions live here, not in a node's memory, so any node serves any
-- session. The cookie carries a random id; the table keeps only its SHA-256, so a read of the
-- table does not yield a usable session.
CREATE TABLE iam_login_profiles (
  user_id                 VARCHAR(32)   PRIMARY KEY REFERENCES iam_users (user_id) ON DELETE CASCADE,
  password_hash           VARCHAR(256)  NOT NULL,
  password_reset_required BOOLEAN       NOT NULL,
  created_at              BIGINT        NOT NULL,
  password_last_used      BIGINT
);

CREATE TABLE iam_password_policies (
  account_id     VARCHAR(12)   PRIMARY KEY REFERENCES accounts (account_id),
  policy         VARCHAR(2048) NOT NULL
);

CREATE TABLE console_sessions (
  session_hash   VARCHAR(64)   PRIMARY KEY,
  account_id     VARCHAR(12)   NOT NULL,
  principal_kind VARCHAR(8)    NOT NULL,
  user_id        VARCHAR(32),
  csrf_token     VARCHAR(64)   NOT NULL,
  mfa_at         BIGINT,
  created_at     BIGINT        NOT NULL,
  expires_at     BIGINT        NOT NULL
);

CREATE INDEX console_sessions_expiry ON console_sessions (expires_at);
