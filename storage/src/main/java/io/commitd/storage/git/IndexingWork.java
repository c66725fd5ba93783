package io.commitd.storage.git;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The tasks of indexing one received pack, run by the receiving thread and by helper threads of a
 * process-wide pool. The receiving thread drains the queue itself when it waits, so a pool busy
 * with other pushes slows a push down but never stalls it, and nothing waits for a task that has
 * not started.
 */
final class IndexingWork {
  /** A unit of work; its failure fails the whole pack. */
  interface Task {
    void run() throws IOException;
  }

  private static final int HELPERS = Math.max(1, Runtime.getRuntime().availableProcessors() - 1);
  private static final ExecutorService POOL = Executors.newFixedThreadPool(HELPERS, task -> {
    Thread thread = new Thread(task, "pack-indexer");
    thread.setDaemon(true);
    return thread;
  });

  private final ConcurrentLinkedQueue<Task> queue = new ConcurrentLinkedQueue<>();
  private final AtomicInteger activeHelpers = new AtomicInteger();
  private final AtomicReference<Throwable> failure = new AtomicReference<>();
  private final Object lock = new Object();
  private int unfinished;

  /** Queues a task and wakes a helper when fewer than the pool's threads work on this pack. */
  void submit(Task task) {
    synchronized (lock) {
      unfinished++;
    }
    queue.add(task);
    int active = activeHelpers.get();
    if (active < HELPERS && activeHelpers.compareAndSet(active, active + 1)) {
      POOL.execute(() -> {
        try {
          drain();
        } finally {
          activeHelpers.decrementAndGet();
        }
      });
    }
  }

  /** Whether a task has failed: the others stop early, and {@link #awaitAll()} throws. */
  boolean failed() {
    return failure.get() != null;
  }

  /** Runs queued tasks on this thread, then waits for those other threads run; throws the first failure. */
  void awaitAll() throws IOException {
    drain();
    synchronized (lock) {
      while (unfinished > 0) {
        try {
          lock.wait();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          failure.compareAndSet(null, e);
          break;
        }
      }
    }
    rethrow();
  }

  /** Skips the tasks not started and waits for those running: the pack is given up. */
  void cancel() {
    failure.compareAndSet(null, new CancellationException("indexing the pack was given up"));
    try {
      awaitAll();
    } catch (IOException | RuntimeException expected) {
      // the failure that made the pack be given up is the caller's to report
    }
  }

  private void drain() {
    Task task;
    while ((task = queue.poll()) != null) {
      try {
        if (!failed()) {
          task.run();
        }
      } catch (IOException | RuntimeException | Error e) {
        failure.compareAndSet(null, e);
      } finally {
        synchronized (lock) {
          if (--unfinished == 0) {
            lock.notifyAll();
          }
        }
      }
    }
  }

  private void rethrow() throws IOException {
    Throwable cause = failure.get();
    if (cause == null) {
      return;
    }
    if (cause instanceof IOException io) {
      throw io;
    }
    if (cause instanceof RuntimeException runtime) {
      throw runtime;
    }
    if (cause instanceof Error error) {
      throw error;
    }
    InterruptedIOException interrupted = new InterruptedIOException("indexing the pack was interrupted");
    interrupted.initCause(cause);
    throw interrupted;
  }
}
