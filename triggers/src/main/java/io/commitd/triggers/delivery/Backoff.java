package io.commitd.triggers.delivery;

import java.time.Duration;
import java.util.Objects;

/** Exponential backoff with a bound: {@code initial}, doubled after each failed attempt, never above {@code max}. */
public record Backoff(Duration initial, Duration max) {

  public Backoff {
    Objects.requireNonNull(initial, "initial");
    Objects.requireNonNull(max, "max");
    if (initial.isNegative() || initial.isZero()) {
      throw new IllegalArgumentException("initial backoff must be positive: " + initial);
    }
    if (max.compareTo(initial) < 0) {
      throw new IllegalArgumentException("max backoff " + max + " is below the initial " + initial);
    }
  }

  /** The wait after {@code failedAttempts} failed attempts (1 after the first failure). */
  public Duration after(int failedAttempts) {
    if (failedAttempts < 1) {
      return Duration.ZERO;
    }
    // 2^62 ms overflows nothing; beyond that the bound has long been reached.
    int doublings = Math.min(failedAttempts - 1, 62);
    long millis = initial.toMillis();
    long limit = max.toMillis();
    for (int i = 0; i < doublings && millis < limit; i++) {
      millis *= 2;
    }
    return Duration.ofMillis(Math.min(millis, limit));
  }
}
