package io.commitd.server.audit;

import io.commitd.server.api.ApiCallListener;
import io.commitd.transport.GitOperation;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Repository events for Prometheus — {@code commitd_repository_events_seconds} (duration) and
 * {@code commitd_repository_events_bytes} (pack size) histograms by event (push, pull, merge),
 * repository, transport and outcome — and {@code commitd_users_active}, the principals seen in the
 * last five minutes. API calls are counted by the front door ({@code commitd_api_requests}).
 */
public final class ActivityMetrics implements ApiCallListener, GitOperation.Listener {
  static final Duration ACTIVE_WINDOW = Duration.ofMinutes(5);

  private final MeterRegistry registry;
  private final Clock clock;
  private final Map<String, Instant> lastSeen = new ConcurrentHashMap<>();

  public ActivityMetrics(MeterRegistry registry, Clock clock) {
    this.registry = registry;
    this.clock = clock;
    Gauge.builder("commitd.users.active", this, ActivityMetrics::activeUsers)
        .description("Principals that made an API call or a git request in the last five minutes")
        .register(registry);
  }

  @Override
  public void completed(GitOperation operation) {
    seen(operation.requester().caller().principalArn());
    String event = operation.kind() == GitOperation.Kind.PUSH ? "push" : "pull";
    record(event, operation.repositoryName(), operation.transport(), operation.succeeded() ? "OK" : operation.errorCode(),
        operation.bytes(), operation.millis());
  }

  @Override
  public void completed(CompletedCall completed) {
    if (completed.caller() != null) {
      seen(completed.caller().principalArn());
    }
    if ("codecommit".equals(completed.service()) && completed.operation().startsWith("Merge") && completed.error() == null) {
      String repository = completed.resources().isEmpty() ? "unknown"
          : completed.resources().get(0).substring(completed.resources().get(0).lastIndexOf(':') + 1);
      record("merge", repository, "API", "OK", 0, completed.millis());
    }
  }

  private void record(String event, String repository, String transport, String outcome, long bytes, long millis) {
    Timer.builder("commitd.repository.events")
        .description("Pushes, pulls and merges by repository and transport")
        .tags("event", event, "repository", repository, "transport", transport, "outcome", outcome)
        .publishPercentileHistogram()
        .register(registry)
        .record(millis, TimeUnit.MILLISECONDS);
    if (!"merge".equals(event)) {
      DistributionSummary.builder("commitd.repository.event.bytes")
          .description("Pack bytes received by pushes and sent by pulls")
          .baseUnit("bytes")
          .tags("event", event, "repository", repository, "transport", transport)
          .publishPercentileHistogram()
          .register(registry)
          .record(bytes);
    }
  }

  private void seen(String principal) {
    lastSeen.put(principal, clock.instant());
  }

  double activeUsers() {
    Instant since = clock.instant().minus(ACTIVE_WINDOW);
    lastSeen.values().removeIf(at -> at.isBefore(since));
    return lastSeen.size();
  }
}
