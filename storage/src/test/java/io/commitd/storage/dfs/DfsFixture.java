package io.commitd.storage.dfs;

import io.commitd.storage.MetadataDatabases;
import io.commitd.storage.db.Database;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.UUID;

/**
 * A fresh PostgreSQL database plus the S3Proxy of the test class: what a cluster of nodes shares.
 * Each {@link #node()} is a new store over the same state, as a second server would be.
 */
final class DfsFixture implements AutoCloseable {
  /** Small, so even a test's packs cross it and go up as multipart uploads. */
  static final int SMALL_PART_SIZE = 5 * 1024 * 1024;

  private final MetadataDatabases.Fresh fresh;
  private final S3ProxyServer s3;

  DfsFixture(S3ProxyServer s3, Path scratch) throws SQLException {
    this.s3 = s3;
    this.fresh = MetadataDatabases.open(MetadataDatabases.Kind.POSTGRESQL, scratch);
  }

  Database database() {
    return fresh.database();
  }

  S3RepositoryStore node() {
    return new S3RepositoryStore(s3.client(), S3ProxyServer.BUCKET, database(), 64, SMALL_PART_SIZE);
  }

  static String newRepositoryId() {
    return UUID.randomUUID().toString();
  }

  @Override
  public void close() throws SQLException {
    fresh.close();
  }
}
