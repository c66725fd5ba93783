package io.commitd.storage.dfs;

import io.commitd.storage.db.Database;
import io.commitd.storage.git.RepositoryStore;
import java.io.IOException;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.eclipse.jgit.errors.RepositoryNotFoundException;
import org.eclipse.jgit.internal.storage.dfs.DfsGarbageCollector;
import org.eclipse.jgit.internal.storage.dfs.DfsPackDescription;
import org.eclipse.jgit.internal.storage.dfs.DfsPackFile;
import org.eclipse.jgit.internal.storage.dfs.DfsReader;
import org.eclipse.jgit.lib.ConfigConstants;
import org.eclipse.jgit.lib.NullProgressMonitor;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.StoredConfig;
import org.eclipse.jgit.storage.pack.PackConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Repositories on JGit's DFS storage, for running several nodes on shared state: pack files in S3,
 * the pack list and refs in the metadata database (PostgreSQL in a cluster). Every {@link #open}
 * returns a fresh view, so a push through one node is visible through every other at once; the
 * per-JVM block cache keeps re-reading cheap.
 */
public final class S3RepositoryStore implements RepositoryStore {
  private static final Logger LOG = LoggerFactory.getLogger(S3RepositoryStore.class);
  private static final Pattern SAFE_ID = Pattern.compile("[A-Za-z0-9-]{1,64}");

  private final Database database;
  private final PackCatalog catalog;
  private final S3PackFiles files;
  private final GcLock gcLock;

  /**
   * @param s3 a client built by the caller (endpoint, path-style access, region, credentials)
   * @param bucket the bucket holding every repository's pack files
   * @param database the metadata database holding pack lists and refs
   * @param blockCacheMegabytes the JVM-wide DFS block cache size; only the first store's counts
   */
  public S3RepositoryStore(S3Client s3, String bucket, Database database, int blockCacheMegabytes) {
    this(s3, bucket, database, blockCacheMegabytes, S3PackFiles.DEFAULT_PART_SIZE, EncryptionKeys.NONE);
  }

  /**
   * As above, with each repository's pack files written under its own KMS key when {@code keys}
   * names one (SSE-KMS). Stores that ignore server-side encryption headers store them plainly.
   */
  public S3RepositoryStore(
      S3Client s3, String bucket, Database database, int blockCacheMegabytes, EncryptionKeys keys) {
    this(s3, bucket, database, blockCacheMegabytes, S3PackFiles.DEFAULT_PART_SIZE, keys);
  }

  /** As above with the multipart part size given, so tests can cross it with small packs. */
  S3RepositoryStore(
      S3Client s3, String bucket, Database database, int blockCacheMegabytes, int partSize) {
    this(s3, bucket, database, blockCacheMegabytes, partSize, EncryptionKeys.NONE);
  }

  private S3RepositoryStore(
      S3Client s3,
      String bucket,
      Database database,
      int blockCacheMegabytes,
      int partSize,
      EncryptionKeys keys) {
    BlockCacheSetup.configureOnce(blockCacheMegabytes);
    this.database = database;
    this.catalog = new PackCatalog(database);
    this.files = new S3PackFiles(s3, bucket, partSize, keys);
    this.gcLock = new GcLock(database);
  }

  /** The KMS key a repository's new pack files are encrypted under, if any. */
  @FunctionalInterface
  public interface EncryptionKeys {
    /** No repository names a key: the bucket's default encryption applies. */
    EncryptionKeys NONE = repositoryId -> Optional.empty();

    Optional<String> kmsKeyId(String repositoryId) throws IOException;
  }

  @Override
  public void create(String repositoryId) throws IOException {
    checkId(repositoryId);
    if (!DatabaseCalls.io(() -> catalog.register(repositoryId, System.currentTimeMillis()))) {
      throw new IOException("repository already exists: " + repositoryId);
    }
    try (Repository repository = view(repositoryId)) {
      // HEAD -> refs/heads/master, as a new bare repository has.
      repository.create(true);
    }
  }

  @Override
  public Repository open(String repositoryId) throws IOException {
    checkId(repositoryId);
    if (!DatabaseCalls.io(() -> catalog.isLive(repositoryId))) {
      throw new RepositoryNotFoundException(repositoryId);
    }
    return view(repositoryId);
  }

  /** Marks every pack replaced and drops the refs; the sweep deletes the files later. */
  @Override
  public void delete(String repositoryId) throws IOException {
    checkId(repositoryId);
    long now = System.currentTimeMillis();
    DatabaseCalls.io(
        () ->
            database.inTransaction(
                c -> {
                  if (catalog.retireRepository(c, repositoryId, now)) {
                    RefRows.deleteAll(c, repositoryId);
                  }
                  return null;
                }));
  }

  /**
   * Repacks the repository with JGit's DFS garbage collector, writing bitmaps and the
   * commit-graph. At most one collection per repository runs in the cluster; a call while another
   * runs returns false.
   *
   * @return true if this call collected, false if another collection held the lock or lost a
   *     race with a concurrent pack-list change (try again later)
   */
  public boolean gc(String repositoryId) throws IOException {
    Optional<GcLock.Held> lock;
    try {
      lock = gcLock.tryAcquire(repositoryId);
    } catch (SQLException e) {
      throw new IOException("cannot take the gc lock of " + repositoryId, e);
    }
    if (lock.isEmpty()) {
      return false;
    }
    try (S3DfsRepository repository = (S3DfsRepository) open(repositoryId)) {
      PackConfig packing = new PackConfig(repository);
      packing.setBuildBitmaps(true);
      // The commit-graph, as the file engine's repack writes: walks over many commits (shallow and
      // filtered fetches, negotiation, connectivity checks) read parents and dates from it
      // instead of inflating every commit.
      DfsGarbageCollector collector =
          new DfsGarbageCollector(repository).setPackConfig(packing).setWriteCommitGraph(true);
      if (!collector.pack(NullProgressMonitor.INSTANCE)) {
        return false;
      }
      warmIndexes(repository, collector.getNewPacks());
      return true;
    } finally {
      lock.get().close();
    }
  }

  /**
   * Loads the indexes of the packs GC wrote into this node's block cache, as a repack on the file
   * engine leaves its files in the page cache: the first clone or fetch after GC on this node does
   * not wait for them. Other nodes load them on first use. Best effort: GC has succeeded already.
   */
  private static void warmIndexes(S3DfsRepository repository, List<DfsPackDescription> written) {
    try (DfsReader reader = repository.getObjectDatabase().newReader()) {
      for (DfsPackFile pack : repository.getObjectDatabase().getPacks()) {
        if (written.contains(pack.getPackDescription())) {
          pack.getPackIndex(reader);
          pack.getReverseIdx(reader);
          pack.getBitmapIndex(reader);
          pack.getCommitGraph(reader);
        }
      }
    } catch (IOException e) {
      LOG.warn("could not load the new indexes of {} after GC; the next reader loads them", repository.getDescription().getRepositoryName(), e);
    }
  }

  /**
   * Deletes the files of packs replaced more than {@code gracePeriod} ago, then forgets them.
   * The grace period must outlast the longest read (a clone) that may still use an old pack list.
   *
   * @return how many packs were deleted
   */
  public int deleteReplacedPacksOlderThan(Duration gracePeriod) throws IOException {
    long cutoff = System.currentTimeMillis() - gracePeriod.toMillis();
    int deleted = 0;
    for (PackCatalog.RetiredPack pack : DatabaseCalls.io(() -> catalog.retiredBefore(cutoff))) {
      files.delete(pack.repositoryId(), pack.packName(), pack.extensions());
      DatabaseCalls.io(
          () -> {
            catalog.forget(pack);
            return null;
          });
      deleted++;
    }
    return deleted;
  }

  /**
   * Stops the background upload threads once their uploads finish. Views are closed by their users
   * and the block cache is the JVM's.
   */
  @Override
  public void close() {
    files.close();
  }

  private S3DfsRepository view(String repositoryId) throws IOException {
    S3DfsRepository repository = S3DfsRepository.open(repositoryId, database, catalog, files);
    applyDefaults(repository.getConfig());
    return repository;
  }

  /** The settings FileRepositoryStore writes; DFS config lives in memory, so every view gets them. */
  private static void applyDefaults(StoredConfig config) {
    config.setBoolean(ConfigConstants.CONFIG_PACK_SECTION, null, "writebitmaps", true);
    config.setBoolean("receive", null, "fsckObjects", true);
    config.setBoolean("uploadpack", null, "allowFilter", true);
    config.setBoolean("uploadpack", null, "allowAnySHA1InWant", false);
  }

  private static void checkId(String repositoryId) {
    if (!SAFE_ID.matcher(repositoryId).matches()) {
      throw new IllegalArgumentException("not a repository id: " + repositoryId);
    }
  }
}
