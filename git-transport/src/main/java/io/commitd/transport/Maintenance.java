package io.commitd.transport;

import io.commitd.storage.git.RepositoryStore;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.jgit.internal.storage.file.GC;
import org.eclipse.jgit.internal.storage.file.FileRepository;
import org.eclipse.jgit.lib.NullProgressMonitor;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.pack.PackConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Repacks repositories after pushes, in the background and one at a time, writing pack bitmaps
 * so that clones stay fast as history grows. Never on the request path: a push only asks.
 */
public final class Maintenance implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Maintenance.class);
  /** Loose objects a repository may gather before it is repacked. */
  static final int LOOSE_OBJECT_THRESHOLD = 256;
  /** Packs a repository may gather before it is repacked. */
  static final int PACK_THRESHOLD = 8;

  private final RepositoryStore store;
  private final ExecutorService worker = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS, new LinkedBlockingQueue<>(1024),
      r -> {
        Thread thread = new Thread(r, "commitd-maintenance");
        thread.setDaemon(true);
        thread.setPriority(Thread.MIN_PRIORITY);
        return thread;
      }, new ThreadPoolExecutor.DiscardPolicy());
  private final Set<String> queued = ConcurrentHashMap.newKeySet();
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

  void repackIfNeeded(String repositoryId) {
    try (Repository repository = store.open(repositoryId)) {
      if (!(repository instanceof FileRepository file)) {
        return;
      }
      GC gc = new GC(file);
      GC.RepoStatistics statistics = gc.getStatistics();
      if (statistics.numberOfLooseObjects < LOOSE_OBJECT_THRESHOLD && statistics.numberOfPackFiles < PACK_THRESHOLD
          && statistics.numberOfBitmaps > 0) {
        return;
      }
      PackConfig config = new PackConfig(repository);
      config.setBuildBitmaps(true);
      gc.setPackConfig(config);
      gc.setProgressMonitor(NullProgressMonitor.INSTANCE);
      long started = System.nanoTime();
      gc.gc().get();
      repacks.incrementAndGet();
      LOG.info("repacked repository {} in {} ms", repositoryId, (System.nanoTime() - started) / 1_000_000);
    } catch (Exception e) {
      failures.incrementAndGet();
      LOG.warn("repacking repository {} failed; it is still served from its current packs", repositoryId, e);
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
  }
}
