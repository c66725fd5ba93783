-- IAM identities and STS sessions. Secrets are stored encrypted (access keys, TOTP seeds) or
-- hashed (Git credential passwords); times are epoch milliseconds.

CREATE TABLE iam_users (
  user_id         VARCHAR(32)   PRIMARY KEY,
  account_id      VARCHAR(12)   NOT NULL REFERENCES accounts (account_id),
  user_name       VARCHAR(64)   NOT NULL,
  path            VARCHAR(512)  NOT NULL,
  created_at      BIGINT        NOT NULL,
  boundary_arn    VARCHAR(2048),
  CONSTRAINT iam_users_name_unique UNIQUE (account_id, user_name)
);

CREATE TABLE iam_groups (
  group_id        VARCHAR(32)   PRIMARY KEY,
  account_id      VARCHAR(12)   NOT NULL REFERENCES accounts (account_id),
  group_name      VARCHAR(128)  NOT NULL,
  path            VARCHAR(512)  NOT NULL,
  created_at      BIGINT        NOT NULL,
  CONSTRAINT iam_groups_name_unique UNIQUE (account_id, group_name)
);

CREATE TABLE iam_group_members (
  group_id        VARCHAR(32)   NOT NULL REFERENCES iam_groups (group_id) ON DELETE CASCADE,
  user_id         VARCHAR(32)   NOT NULL REFERENCES iam_users (user_id) ON DELETE CASCADE,
  PRIMARY KEY (group_id, user_id)
);

CREATE TABLE iam_roles (
  role_id         VARCHAR(32)   PRIMARY KEY,
  account_id      VARCHAR(12)   NOT NULL REFERENCES accounts (account_id),
  role_name       VARCHAR(64)   NOT NULL,
  path            VARCHAR(512)  NOT NULL,
  trust_policy    TEXT          NOT NULL,
  description     VARCHAR(1000),
  max_session     INT           NOT NULL,
  created_at      BIGINT        NOT NULL,
  boundary_arn    VARCHAR(2048),
  CONSTRAINT iam_roles_name_unique UNIQUE (account_id, role_name)
);

CREATE TABLE iam_policies (
  policy_arn      VARCHAR(2048) PRIMARY KEY,
  policy_id       VARCHAR(32)   NOT NULL,
  account_id      VARCHAR(12)   NOT NULL REFERENCES accounts (account_id),
  policy_name     VARCHAR(128)  NOT NULL,
  path            VARCHAR(512)  NOT NULL,
  description     VARCHAR(1000),
  default_version VARCHAR(16)   NOT NULL,
  next_version    INT           NOT NULL,
  created_at      BIGINT        NOT NULL,
  updated_at      BIGINT        NOT NULL
);

CREATE TABLE iam_policy_versions (
  policy_arn      VARCHAR(2048) NOT NULL REFERENCES iam_policies (policy_arn) ON DELETE CASCADE,
  version_id      VARCHAR(16)   NOT NULL,
  document        TEXT          NOT NULL,
  created_at      BIGINT        NOT NULL,
  PRIMARY KEY (policy_arn, version_id)
);

-- principal_kind is 'user', 'group' or 'role'; principal_id the entity's id.
CREATE TABLE iam_attachments (
  principal_kind  VARCHAR(8)    NOT NULL,
  principal_id    VARCHAR(32)   NOT NULL,
  policy_arn      VARCHAR(2048) NOT NULL REFERENCES iam_policies (policy_arn),
  PRIMARY KEY (principal_kind, principal_id, policy_arn)
);

CREATE TABLE iam_inline_policies (
  principal_kind  VARCHAR(8)    NOT NULL,
  principal_id    VARCHAR(32)   NOT NULL,
  policy_name     VARCHAR(128)  NOT NULL,
  document        TEXT          NOT NULL,
  PRIMARY KEY (principal_kind, principal_id, policy_name)
);

CREATE TABLE iam_tags (
  principal_kind  VARCHAR(8)    NOT NULL,
  principal_id    VARCHAR(32)   NOT NULL,
  tag_key         VARCHAR(128)  NOT NULL,
  tag_value       VARCHAR(256)  NOT NULL,
  PRIMARY KEY (principal_kind, principal_id, tag_key)
);

-- user_id NULL: the account's root access key.
CREATE TABLE iam_access_keys (
  access_key_id   VARCHAR(32)   PRIMARY KEY,
  account_id      VARCHAR(12)   NOT NULL REFERENCES accounts (account_id),
  user_id         VARCHAR(32)   REFERENCES iam_users (user_id) ON DELETE CASCADE,
  secret          VARCHAR(512)  NOT NULL,
  status          VARCHAR(16)   NOT NULL,
  created_at      BIGINT        NOT NULL
);

CREATE TABLE iam_ssh_keys (
  ssh_key_id      VARCHAR(32)   PRIMARY KEY,
  user_id         VARCHAR(32)   NOT NULL REFERENCES iam_users (user_id) ON DELETE CASCADE,
  body            TEXT          NOT NULL,
  fingerprint     VARCHAR(128)  NOT NULL,
  status          VARCHAR(16)   NOT NULL,
  uploaded_at     BIGINT        NOT NULL
);

CREATE TABLE iam_service_credentials (
  credential_id     VARCHAR(32)   PRIMARY KEY,
  user_id           VARCHAR(32)   NOT NULL REFERENCES iam_users (user_id) ON DELETE CASCADE,
  service_name      VARCHAR(128)  NOT NULL,
  service_user_name VARCHAR(256)  NOT NULL UNIQUE,
  password_hash     VARCHAR(512)  NOT NULL,
  status            VARCHAR(16)   NOT NULL,
  created_at        BIGINT        NOT NULL
);

-- user_id is NULL until the device is enabled for a user.
CREATE TABLE iam_mfa_devices (
  serial_number   VARCHAR(2048) PRIMARY KEY,
  account_id      VARCHAR(12)   NOT NULL REFERENCES accounts (account_id),
  device_name     VARCHAR(256)  NOT NULL,
  user_id         VARCHAR(32)   REFERENCES iam_users (user_id) ON DELETE SET NULL,
  seed            VARCHAR(512)  NOT NULL,
  created_at      BIGINT        NOT NULL,
  enabled_at      BIGINT
);

CREATE TABLE sts_sessions (
  access_key_id   VARCHAR(32)   PRIMARY KEY,
  secret          VARCHAR(512)  NOT NULL,
  session_token   VARCHAR(1024) NOT NULL,
  expires_at      BIGINT        NOT NULL,
  account_id      VARCHAR(12)   NOT NULL,
  principal_arn   VARCHAR(2048) NOT NULL,
  principal_id    VARCHAR(256)  NOT NULL,
  source_kind     VARCHAR(8)    NOT NULL,
  source_id       VARCHAR(32)   NOT NULL,
  user_name       VARCHAR(64),
  session_policy  TEXT,
  session_tags    TEXT,
  mfa_at          BIGINT
);
