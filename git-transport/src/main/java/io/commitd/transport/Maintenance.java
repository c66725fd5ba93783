package io.commitd.transport;

import io.commitd.storage.dfs.S3RepositoryStore;
import io.commitd.storage.git.FileRepositoryStore;
import io.commitd.storage.git.RepositoryStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.eclipse.jgit.internal.storage.dfs.DfsPackFile;
import org.eclipse.jgit.internal.storage.dfs.DfsRepository;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.jgit.errors.RepositoryNotFoundException;
import org.eclipse.jgit.internal.storage.file.GC;
import org.eclipse.jgit.internal.storage.pack.PackExt;
import org.eclipse.jgit.internal.storage.file.FileRepository;
import org.eclipse.jgit.lib.NullProgressMonitor;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.StoredConfig;
import org.eclipse.jgit.storage.pack.PackConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Repacks repositories after pushes, in the background and one at a time, writing pack bitmaps
 * and the commit-graph so that clones, shallow and filtered fetches and negotiation stay fast as
 * history grows. Never on the request path: a push only asks.
 *
 * <p>On the s3 engine the repack is JGit's DFS garbage collection, which a cluster-wide lock lets one
 * node at a time run per repository; the packs it replaces are deleted by {@link #sweepReplacedPacks}
 * once no reader can still be using them.
 */
public final class Maintenance implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Maintenance.class);
  /** Loose objects a repository may gather before it is repacked. */
  static final int LOOSE_OBJECT_THRESHOLD = 256;
  /** Packs a repository may gather (pushes since its last repack) before it is repacked. */
  static final int PACK_THRESHOLD = 8;
  /**
   * How long a pack a repack replaced stays, for a reader that opened it just before; it goes at the
   * next repack after. JGit's default keeps them an hour: a repository pushed to every few seconds then
   * piled up dozens of full copies of itself, every object lookup weighed each copy, and the pile
   * counted as packs to repack again after every push.
   */
  static final Duration REPLACED_PACK_GRACE = Duration.ofMinutes(1);

  private final RepositoryStore store;
  private final ExecutorService worker = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS, new LinkedBlockingQueue<>(1024),
      r -> {
        Thread thread = new Thread(r, "commitd-maintenance");
        thread.setDaemon(true);
        thread.setPriority(Thread.MIN_PRIORITY);
        return thread;
      }, new ThreadPoolExecutor.DiscardPolicy());
  private final Set<String> queued = ConcurrentHashMap.newKeySet();
  private final ScheduledExecutorService sweeper = new ScheduledThreadPoolExecutor(1, r -> {
    Thread thread = new Thread(r, "commitd-pack-sweeper");
    thread.setDaemon(true);
    thread.setPriority(Thread.MIN_PRIORITY);
    return thread;
  });
  private final AtomicLong repacks = new AtomicLong();
  private final AtomicLong failures = new AtomicLong();

  public Maintenance(RepositoryStore store) {
    this.store = store;
  }

  /** Asks for a repack of the repository if it needs one; returns at once. */
  public void afterPush(String repositoryId) {
    if (queued.add(repositoryId)) {
      worker.execute(() -> {
        queued.remove(repositoryId);
        repackIfNeeded(repositoryId);
      });
    }
  }

  /**
   * On the s3 engine, deletes the packs GC replaced more than {@code gracePeriod} ago, every
   * {@code interval}; every node may sweep, as deleting is idempotent. Does nothing on other engines.
   */
  public void sweepReplacedPacks(Duration gracePeriod, Duration interval) {
    if (!(store instanceof S3RepositoryStore s3)) {
      return;
    }
    long millis = interval.toMillis();
    sweeper.scheduleWithFixedDelay(() -> {
      try {
        int deleted = s3.deleteReplacedPacksOlderThan(gracePeriod);
        if (deleted > 0) {
          LOG.info("deleted {} replaced pack(s) older than {}", deleted, gracePeriod);
        }
      } catch (Exception e) {
        LOG.warn("sweeping replaced packs failed; the next sweep retries", e);
      }
    }, millis, millis, TimeUnit.MILLISECONDS);
  }

  void repackIfNeeded(String repositoryId) {
    if (store instanceof S3RepositoryStore s3) {
      collectIfNeeded(s3, repositoryId);
      return;
    }
    try (Repository repository = store.open(repositoryId)) {
      if (!(repository instanceof FileRepository file)) {
        return;
      }
      StoredConfig repositoryConfig = file.getConfig();
      // repositories created by earlier versions get the commit-graph and give up JGit's own repack here
      if (FileRepositoryStore.addLaterSettings(repositoryConfig)) {
        repositoryConfig.save();
      }
      boolean hasCommitGraph = Files.exists(file.getObjectsDirectory().toPath().resolve("info").resolve("commit-graph"));
      GC gc = new GC(file);
      GC.RepoStatistics statistics = gc.getStatistics();
      Path packs = file.getObjectsDirectory().toPath().resolve("pack");
      if (statistics.numberOfLooseObjects < LOOSE_OBJECT_THRESHOLD && packsSinceLastRepack(packs) < PACK_THRESHOLD
          && statistics.numberOfBitmaps > 0 && hasCommitGraph) {
        return;
      }
      PackConfig config = new PackConfig(repository);
      config.setBuildBitmaps(true);
      gc.setPackConfig(config);
      gc.setPackExpireAgeMillis(REPLACED_PACK_GRACE.toMillis());
      gc.setProgressMonitor(NullProgressMonitor.INSTANCE);
      long started = System.nanoTime();
      gc.gc().get();
      repacks.incrementAndGet();
      LOG.info("repacked repository {} in {} ms", repositoryId, (System.nanoTime() - started) / 1_000_000);
    } catch (Exception e) {
      if (deleted(repositoryId)) {
        // DeleteRepository removed it while it was being repacked: nothing is lost, nothing to report.
        LOG.debug("repository {} was deleted while it was being repacked", repositoryId);
        removeLeftovers(repositoryId);
        return;
      }
      failures.incrementAndGet();
      LOG.warn("repacking repository {} failed; it is still served from its current packs", repositoryId, e);
    }
  }

  /**
   * Deletes what a repack wrote after DeleteRepository had removed the repository: the repack
   * recreates the directories it writes into, and a repository deleted right after a push left them
   * behind, empty, for good.
   */
  private void removeLeftovers(String repositoryId) {
    try {
      store.delete(repositoryId);
    } catch (IOException e) {
      LOG.warn("could not remove what the repack of deleted repository {} left", repositoryId, e);
    }
  }

  /**
   * Packs written after the newest pack with a bitmap, which only a repack writes: what pushes added
   * since the last repack. Packs the last repack replaced (older, kept a moment for readers) do not count.
   */
  static int packsSinceLastRepack(Path packDirectory) throws IOException {
    List<Path> packs;
    try (Stream<Path> files = Files.list(packDirectory)) {
      packs = files.filter(path -> path.getFileName().toString().endsWith(".pack")).toList();
    }
    FileTime lastRepack = null;
    for (Path pack : packs) {
      FileTime written = Files.getLastModifiedTime(pack);
      if (Files.exists(bitmapOf(pack)) && (lastRepack == null || written.compareTo(lastRepack) > 0)) {
        lastRepack = written;
      }
    }
    int since = 0;
    for (Path pack : packs) {
      if (!Files.exists(bitmapOf(pack)) && (lastRepack == null || Files.getLastModifiedTime(pack).compareTo(lastRepack) > 0)) {
        since++;
      }
    }
    return since;
  }

  private static Path bitmapOf(Path pack) {
    String name = pack.getFileName().toString();
    return pack.resolveSibling(name.substring(0, name.length() - ".pack".length()) + ".bitmap");
  }

  private boolean deleted(String repositoryId) {
    try {
      store.open(repositoryId).close();
      return false;
    } catch (RepositoryNotFoundException e) {
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /** DFS GC when the pushes have piled up packs or nothing has a bitmap yet. */
  private static void collectIfNeeded(S3RepositoryStore s3, String repositoryId) {
    try {
      DfsPackFile[] packs;
      try (Repository repository = s3.open(repositoryId)) {
        packs = ((DfsRepository) repository).getObjectDatabase().getPacks();
      }
      boolean hasBitmap = false;
      for (DfsPackFile pack : packs) {
        hasBitmap |= pack.getPackDescription().hasFileExt(PackExt.BITMAP_INDEX);
      }
      if (packs.length == 0 || (packs.length < PACK_THRESHOLD && hasBitmap)) {
        return;
      }
      if (!s3.gc(repositoryId)) {
        LOG.debug("GC of repository {} skipped: another node is collecting it", repositoryId);
      }
    } catch (Exception e) {
      LOG.warn("collecting repository {} failed; it is still served from its current packs", repositoryId, e);
    }
  }

  /** Repacks done since start. */
  public long repacks() {
    return repacks.get();
  }

  /** Repacks that failed since start. */
  public long failedRepacks() {
    return failures.get();
  }

  @Override
  public void close() {
    worker.shutdownNow();
    sweeper.shutdownNow();
  }
}
