-- The DFS storage engine's state: which packs in S3 are live, and every ref. S3 is never listed,
-- so these tables are the only truth about a repository. Times are epoch milliseconds.

-- One row per DFS repository; pack-list changes lock it (SELECT ... FOR UPDATE) so two nodes never
-- interleave a commit of packs. A deleted repository keeps its row until its packs are swept.
CREATE TABLE dfs_repositories (
  repository_id VARCHAR(64)  PRIMARY KEY,
  created_at    BIGINT       NOT NULL,
  deleted_at    BIGINT
);

-- A pack and its companion files (index, bitmap, ...) stored under one unique name. Replaced
-- packs stay listed with replaced_at set until the grace-period sweep deletes their objects,
-- so readers that still hold the old pack list can finish.
CREATE TABLE dfs_packs (
  repository_id VARCHAR(64)  NOT NULL REFERENCES dfs_repositories (repository_id),
  pack_name     VARCHAR(128) NOT NULL,
  pack_source   VARCHAR(32)  NOT NULL,
  object_count  BIGINT       NOT NULL,
  delta_count   BIGINT       NOT NULL,
  index_version INT          NOT NULL,
  created_at    BIGINT       NOT NULL,
  replaced_at   BIGINT,
  PRIMARY KEY (repository_id, pack_name)
);
CREATE INDEX dfs_packs_replaced ON dfs_packs (replaced_at);

-- The files of a pack, one per extension (pack, idx, bitmap, ...), with their sizes.
CREATE TABLE dfs_pack_files (
  repository_id VARCHAR(64)  NOT NULL,
  pack_name     VARCHAR(128) NOT NULL,
  extension     VARCHAR(16)  NOT NULL,
  size_bytes    BIGINT       NOT NULL,
  block_size    INT          NOT NULL,
  PRIMARY KEY (repository_id, pack_name, extension),
  FOREIGN KEY (repository_id, pack_name) REFERENCES dfs_packs (repository_id, pack_name) ON DELETE CASCADE
);

-- Refs: either an object id (with its peeled target when known) or a symbolic target.
CREATE TABLE dfs_refs (
  repository_id    VARCHAR(64)   NOT NULL REFERENCES dfs_repositories (repository_id),
  ref_name         VARCHAR(1024) NOT NULL,
  object_id        VARCHAR(64),
  symbolic_target  VARCHAR(1024),
  peeled           BOOLEAN       NOT NULL,
  peeled_object_id VARCHAR(64),
  updated_at       BIGINT        NOT NULL,
  PRIMARY KEY (repository_id, ref_name),
  CHECK ((object_id IS NULL) <> (symbolic_target IS NULL))
);
