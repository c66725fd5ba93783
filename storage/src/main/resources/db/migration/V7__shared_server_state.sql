-- State every node of a cluster must share so that any node answers any request alike: the SSH
-- host key, the master key and the root credentials when they are generated rather than
-- configured. The first node to start generates each one; the others read it.
CREATE TABLE server_secrets (
  name       VARCHAR(64)   PRIMARY KEY,
  content    VARCHAR(16384) NOT NULL,
  created_at BIGINT        NOT NULL
);
