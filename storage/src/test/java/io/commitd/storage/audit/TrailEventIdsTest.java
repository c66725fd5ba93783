package io.commitd.storage.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class TrailEventIdsTest {
  @Test
  void anIdIsAVersion7UuidCarryingItsMillisecond() {
    Instant at = Instant.parse("2026-11-24T15:30:00.123Z");
    UUID id = UUID.fromString(TrailEventIds.next(at));

    assertThat(id.version()).isEqualTo(7);
    assertThat(id.variant()).isEqualTo(2);
    assertThat(id.getMostSignificantBits() >>> 16).isEqualTo(at.toEpochMilli());
  }

  @Test
  void laterEventsSortAfterEarlierOnes() {
    Instant first = Instant.parse("2026-11-24T15:30:00.123Z");

    assertThat(TrailEventIds.next(first.plusMillis(1))).isGreaterThan(TrailEventIds.next(first));
  }

  @Test
  void idsOfOneMillisecondDiffer() {
    Instant at = Instant.parse("2026-11-24T15:30:00Z");
    Set<String> ids = new HashSet<>();
    for (int i = 0; i < 10_000; i++) {
      ids.add(TrailEventIds.next(at));
    }

    assertThat(ids).hasSize(10_000);
  }
}
