package io.commitd.server.events;

import io.commitd.triggers.delivery.DeliveryMetrics;
import io.commitd.triggers.delivery.DestinationKind;
import io.commitd.triggers.delivery.OutboxStore;
import io.commitd.storage.db.DatabaseException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.EnumMap;
import java.util.Map;

/**
 * The dispatcher's meters: {@code commitd.events.backlog} (released events neither delivered nor
 * dead), and {@code commitd.events.attempts} / {@code commitd.events.failures} per call, tagged
 * {@code destination} = sns, lambda, webhook or eventbridge.
 */
public final class DeliveryMeters implements DeliveryMetrics {
  private final Map<DestinationKind, Counter> attempts = new EnumMap<>(DestinationKind.class);
  private final Map<DestinationKind, Counter> failures = new EnumMap<>(DestinationKind.class);

  public DeliveryMeters(MeterRegistry registry, OutboxStore outbox) {
    for (DestinationKind kind : DestinationKind.values()) {
      attempts.put(kind, Counter.builder("commitd.events.attempts").tag("destination", kind.tag())
          .description("Calls to event destinations").register(registry));
      failures.put(kind, Counter.builder("commitd.events.failures").tag("destination", kind.tag())
          .description("Calls to event destinations that failed").register(registry));
    }
    Gauge.builder("commitd.events.backlog", outbox, DeliveryMeters::backlog)
        .description("Events waiting for delivery (not delivered, not dead)")
        .register(registry);
  }

  private static double backlog(OutboxStore outbox) {
    try {
      return outbox.backlog();
    } catch (DatabaseException e) {
      // The scrape goes on; the health check reports the database.
      return Double.NaN;
    }
  }

  @Override
  public void attempted(DestinationKind kind) {
    attempts.get(kind).increment();
  }

  @Override
  public void failed(DestinationKind kind) {
    failures.get(kind).increment();
  }
}
