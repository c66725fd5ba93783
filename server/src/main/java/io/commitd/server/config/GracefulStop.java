package io.commitd.server.config;

import ch.qos.logback.classic.LoggerContext;
import io.commitd.server.CommitdServer;
import io.commitd.storage.db.Database;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stops the server when asked to, whenever the request comes: a stop that arrives while the server is
 * still starting lets the start finish (the first start's schema migrations included, which a stop
 * cut short would leave half-applied) and then stops it like any other, draining work in flight and
 * closing the database last. SIGTERM and SIGINT arrive through {@link StopSignals}, before the JVM
 * begins to shut down; any other shutdown of the JVM stops the server from a shutdown hook.
 */
final class GracefulStop {
  private enum Outcome { STOPPED, START_FAILED, START_TIMED_OUT, ALREADY_STOPPING }

  private final Duration timeout;
  private final AtomicBoolean requested = new AtomicBoolean();
  private final CompletableFuture<CommitdServer> started = new CompletableFuture<>();
  private final CountDownLatch settled = new CountDownLatch(1);

  private GracefulStop(Duration timeout) {
    this.timeout = timeout;
  }

  /**
   * Installs the stop before anything opens. {@code timeout} bounds the wait for a start still under way;
   * the servers' own stops drain for as long.
   */
  static GracefulStop install(Duration timeout) {
    GracefulStop stop = new GracefulStop(timeout);
    StopSignals.route(stop::onSignal);
    Runtime.getRuntime().addShutdownHook(new Thread(stop::onShutdown, "commitd-shutdown"));
    return stop;
  }

  /** The start succeeded: a stop closes {@code server}. */
  void started(CommitdServer server) {
    started.complete(server);
  }

  /** The start failed and closed what it had opened: a stop has nothing to close. */
  void startFailed(Throwable cause) {
    started.completeExceptionally(cause);
  }

  /**
   * Blocks the serving thread, once its start has succeeded, until a stop has closed the server; it
   * then exits normally.
   */
  void awaitStopped() throws InterruptedException {
    settled.await();
  }

  private void onSignal() {
    if (drain() == Outcome.START_TIMED_OUT) {
      System.exit(1);
    }
  }

  private void onShutdown() {
    if (drain() == Outcome.STOPPED) {
      try {
        // H2's own exit hook closes the database beside this one; halting before it is done would
        // leave the lock file, and the next start would wait for it to go stale.
        Database.awaitEmbeddedClose(Duration.ofSeconds(10));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      if (LoggerFactory.getILoggerFactory() instanceof LoggerContext logback) {
        logback.stop();
      }
      // A stop that drained its work is a clean exit, whatever shut the JVM down.
      Runtime.getRuntime().halt(0);
    }
  }

  private Outcome drain() {
    if (!requested.compareAndSet(false, true)) {
      awaitQuietly();
      return Outcome.ALREADY_STOPPING;
    }
    try {
      return drainOnce();
    } finally {
      settled.countDown();
    }
  }

  private Outcome drainOnce() {
    Logger log = LoggerFactory.getLogger(GracefulStop.class);
    CommitdServer server;
    try {
      if (!started.isDone()) {
        log.info("commitd asked to stop while starting: finishing the start first (up to {})", timeout);
      }
      server = started.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      return Outcome.START_FAILED; // the start closed what it had opened and reports why
    } catch (TimeoutException e) {
      log.warn("commitd stopping without finishing its start: it took longer than {}", timeout);
      return Outcome.START_TIMED_OUT;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Outcome.START_TIMED_OUT;
    }
    long begun = System.nanoTime();
    log.info("commitd stopping: no new connections; waiting up to {} for work in flight", timeout);
    server.close();
    log.info("commitd stopped in {} ms", (System.nanoTime() - begun) / 1_000_000);
    return Outcome.STOPPED;
  }

  private void awaitQuietly() {
    try {
      settled.await(timeout.toMillis() * 2, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
