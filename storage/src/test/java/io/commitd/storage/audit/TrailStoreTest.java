package io.commitd.storage.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.commitd.storage.MetadataDatabases;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The trail's lookups: one account, newest first, by attribute and time, in pages; and its purge. */
class TrailStoreTest {
  @TempDir Path scratch;

  @ParameterizedTest
  @MethodSource("io.commitd.storage.MetadataDatabases#kinds")
  void looksUpByAttributeTimeAndPageAndPurgesOldEvents(MetadataDatabases.Kind kind) throws Exception {
    try (MetadataDatabases.Fresh fresh = MetadataDatabases.open(kind, scratch)) {
      TrailStore trail = new TrailStore(fresh.database());
      Instant t0 = Instant.parse("2026-11-01T00:00:00Z");
      for (int i = 0; i < 5; i++) {
        trail.append(event("e" + i, t0.plusSeconds(i * 60L), "111122223333", i % 2 == 0 ? "GitPush" : "GetRepository",
            i % 2 == 1, "repo" + i));
      }
      trail.append(event("other", t0, "444455556666", "GitPush", false, "repo0"));

      TrailStore.Page all = trail.lookup(lookup(null, null, 10, null));
      assertThat(all.events()).extracting(TrailEvent::eventId).containsExactly("e4", "e3", "e2", "e1", "e0");
      assertThat(all.next()).isNull();
      assertThat(trail.lookup(lookup(TrailStore.Attribute.EventName, "GitPush", 10, null)).events())
          .extracting(TrailEvent::eventId).containsExactly("e4", "e2", "e0");
      assertThat(trail.lookup(lookup(TrailStore.Attribute.ReadOnly, "true", 10, null)).events())
          .extracting(TrailEvent::eventId).containsExactly("e3", "e1");
      assertThat(trail.lookup(lookup(TrailStore.Attribute.ResourceName, "repo3", 10, null)).events())
          .extracting(TrailEvent::eventId).containsExactly("e3");
      assertThat(trail.lookup(lookup(TrailStore.Attribute.ResourceName, "arn:aws:codecommit:us-east-1:111122223333:repo3", 10, null))
          .events()).extracting(TrailEvent::eventId).containsExactly("e3");
      assertThat(trail.lookup(new TrailStore.Lookup("111122223333", null, null, t0.plusSeconds(60), t0.plusSeconds(120), 10, null))
          .events()).extracting(TrailEvent::eventId).containsExactly("e2", "e1");

      TrailStore.Page first = trail.lookup(lookup(null, null, 2, null));
      assertThat(first.events()).extracting(TrailEvent::eventId).containsExactly("e4", "e3");
      TrailStore.Page second = trail.lookup(lookup(null, null, 2, first.next()));
      assertThat(second.events()).extracting(TrailEvent::eventId).containsExactly("e2", "e1");
      assertThat(trail.lookup(lookup(null, null, 2, second.next())).events()).extracting(TrailEvent::eventId).containsExactly("e0");

      assertThat(trail.purgeBefore(t0.plusSeconds(120))).isEqualTo(3);
      assertThat(trail.lookup(lookup(null, null, 10, null)).events()).extracting(TrailEvent::eventId).containsExactly("e4", "e3", "e2");
    }
  }

  @ParameterizedTest
  @MethodSource("io.commitd.storage.MetadataDatabases#kinds")
  void aBatchKeepsEachEventsResourcesWithItsEvent(MetadataDatabases.Kind kind) throws Exception {
    try (MetadataDatabases.Fresh fresh = MetadataDatabases.open(kind, scratch)) {
      TrailStore trail = new TrailStore(fresh.database());
      Instant t0 = Instant.parse("2026-11-01T00:00:00Z");
      List<TrailEvent> batch = new ArrayList<>();
      for (int i = 0; i < 50; i++) {
        batch.add(event("e" + i, t0.plusSeconds(i), "111122223333", "GetRepository", true, "repo" + i));
      }
      batch.add(new TrailEvent("no-resources", t0, "111122223333", "ListRepositories", "codecommit.amazonaws.com", "root",
          "AKIAEXAMPLE", true, List.of(), "{}"));
      trail.appendAll(batch);

      for (int i : new int[] {0, 17, 49}) {
        assertThat(trail.lookup(lookup(TrailStore.Attribute.ResourceName, "repo" + i, 10, null)).events())
            .extracting(TrailEvent::eventId).containsExactly("e" + i);
      }
      assertThat(trail.lookup(lookup(null, null, 100, null)).events()).hasSize(51);
    }
  }

  private static TrailStore.Lookup lookup(TrailStore.Attribute attribute, String value, int limit, Long after) {
    return new TrailStore.Lookup("111122223333", attribute, value, Instant.parse("2026-10-01T00:00:00Z"),
        Instant.parse("2026-12-01T00:00:00Z"), limit, after);
  }

  private static TrailEvent event(String id, Instant at, String account, String name, boolean readOnly, String repository) {
    String arn = "arn:aws:codecommit:us-east-1:" + account + ":" + repository;
    return new TrailEvent(id, at, account, name, "codecommit.amazonaws.com", "root", "AKIAEXAMPLE", readOnly,
        List.of(new TrailEvent.Resource("AWS::CodeCommit::Repository", repository, arn)), "{\"eventID\":\"" + id + "\"}");
  }
}
