package io.commitd.server.config;

import java.time.Duration;

/**
 * How commitd is operated, beside what it serves ({@link ServerConfig}): how long the audit trail
 * is kept and how long a stop waits for work in flight.
 *
 * @param auditRetentionDays days CloudTrail events are kept ({@code COMMITD_AUDIT_RETENTION_DAYS})
 * @param shutdownTimeout how long a stop waits for git operations and API calls in flight
 *     ({@code COMMITD_SHUTDOWN_TIMEOUT})
 */
public record OperationsConfig(int auditRetentionDays, Duration shutdownTimeout) {
  public static final int DEFAULT_AUDIT_RETENTION_DAYS = 90;
  public static final Duration DEFAULT_SHUTDOWN_TIMEOUT = Duration.ofSeconds(30);

  public static OperationsConfig defaults() {
    return new OperationsConfig(DEFAULT_AUDIT_RETENTION_DAYS, DEFAULT_SHUTDOWN_TIMEOUT);
  }

  public OperationsConfig withShutdownTimeout(Duration timeout) {
    return new OperationsConfig(auditRetentionDays, timeout);
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
