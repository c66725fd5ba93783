package io.commitd.storage.dfs;

import io.commitd.storage.MetadataDatabases;
import io.commitd.storage.db.Database;
import java.sql.SQLException;
import java.util.UUID;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A fresh PostgreSQL database plus the S3Proxy of the test class: what a cluster of nodes shares.
 * Each {@link #node()} is a new store over the same state, as a second server would be. Register
 * it after the S3Proxy, for the whole class:
 *
 * <pre>
 * &#64;RegisterExtension &#64;Order(1) static final S3ProxyServer S3 = new S3ProxyServer();
 * &#64;RegisterExtension &#64;Order(2) static final DfsFixture fixture = new DfsFixture(S3);
 * </pre>
 */
final class DfsFixture implements BeforeAllCallback, AfterAllCallback {
  /** Small, so even a test's packs cross it and go up as multipart uploads. */
  static final int SMALL_PART_SIZE = 5 * 1024 * 1024;

  private final S3ProxyServer s3;
  private MetadataDatabases.Fresh fresh;

  DfsFixture(S3ProxyServer s3) {
    this.s3 = s3;
  }

  @Override
  public void beforeAll(ExtensionContext context) throws SQLException {
    // PostgreSQL, as nodes of a cluster share it; it needs no scratch directory.
    fresh = MetadataDatabases.open(MetadataDatabases.Kind.POSTGRESQL, null);
  }

  @Override
  public void afterAll(ExtensionContext context) throws SQLException {
    fresh.close();
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
}
