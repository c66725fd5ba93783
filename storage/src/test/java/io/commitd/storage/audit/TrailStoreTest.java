package io.commitd.storage.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.commitd.storage.MetadataDatabases;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The trail's lookups: one account, newest first, by attribute and time, in pages; and its purge. */
class TrailStoreTest {
  @TempDir Path scratch;

  /** Each store: the table on both databases, and the files of the embedded default. */
  enum Kind {
    H2_TABLE,
    POSTGRESQL_TABLE,
    LOG
  }

  /** An open store and what it is kept in. */
  record Opened(TrailStore trail, MetadataDatabases.Fresh holder) implements AutoCloseable {
    @Override
    public void close() throws SQLException {
      trail.close();
      if (holder != null) {
        holder.close();
      }
    }
  }

  private Opened open(Kind kind) throws Exception {
    return switch (kind) {
      case H2_TABLE, POSTGRESQL_TABLE -> {
        MetadataDatabases.Fresh fresh = MetadataDatabases.open(
            kind == Kind.H2_TABLE ? MetadataDatabases.Kind.H2 : MetadataDatabases.Kind.POSTGRESQL, scratch);
        yield new Opened(new SqlTrailStore(fresh.database()), fresh);
      }
      case LOG -> new Opened(TrailLog.open(scratch.resolve("trail")), null);
    };
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void looksUpByAttributeTimeAndPageAndPurgesOldEvents(Kind kind) throws Exception {
    try (Opened opened = open(kind)) {
      TrailStore trail = opened.trail();
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
  @EnumSource(Kind.class)
  void aBatchKeepsEachEventsResourcesWithItsEvent(Kind kind) throws Exception {
    try (Opened opened = open(kind)) {
      TrailStore trail = opened.trail();
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

  @ParameterizedTest
  @EnumSource(Kind.class)
  void looksUpByEachAttributeWithinTheCallersAccountOnly(Kind kind) throws Exception {
    try (Opened opened = open(kind)) {
      TrailStore trail = opened.trail();
      Instant t0 = Instant.parse("2026-11-01T00:00:00Z");
      String pushId = TrailEventIds.next(t0.plusSeconds(5));
      trail.append(new TrailEvent(TrailEventIds.next(t0), t0, "111122223333", "GetRepository", "codecommit.amazonaws.com",
          "alice", "AKIAALICE", true, List.of(new TrailEvent.Resource("AWS::CodeCommit::Repository", "app", null)), "{}"));
      trail.append(new TrailEvent(pushId, t0.plusSeconds(5), "111122223333", "GitPush", "codecommit.amazonaws.com",
          "bob", "AKIABOB", false, List.of(), "{\"eventName\":\"GitPush\"}"));
      trail.append(new TrailEvent(TrailEventIds.next(t0), t0, "444455556666", "GetUser", "iam.amazonaws.com",
          "alice", "AKIAALICE", true, List.of(), "{}"));

      assertThat(trail.lookup(lookup(TrailStore.Attribute.EventId, pushId, 10, null)).events())
          .extracting(TrailEvent::eventName, TrailEvent::cloudTrailEvent).containsExactly(tuple("GitPush", "{\"eventName\":\"GitPush\"}"));
      assertThat(trail.lookup(lookup(TrailStore.Attribute.Username, "alice", 10, null)).events())
          .extracting(TrailEvent::eventName).containsExactly("GetRepository");
      assertThat(trail.lookup(lookup(TrailStore.Attribute.AccessKeyId, "AKIABOB", 10, null)).events())
          .extracting(TrailEvent::eventName).containsExactly("GitPush");
      assertThat(trail.lookup(lookup(TrailStore.Attribute.ResourceType, "AWS::CodeCommit::Repository", 10, null)).events())
          .extracting(TrailEvent::eventName).containsExactly("GetRepository");
      assertThat(trail.lookup(lookup(TrailStore.Attribute.EventSource, "iam.amazonaws.com", 10, null)).events()).isEmpty();
      assertThat(trail.lookup(lookup(TrailStore.Attribute.ReadOnly, "false", 10, null)).events())
          .extracting(TrailEvent::eventName).containsExactly("GitPush");
      assertThat(trail.lookup(lookup(TrailStore.Attribute.EventId, "not-an-id", 10, null)).events()).isEmpty();
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
