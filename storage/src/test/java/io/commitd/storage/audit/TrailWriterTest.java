package io.commitd.storage.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.commitd.storage.MetadataDatabases;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Group commits of trail events: changes recorded before they are answered, reads by the next lookup. */
class TrailWriterTest {
  private static final Instant AT = Instant.parse("2026-11-24T12:00:00Z");

  @TempDir Path scratch;

  @ParameterizedTest
  @MethodSource("io.commitd.storage.MetadataDatabases#kinds")
  void aChangesEventIsCommittedWhenAppendReturns(MetadataDatabases.Kind kind) throws Exception {
    try (MetadataDatabases.Fresh fresh = MetadataDatabases.open(kind, scratch);
        TrailWriter writer = new TrailWriter(new SqlTrailStore(fresh.database()))) {
      writer.append(event("push", false));

      assertThat(idsIn(new SqlTrailStore(fresh.database()))).containsExactly("push");
    }
  }

  @ParameterizedTest
  @MethodSource("io.commitd.storage.MetadataDatabases#kinds")
  void readEventsQueuedBeforeAFlushAreCommittedWhenItReturns(MetadataDatabases.Kind kind) throws Exception {
    try (MetadataDatabases.Fresh fresh = MetadataDatabases.open(kind, scratch);
        TrailWriter writer = new TrailWriter(new SqlTrailStore(fresh.database()))) {
      for (int i = 0; i < 1200; i++) {
        writer.append(event("read" + i, true));
      }
      writer.flush();

      assertThat(idsIn(new SqlTrailStore(fresh.database()))).hasSize(1200);
    }
  }

  @ParameterizedTest
  @MethodSource("io.commitd.storage.MetadataDatabases#kinds")
  void aReadEventNobodyWaitsForIsCommittedWithinTheLinger(MetadataDatabases.Kind kind) throws Exception {
    try (MetadataDatabases.Fresh fresh = MetadataDatabases.open(kind, scratch);
        TrailWriter writer = new TrailWriter(new SqlTrailStore(fresh.database()))) {
      writer.append(event("read", true));

      TrailStore store = new SqlTrailStore(fresh.database());
      long deadline = System.nanoTime() + TrailWriter.LINGER.multipliedBy(50).toNanos();
      while (idsIn(store).isEmpty() && System.nanoTime() < deadline) {
        Thread.sleep(10);
      }
      assertThat(idsIn(store)).containsExactly("read");
    }
  }

  @ParameterizedTest
  @MethodSource("io.commitd.storage.MetadataDatabases#kinds")
  void closingWritesWhatIsQueuedAndRefusesMore(MetadataDatabases.Kind kind) throws Exception {
    try (MetadataDatabases.Fresh fresh = MetadataDatabases.open(kind, scratch)) {
      TrailWriter writer = new TrailWriter(new SqlTrailStore(fresh.database()));
      for (int i = 0; i < 300; i++) {
        writer.append(event("read" + i, true));
      }
      writer.close();

      assertThat(idsIn(new SqlTrailStore(fresh.database()))).hasSize(300);
      assertThatThrownBy(() -> writer.append(event("late", true))).isInstanceOf(IllegalStateException.class);
    }
  }

  @ParameterizedTest
  @MethodSource("io.commitd.storage.MetadataDatabases#kinds")
  void anEventTheStoreRefusesLosesOnlyItself(MetadataDatabases.Kind kind) throws Exception {
    try (MetadataDatabases.Fresh fresh = MetadataDatabases.open(kind, scratch);
        TrailWriter writer = new TrailWriter(new SqlTrailStore(fresh.database()))) {
      writer.append(event("first", true));
      writer.append(event("first", true));
      writer.append(event("second", true));
      writer.flush();

      assertThat(idsIn(new SqlTrailStore(fresh.database()))).containsExactly("second", "first");
    }
  }

  private static List<String> idsIn(TrailStore store) {
    return store.lookup(new TrailStore.Lookup("111122223333", null, null, AT.minusSeconds(60), AT.plusSeconds(60), 5000, null))
        .events().stream().map(TrailEvent::eventId).toList();
  }

  private static TrailEvent event(String id, boolean readOnly) {
    return new TrailEvent(id, AT, "111122223333", readOnly ? "GetRepository" : "GitPush", "codecommit.amazonaws.com",
        "root", "AKIAEXAMPLE", readOnly, List.of(), "{\"eventID\":\"" + id + "\"}");
  }
}
