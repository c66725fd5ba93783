package io.commitd.triggers.delivery;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers the outbox at least once: claims each repository's next event, sends it to every
 * destination that does not have it yet, and either marks it delivered or schedules the next
 * attempt with exponential backoff, until the attempts run out and the event is dead. All of its
 * state is in the database, so a restarted (or another) node carries on where this one stopped.
 */
public final class Dispatcher implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Dispatcher.class);
  /** How many events one pass claims. */
  static final int BATCH = 16;
  /** Long enough for one event's calls (at most ten triggers and the bus, each bounded by the call timeout). */
  static final Duration MIN_LEASE = Duration.ofMinutes(2);

  private final String node;
  private final OutboxStore outbox;
  private final Function<String, Optional<TriggerConfiguration>> triggers;
  private final EventRouter router;
  private final Sender sender;
  private final DeliverySettings settings;
  private final DeliveryMetrics metrics;
  private final Clock clock;
  private final Duration lease;
  private ScheduledExecutorService scheduler;

  /** Sends one delivery; {@link Destinations#send} in production. */
  @FunctionalInterface
  public interface Sender {
    void send(Delivery delivery) throws DeliveryException;
  }

  /**
   * @param node this dispatcher's stable name (claims carry it; a restart releases its own claims)
   * @param triggers a repository's current trigger configuration, by repository id
   */
  public Dispatcher(String node, OutboxStore outbox, Function<String, Optional<TriggerConfiguration>> triggers,
      EventRouter router, Sender sender, DeliverySettings settings, DeliveryMetrics metrics, Clock clock) {
    this.node = node;
    this.outbox = outbox;
    this.triggers = triggers;
    this.router = router;
    this.sender = sender;
    this.settings = settings;
    this.metrics = metrics;
    this.clock = clock;
    Duration perEvent = settings.callTimeout().multipliedBy(12);
    this.lease = perEvent.compareTo(MIN_LEASE) > 0 ? perEvent : MIN_LEASE;
  }

  /** Releases this node's old claims and polls every {@code pollInterval} on a thread of its own. */
  public synchronized void start() {
    if (scheduler != null) {
      return;
    }
    int released = outbox.releaseClaims(node);
    if (released > 0) {
      LOG.info("released {} event claims of a previous run of node {}", released, node);
    }
    scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread thread = new Thread(r, "commitd-dispatcher");
      thread.setDaemon(true);
      return thread;
    });
    scheduler.scheduleWithFixedDelay(this::poll, 0, settings.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
  }

  private void poll() {
    try {
      // A full batch means more may be waiting: keep going rather than sleep.
      while (runOnce() == BATCH && !Thread.currentThread().isInterrupted()) {
        LOG.debug("outbox batch full; claiming again");
      }
    } catch (RuntimeException e) {
      // The scheduler would stop polling for good on an escaped exception; the database may be back next time.
      LOG.warn("outbox dispatch pass failed; retrying in {}", settings.pollInterval(), e);
    }
  }

  /** One pass: claims due events and attempts each; returns how many it claimed. */
  public int runOnce() {
    Instant now = clock.instant();
    List<OutboxEvent> events = outbox.claim(node, now, now.plus(lease), BATCH);
    for (OutboxEvent event : events) {
      attempt(event);
    }
    return events.size();
  }

  private void attempt(OutboxEvent event) {
    List<String> errors = new ArrayList<>();
    List<Delivery> deliveries;
    try {
      deliveries = router.plan(event, triggers.apply(event.repositoryId()));
    } catch (RuntimeException e) {
      // A row we cannot read stays visible (and ends dead) rather than vanish.
      LOG.warn("cannot plan deliveries of event {}", event.eventId(), e);
      deliveries = List.of();
      errors.add("cannot plan deliveries: " + e);
    }
    Set<String> done = outbox.deliveredDestinations(event.eventId());
    for (Delivery delivery : deliveries) {
      if (done.contains(delivery.key())) {
        continue;
      }
      metrics.attempted(delivery.kind());
      try {
        sender.send(delivery);
        outbox.recordDelivery(event.eventId(), delivery.key(), delivery.kind(), clock.instant());
      } catch (DeliveryException e) {
        metrics.failed(delivery.kind());
        errors.add(delivery.key() + ": " + e.getMessage());
      }
    }
    int attempts = event.attempts() + 1;
    Instant now = clock.instant();
    if (errors.isEmpty()) {
      outbox.markDelivered(event.eventId(), attempts, now);
      return;
    }
    boolean dead = attempts >= settings.maxAttempts();
    Instant next = now.plus(settings.backoff().after(attempts));
    outbox.markFailed(event.eventId(), attempts, String.join("; ", errors), next, dead);
    if (dead) {
      LOG.warn("event {} is dead after {} attempts: {}", event.eventId(), attempts, errors);
    } else {
      LOG.info("event {} attempt {} failed, next at {}: {}", event.eventId(), attempts, next, errors);
    }
  }

  @Override
  public synchronized void close() {
    if (scheduler == null) {
      return;
    }
    scheduler.shutdown();
    try {
      if (!scheduler.awaitTermination(settings.callTimeout().toMillis() * 2, TimeUnit.MILLISECONDS)) {
        scheduler.shutdownNow();
      }
    } catch (InterruptedException e) {
      scheduler.shutdownNow();
      Thread.currentThread().interrupt();
    }
    scheduler = null;
  }
}
