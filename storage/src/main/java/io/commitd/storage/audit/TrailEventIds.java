package io.commitd.storage.audit;

import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Event ids: UUIDs as CloudTrail's are, laid out as version 7 (RFC 9562) — the millisecond first,
 * then random bits. Ids that grow with time land at the end of the trail's unique index instead of
 * on a random page of it, so appending an event rewrites one index page, not one per event.
 */
public final class TrailEventIds {
  private TrailEventIds() {}

  public static String next(Instant at) {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    long millis = at.toEpochMilli() & 0xFFFF_FFFF_FFFFL;
    long high = (millis << 16) | 0x7000L | (random.nextLong() & 0x0FFFL);
    long low = (random.nextLong() & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L;
    return new UUID(high, low).toString();
  }
}
