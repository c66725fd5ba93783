package io.commitd.storage.audit;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Appends trail events in group commits: one writer thread takes the events queued since its last
 * commit, up to {@code MAX_BATCH}, and writes them in one transaction. One commit per request made
 * the trail the API's bottleneck (each commit of the embedded database writes a chunk to disk).
 *
 * <p>An event of a change (not read-only) is appended only once it is committed, as before: a call
 * that changed something is answered after its record exists. A read-only event is queued and the
 * call answered at once; {@link #flush} waits for what is queued, so a lookup sees every call
 * answered before it. A full queue makes callers wait, never drops an event. What a kill -9 can lose
 * is read-only events of the last moment (CloudTrail itself delivers events minutes late).
 *
 * <p>While only read-only events are queued, nobody waits for them: the writer lets them gather for
 * up to {@link #LINGER} before committing, so a stream of reads costs a commit per many events, not
 * per few. A change's event or a flush ends the wait at once.
 */
public final class TrailWriter implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(TrailWriter.class);
  /**
   * Events per transaction. A commit of 500 events took the writer's core for tens of milliseconds,
   * and the calls that ran meanwhile shared the other: at 10,000 calls/s, batches of 50 gave p99
   * 8 ms where 500 gave 12-14 ms, at the same calls/s at saturation.
   */
  private static final int MAX_BATCH = 50;
  private static final int MAX_QUEUED = 2_000;
  static final Duration LINGER = Duration.ofMillis(100);

  private final TrailStore store;
  private final ArrayDeque<TrailEvent> queue = new ArrayDeque<>();
  private final Thread writer;
  /** Events ever queued, and ever written (or given up on): tickets to wait on. */
  private long queued;
  private long written;
  /** Callers waiting for their events to be committed: while there are any, the writer does not linger. */
  private int waiting;
  private boolean closing;

  public TrailWriter(TrailStore store) {
    this.store = store;
    this.writer = new Thread(this::writeUntilClosed, "commitd-trail-writer");
    writer.setDaemon(true);
    writer.start();
  }

  /** Queues the event; returns once it is committed unless it is read-only. */
  public void append(TrailEvent event) {
    long ticket;
    synchronized (this) {
      awaitUninterruptibly(() -> queue.size() < MAX_QUEUED || closing || !writer.isAlive());
      if (closing || !writer.isAlive()) {
        throw new IllegalStateException("the trail writer is closed");
      }
      queue.addLast(event);
      ticket = ++queued;
      if (queue.size() == 1 || queue.size() >= MAX_BATCH) {
        notifyAll(); // the writer waits for a first event, or lingers until a batch is full
      }
    }
    if (!event.readOnly()) {
      awaitWritten(ticket);
    }
  }

  /** Returns once every event queued before this call is committed. */
  public void flush() {
    long ticket;
    synchronized (this) {
      ticket = queued;
    }
    awaitWritten(ticket);
  }

  /** Writes what is queued, then stops the writer. */
  @Override
  public void close() {
    synchronized (this) {
      closing = true;
      notifyAll();
    }
    try {
      writer.join(Duration.ofSeconds(30).toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private synchronized void awaitWritten(long ticket) {
    waiting++;
    notifyAll(); // a lingering writer commits now
    try {
      awaitUninterruptibly(() -> written >= ticket || !writer.isAlive());
    } finally {
      waiting--;
    }
  }

  private void writeUntilClosed() {
    while (true) {
      List<TrailEvent> batch = new ArrayList<>();
      synchronized (this) {
        awaitUninterruptibly(() -> !queue.isEmpty() || closing);
        lingerWhileNobodyWaits();
        if (queue.isEmpty()) {
          notifyAll();
          return;
        }
        while (!queue.isEmpty() && batch.size() < MAX_BATCH) {
          batch.add(queue.removeFirst());
        }
        notifyAll();
      }
      try {
        write(batch);
      } finally {
        synchronized (this) {
          written += batch.size();
          notifyAll();
        }
      }
    }
  }

  /** One transaction for the batch; if it fails, each event alone, so one bad event loses only itself. */
  private void write(List<TrailEvent> batch) {
    try {
      store.appendAll(batch);
    } catch (RuntimeException batchFailure) {
      List<TrailEvent> lost = new ArrayList<>();
      RuntimeException firstFailure = null;
      for (TrailEvent event : batch) {
        try {
          store.append(event);
        } catch (RuntimeException e) {
          lost.add(event);
          firstFailure = firstFailure == null ? e : firstFailure;
        }
      }
      if (!lost.isEmpty()) {
        // One line per batch: when the database is gone, every event of it fails the same way.
        LOG.error("{} trail event(s) were not recorded, the first {} ({})", lost.size(), lost.get(0).eventId(),
            lost.get(0).eventName(), firstFailure);
      }
    }
  }

  /** Lets read-only events gather for up to {@link #LINGER} while no caller waits for a commit. */
  private void lingerWhileNobodyWaits() {
    long deadline = System.nanoTime() + LINGER.toNanos();
    long remaining;
    while (waiting == 0 && !closing && queue.size() < MAX_BATCH && (remaining = deadline - System.nanoTime()) > 0) {
      try {
        wait(Math.max(1, remaining / 1_000_000));
      } catch (InterruptedException e) {
        return; // the writer's own thread: nobody else interrupts it but a stop, which closes
      }
    }
  }

  /** Waits on this object's monitor until {@code done}; an interrupt is kept for the caller. */
  private void awaitUninterruptibly(BooleanSupplier done) {
    boolean interrupted = false;
    while (!done.getAsBoolean()) {
      try {
        wait();
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }
}
