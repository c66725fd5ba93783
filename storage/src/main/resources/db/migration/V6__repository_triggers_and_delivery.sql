-- Repository triggers (PutRepositoryTriggers) and the dispatcher's delivery state.
-- Portable between H2 (PostgreSQL mode) and PostgreSQL: times are epoch milliseconds.

-- One trigger configuration per repository, replaced whole by each PutRepositoryTriggers: the
-- triggers as a JSON array in the order the caller gave them.
CREATE TABLE repository_triggers (
  repository_id    VARCHAR(36)  PRIMARY KEY REFERENCES repositories (repository_id) ON DELETE CASCADE,
  configuration_id VARCHAR(36)  NOT NULL,
  triggers         TEXT         NOT NULL,
  updated_at       BIGINT       NOT NULL
);

-- An event is pending until delivered_at is set or it is dead (attempts exhausted; an operator
-- may retry it). A dispatcher claims it for a while (claimed_by/claimed_until) so another node
-- skips it; a claim that expires (its node died) is taken over.
ALTER TABLE event_outbox ADD COLUMN dead BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE event_outbox ADD COLUMN last_error VARCHAR(2000);
ALTER TABLE event_outbox ADD COLUMN claimed_by VARCHAR(64);
ALTER TABLE event_outbox ADD COLUMN claimed_until BIGINT;
-- Per-repository order: the dispatcher looks for each repository's earliest undelivered event.
CREATE INDEX event_outbox_repository_order ON event_outbox (repository_id, event_id);

-- The destinations an event has reached, so a retry sends only to those that have not.
-- destination is a stable key such as "trigger:<name>:<destinationArn>" or "eventbridge:<bus>".
CREATE TABLE event_deliveries (
  event_id     BIGINT        NOT NULL REFERENCES event_outbox (event_id) ON DELETE CASCADE,
  destination  VARCHAR(2200) NOT NULL,
  kind         VARCHAR(16)   NOT NULL,
  delivered_at BIGINT        NOT NULL,
  PRIMARY KEY (event_id, destination)
);
