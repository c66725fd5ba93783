-- One counter that every IAM write (users, groups, roles, policies, keys, credentials, tags, STS
-- sessions) increments in its own transaction. Caches of credentials and policies are keyed by it,
-- so a change holds from the next request on every node: a node reads the counter (one primary-key
-- read) and drops what it cached under an older value.
CREATE TABLE iam_generation (
  id         INT    PRIMARY KEY,
  generation BIGINT NOT NULL
);
INSERT INTO iam_generation (id, generation) VALUES (1, 0);
