package io.commitd.server.config;

import java.time.Duration;

/**
 * How commitd is operated, beside what it serves ({@link ServerConfig}): how long the audit trail
 * is kept, how long a stop waits for work in flight, and how many HTTP requests run at once.
 *
 * @param auditRetentionDays days CloudTrail events are kept ({@code COMMITD_AUDIT_RETENTION_DAYS})
 * @param shutdownTimeout how long a stop waits for git operations and API calls in flight
 *     ({@code COMMITD_SHUTDOWN_TIMEOUT})
 * @param concurrentRequests how many API, console and admin requests are handled at once, the rest
 *     waiting their turn (git transfers, health and metrics are not counted); 0 for no limit
 *     ({@code COMMITD_CONCURRENT_REQUESTS})
 */
public record OperationsConfig(int auditRetentionDays, Duration shutdownTimeout, int concurrentRequests) {
  public static final int DEFAULT_AUDIT_RETENTION_DAYS = 90;
  public static final Duration DEFAULT_SHUTDOWN_TIMEOUT = Duration.ofSeconds(30);

  /**
   * Twice the cores: with the embedded database the calls are mostly CPU (docs/performance.md has
   * the measurements); with a database across the network, calls wait on it and more can run.
   */
  public static int defaultConcurrentRequests() {
    return 2 * Runtime.getRuntime().availableProcessors();
  }

  public static OperationsConfig defaults() {
    return new OperationsConfig(DEFAULT_AUDIT_RETENTION_DAYS, DEFAULT_SHUTDOWN_TIMEOUT, defaultConcurrentRequests());
  }

  public OperationsConfig withShutdownTimeout(Duration timeout) {
    return new OperationsConfig(auditRetentionDays, timeout, concurrentRequests);
  }

  /** A number of requests: 0 (no limit) or more; empty for {@link #defaultConcurrentRequests()}. */
  public static int parseConcurrentRequests(String setting, String value) {
    if (value == null || value.isBlank()) {
      return defaultConcurrentRequests();
    }
    try {
      int requests = Integer.parseInt(value.trim());
      if (requests < 0) {
        throw new ConfigValidator.InvalidSettingException(setting, "must be 0 (no limit) or more, not " + requests);
      }
      return requests;
    } catch (NumberFormatException e) {
      throw new ConfigValidator.InvalidSettingException(setting, "'" + value + "' is not a number of requests");
    }
  }

  /** Parses a duration setting: seconds ({@code 30}), or with a unit ({@code 500ms}, {@code 30s}, {@code 2m}). */
  public static Duration parseDuration(String setting, String value) {
    String v = value.trim();
    try {
      if (v.endsWith("ms")) {
        return Duration.ofMillis(Long.parseLong(v.substring(0, v.length() - 2)));
      }
      if (v.endsWith("s")) {
        return Duration.ofSeconds(Long.parseLong(v.substring(0, v.length() - 1)));
      }
      if (v.endsWith("m")) {
        return Duration.ofMinutes(Long.parseLong(v.substring(0, v.length() - 1)));
      }
      return Duration.ofSeconds(Long.parseLong(v));
    } catch (NumberFormatException e) {
      throw new ConfigValidator.InvalidSettingException(setting, "'" + value + "' is not a duration (e.g. 30, 30s, 500ms, 2m)");
    }
  }

  public static int parseDays(String setting, String value) {
    try {
      int days = Integer.parseInt(value.trim());
      if (days < 1) {
        throw new ConfigValidator.InvalidSettingException(setting, "must be at least 1 day, not " + days);
      }
      return days;
    } catch (NumberFormatException e) {
      throw new ConfigValidator.InvalidSettingException(setting, "'" + value + "' is not a number of days");
    }
  }
}
