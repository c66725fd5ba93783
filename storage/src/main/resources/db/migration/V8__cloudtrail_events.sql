-- The audit trail in CloudTrail's shape: one row per API call (CodeCommit, IAM, STS, …) and per
-- git pull or push, answered by cloudtrail:LookupEvents. The ref-change rows of audit_log stay as
-- the pipeline writes them; this table is the trail users read. Times are epoch milliseconds.
CREATE TABLE cloudtrail_events (
  seq              BIGSERIAL     PRIMARY KEY,
  event_id         VARCHAR(36)   NOT NULL UNIQUE,
  event_time       BIGINT        NOT NULL,
  account_id       VARCHAR(12)   NOT NULL,
  event_name       VARCHAR(128)  NOT NULL,
  event_source     VARCHAR(128)  NOT NULL,
  username         VARCHAR(256),
  access_key_id    VARCHAR(128),
  read_only        BOOLEAN       NOT NULL,
  resources        TEXT          NOT NULL,
  cloudtrail_event TEXT          NOT NULL
);
CREATE INDEX cloudtrail_events_account_time ON cloudtrail_events (account_id, event_time);

-- The resources of each event, so LookupEvents can filter by ResourceName and ResourceType.
CREATE TABLE cloudtrail_event_resources (
  event_seq      BIGINT        NOT NULL REFERENCES cloudtrail_events (seq) ON DELETE CASCADE,
  resource_type  VARCHAR(128)  NOT NULL,
  resource_name  VARCHAR(2048) NOT NULL
);
CREATE INDEX cloudtrail_event_resources_name ON cloudtrail_event_resources (resource_name);

-- Member accounts created through AWS Organizations' CreateAccount by the management account.
CREATE TABLE organization_accounts (
  account_id        VARCHAR(12)   PRIMARY KEY REFERENCES accounts (account_id),
  request_id        VARCHAR(64)   NOT NULL UNIQUE,
  account_name      VARCHAR(50)   NOT NULL,
  email             VARCHAR(64)   NOT NULL,
  created_at        BIGINT        NOT NULL
);
