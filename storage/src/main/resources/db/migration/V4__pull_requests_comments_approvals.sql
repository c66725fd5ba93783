-- Pull requests, their events, comments and reactions, and approval rules, templates and approvals.
-- Portable between H2 (PostgreSQL mode) and PostgreSQL: times are epoch milliseconds.

CREATE SEQUENCE pull_request_ids START WITH 1;

CREATE TABLE pull_requests (
  pull_request_id      BIGINT        PRIMARY KEY,
  account_id           VARCHAR(12)   NOT NULL,
  repository_id        VARCHAR(36)   NOT NULL,
  title                VARCHAR(600)  NOT NULL,
  description          TEXT,
  status               VARCHAR(6)    NOT NULL,
  author_arn           VARCHAR(2048) NOT NULL,
  client_request_token VARCHAR(256),
  revision_id          VARCHAR(64)   NOT NULL,
  created_at           BIGINT        NOT NULL,
  last_activity_at     BIGINT        NOT NULL,
  -- The one target CodeCommit allows per pull request.
  source_reference     VARCHAR(1024) NOT NULL,
  destination_reference VARCHAR(1024) NOT NULL,
  source_commit        VARCHAR(40)   NOT NULL,
  destination_commit   VARCHAR(40)   NOT NULL,
  merge_base           VARCHAR(40),
  is_merged            BOOLEAN       NOT NULL,
  merged_by            VARCHAR(2048),
  merge_commit_id      VARCHAR(40),
  merge_option         VARCHAR(32),
  override_status      VARCHAR(16),
  overrider_arn        VARCHAR(2048),
  CONSTRAINT pull_requests_token_unique UNIQUE (account_id, client_request_token)
);
CREATE INDEX pull_requests_repository ON pull_requests (repository_id, status);

CREATE TABLE pull_request_events (
  event_id        BIGSERIAL     PRIMARY KEY,
  pull_request_id BIGINT        NOT NULL REFERENCES pull_requests (pull_request_id) ON DELETE CASCADE,
  event_date      BIGINT        NOT NULL,
  event_type      VARCHAR(64)   NOT NULL,
  actor_arn       VARCHAR(2048) NOT NULL,
  metadata        TEXT          NOT NULL
);
CREATE INDEX pull_request_events_by_request ON pull_request_events (pull_request_id, event_id);

CREATE TABLE comments (
  comment_id            VARCHAR(36)   PRIMARY KEY,
  account_id            VARCHAR(12)   NOT NULL,
  repository_id         VARCHAR(36)   NOT NULL,
  pull_request_id       BIGINT,
  before_commit_id      VARCHAR(40),
  after_commit_id       VARCHAR(40)   NOT NULL,
  before_blob_id        VARCHAR(40),
  after_blob_id         VARCHAR(40),
  file_path             VARCHAR(4096),
  file_position         BIGINT,
  relative_file_version VARCHAR(6),
  content               TEXT          NOT NULL,
  author_arn            VARCHAR(2048) NOT NULL,
  in_reply_to           VARCHAR(36),
  deleted               BOOLEAN       NOT NULL,
  client_request_token  VARCHAR(256),
  created_at            BIGINT        NOT NULL,
  last_modified_at      BIGINT        NOT NULL,
  CONSTRAINT comments_token_unique UNIQUE (account_id, client_request_token)
);
CREATE INDEX comments_by_commits ON comments (repository_id, after_commit_id);
CREATE INDEX comments_by_pull_request ON comments (pull_request_id);
CREATE INDEX comments_replies ON comments (in_reply_to);

CREATE TABLE comment_reactions (
  comment_id     VARCHAR(36)   NOT NULL REFERENCES comments (comment_id) ON DELETE CASCADE,
  user_arn       VARCHAR(2048) NOT NULL,
  reaction_value VARCHAR(64)   NOT NULL,
  reacted_at     BIGINT        NOT NULL,
  PRIMARY KEY (comment_id, user_arn)
);

CREATE TABLE approval_rule_templates (
  template_id       VARCHAR(36)   PRIMARY KEY,
  account_id        VARCHAR(12)   NOT NULL,
  name              VARCHAR(100)  NOT NULL,
  description       VARCHAR(1000) NOT NULL,
  content           TEXT          NOT NULL,
  content_sha256    VARCHAR(64)   NOT NULL,
  created_at        BIGINT        NOT NULL,
  last_modified_at  BIGINT        NOT NULL,
  last_modified_user VARCHAR(2048) NOT NULL,
  CONSTRAINT approval_rule_templates_name_unique UNIQUE (account_id, name)
);

CREATE TABLE approval_rule_template_repositories (
  template_id   VARCHAR(36) NOT NULL REFERENCES approval_rule_templates (template_id) ON DELETE CASCADE,
  repository_id VARCHAR(36) NOT NULL REFERENCES repositories (repository_id) ON DELETE CASCADE,
  PRIMARY KEY (template_id, repository_id)
);

CREATE TABLE pull_request_approval_rules (
  rule_id            VARCHAR(36)   PRIMARY KEY,
  pull_request_id    BIGINT        NOT NULL REFERENCES pull_requests (pull_request_id) ON DELETE CASCADE,
  name               VARCHAR(100)  NOT NULL,
  content            TEXT          NOT NULL,
  content_sha256     VARCHAR(64)   NOT NULL,
  origin_template_id VARCHAR(36),
  origin_template_name VARCHAR(100),
  created_at         BIGINT        NOT NULL,
  last_modified_at   BIGINT        NOT NULL,
  last_modified_user VARCHAR(2048) NOT NULL,
  CONSTRAINT pull_request_approval_rules_name_unique UNIQUE (pull_request_id, name)
);

-- Approvals belong to a revision: a new source revision leaves them behind.
CREATE TABLE pull_request_approvals (
  pull_request_id BIGINT        NOT NULL REFERENCES pull_requests (pull_request_id) ON DELETE CASCADE,
  revision_id     VARCHAR(64)   NOT NULL,
  user_arn        VARCHAR(2048) NOT NULL,
  state           VARCHAR(8)    NOT NULL,
  updated_at      BIGINT        NOT NULL,
  PRIMARY KEY (pull_request_id, revision_id, user_arn)
);
