-- Portable between H2 (PostgreSQL mode) and PostgreSQL: times are epoch milliseconds.

CREATE TABLE accounts (
  account_id    VARCHAR(12)  PRIMARY KEY,
  created_at    BIGINT       NOT NULL
);

CREATE TABLE repositories (
  repository_id    VARCHAR(36)   PRIMARY KEY,
  account_id       VARCHAR(12)   NOT NULL REFERENCES accounts (account_id),
  name             VARCHAR(100)  NOT NULL,
  description      VARCHAR(1000),
  default_branch   VARCHAR(256),
  kms_key_id       VARCHAR(2048),
  created_at       BIGINT        NOT NULL,
  last_modified_at BIGINT        NOT NULL,
  CONSTRAINT repositories_name_unique UNIQUE (account_id, name)
);

CREATE TABLE repository_tags (
  repository_id VARCHAR(36)  NOT NULL REFERENCES repositories (repository_id) ON DELETE CASCADE,
  tag_key       VARCHAR(128) NOT NULL,
  tag_value     VARCHAR(256) NOT NULL,
  PRIMARY KEY (repository_id, tag_key)
);

-- Every ref update and every state-changing call, in the transaction that records it.
CREATE TABLE audit_log (
  audit_id       BIGSERIAL     PRIMARY KEY,
  occurred_at    BIGINT        NOT NULL,
  account_id     VARCHAR(12)   NOT NULL,
  principal_arn  VARCHAR(2048) NOT NULL,
  action         VARCHAR(128)  NOT NULL,
  resource_arn   VARCHAR(2048) NOT NULL,
  detail         TEXT          NOT NULL
);
CREATE INDEX audit_log_account_time ON audit_log (account_id, occurred_at);

-- Events waiting for the trigger dispatcher; delivered at least once.
CREATE TABLE event_outbox (
  event_id        BIGSERIAL    PRIMARY KEY,
  created_at      BIGINT       NOT NULL,
  account_id      VARCHAR(12)  NOT NULL,
  repository_id   VARCHAR(36)  NOT NULL,
  event_type      VARCHAR(64)  NOT NULL,
  payload         TEXT         NOT NULL,
  attempts        INT          NOT NULL DEFAULT 0,
  next_attempt_at BIGINT       NOT NULL,
  delivered_at    BIGINT
);
CREATE INDEX event_outbox_pending ON event_outbox (delivered_at, next_attempt_at);
