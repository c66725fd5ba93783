package io.commitd.server.api;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Request ids in AWS's shape (a version 4 UUID). They identify, they protect nothing, so they come
 * from a fast random source: {@link UUID#randomUUID} drew on {@code SecureRandom} for every call.
 */
public final class RequestIds {
  private RequestIds() {}

  public static String next() {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    long high = (random.nextLong() & ~0xF000L) | 0x4000L;
    long low = (random.nextLong() & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L;
    return new UUID(high, low).toString();
  }
}
