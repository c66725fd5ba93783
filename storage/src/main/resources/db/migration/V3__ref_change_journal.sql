-- The ref-change journal: a ref update writes its intent (with its audit record and outbox event,
-- held back) before the compare-and-swap, and releases them once the ref has moved. A crash in
-- between leaves an open change that reconciliation settles against the refs themselves, so an
-- acknowledged change always has its record, and a change that never happened publishes nothing.
CREATE TABLE ref_changes (
  change_id     VARCHAR(36)   PRIMARY KEY,
  repository_id VARCHAR(36)   NOT NULL,
  ref_name      VARCHAR(1024) NOT NULL,
  old_value     VARCHAR(1100) NOT NULL,
  new_value     VARCHAR(1100) NOT NULL,
  created_at    BIGINT        NOT NULL,
  applied       BOOLEAN       NOT NULL
);
CREATE INDEX ref_changes_open ON ref_changes (applied, created_at);

ALTER TABLE audit_log ADD COLUMN change_id VARCHAR(36);
ALTER TABLE audit_log ADD COLUMN held BOOLEAN NOT NULL DEFAULT FALSE;
CREATE INDEX audit_log_change ON audit_log (change_id);

ALTER TABLE event_outbox ADD COLUMN change_id VARCHAR(36);
ALTER TABLE event_outbox ADD COLUMN held BOOLEAN NOT NULL DEFAULT FALSE;
CREATE INDEX event_outbox_change ON event_outbox (change_id);
