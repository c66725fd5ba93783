package io.commitd.server.storage;

import io.commitd.iam.auth.Requester;
import io.commitd.storage.git.RepositoryStore;
import io.commitd.storage.refs.RefUpdatePipeline;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Settles ref-change intents left open when nodes share one database. A single node settles them
 * once at start; in a cluster an open intent may be another node's push in flight, so only intents
 * older than a margin are settled, and periodically, because a node that dies mid-push leaves its
 * intents to the nodes that live on. Settling is idempotent, so every node may do it.
 */
public final class SharedReconciliation implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(SharedReconciliation.class);
  private static final Duration INTERVAL = Duration.ofMinutes(2);

  private final ScheduledExecutorService scheduler;

  private SharedReconciliation(ScheduledExecutorService scheduler) {
    this.scheduler = scheduler;
  }

  /** Settles old intents now, then every few minutes, until closed. */
  public static SharedReconciliation start(
      RefUpdatePipeline<Requester> pipeline, RepositoryStore store, Clock clock, Duration margin) {
    pipeline.reconcile(store, clock.instant().minus(margin));
    ScheduledThreadPoolExecutor scheduler = new ScheduledThreadPoolExecutor(1, r -> {
      Thread thread = new Thread(r, "commitd-reconcile");
      thread.setDaemon(true);
      return thread;
    });
    scheduler.scheduleWithFixedDelay(() -> {
      try {
        pipeline.reconcile(store, clock.instant().minus(margin));
      } catch (RuntimeException e) {
        LOG.warn("settling open ref changes failed; the next round retries", e);
      }
    }, INTERVAL.toMillis(), INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
    return new SharedReconciliation(scheduler);
  }

  @Override
  public void close() {
    scheduler.shutdownNow();
  }
}
