package io.commitd.storage.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.commitd.storage.db.Database;
import io.commitd.storage.db.MetadataDump;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The trail's files: segments sealed and summarized, reopened, cut after a torn write, purged, moved in and dumped. */
class TrailLogTest {
  private static final String ACCOUNT = "111122223333";
  private static final Instant T0 = Instant.parse("2026-11-01T00:00:00Z");
  /** A few events per segment, so that every test crosses segments. */
  private static final long SMALL_SEGMENTS = 1_000;

  @TempDir Path scratch;

  @Test
  void eventsOutliveAReopenAcrossSealedSegmentsAndNumberingGoesOn() throws Exception {
    Path directory = scratch.resolve("trail");
    try (TrailLog log = TrailLog.open(directory, SMALL_SEGMENTS)) {
      for (int i = 0; i < 40; i++) {
        log.append(event(i, "GetRepository", "repo" + (i % 4)));
      }
    }
    assertThat(files(directory, ".summary")).hasSizeGreaterThan(5);

    try (TrailLog log = TrailLog.open(directory, SMALL_SEGMENTS)) {
      log.append(event(40, "GitPush", "repo0"));

      assertThat(ids(log, null, null)).hasSize(41).startsWith("e40", "e39", "e38").endsWith("e1", "e0");
      assertThat(ids(log, TrailStore.Attribute.ResourceName, "repo1")).containsExactly(
          "e37", "e33", "e29", "e25", "e21", "e17", "e13", "e9", "e5", "e1");
      assertThat(ids(log, TrailStore.Attribute.EventName, "GitPush")).containsExactly("e40");
      List<String> paged = new ArrayList<>();
      Long next = null;
      do {
        TrailStore.Page page = log.lookup(lookup(null, null, 7, next));
        page.events().forEach(e -> paged.add(e.eventId()));
        next = page.next();
      } while (next != null);
      assertThat(paged).isEqualTo(ids(log, null, null));
    }
  }

  @Test
  void everyFieldReadsBackAsWrittenInAnyScriptAndNullsStayNull() throws Exception {
    Path directory = scratch.resolve("trail");
    TrailEvent written = new TrailEvent("e0", T0, ACCOUNT, "GetRepository", "codecommit.amazonaws.com", "José-日本",
        null, true, List.of(new TrailEvent.Resource("AWS::CodeCommit::Repository", "straße",
            "arn:aws:codecommit:us-east-1:" + ACCOUNT + ":straße")),
        "{\"userName\":\"José-日本\",\"note\":\"\uD83D\uDE00 and a lone \uD800 surrogate\"}");
    try (TrailLog log = TrailLog.open(directory)) {
      log.append(written);
      log.append(event(1, "GitPush", "ascii"));
    }
    try (TrailLog log = TrailLog.open(directory)) {
      List<TrailEvent> found = log.lookup(lookup(TrailStore.Attribute.ResourceName, "straße", 10, null)).events();
      TrailEvent expected = new TrailEvent(written.eventId(), written.eventTime(), written.accountId(),
          written.eventName(), written.eventSource(), written.username(), null, true, written.resources(),
          // a lone surrogate is not UTF-8: it is written as '?', as String.getBytes writes it
          written.cloudTrailEvent().replace("\uD800", "?"));
      assertThat(found).containsExactly(expected);
      assertThat(ids(log, TrailStore.Attribute.Username, "José-日本")).containsExactly("e0");
    }
  }

  @Test
  void aSummaryLostBeforeItWasWrittenIsRebuiltFromItsSegment() throws Exception {
    Path directory = scratch.resolve("trail");
    try (TrailLog log = TrailLog.open(directory, SMALL_SEGMENTS)) {
      for (int i = 0; i < 20; i++) {
        log.append(event(i, "GetRepository", "repo" + i));
      }
    }
    Path firstSummary = files(directory, ".summary").get(0);
    Files.delete(firstSummary);

    try (TrailLog log = TrailLog.open(directory, SMALL_SEGMENTS)) {
      assertThat(firstSummary).exists();
      assertThat(ids(log, TrailStore.Attribute.ResourceName, "repo0")).containsExactly("e0");
      assertThat(ids(log, null, null)).hasSize(20);
    }
  }

  @Test
  void aRecordTornByAnInterruptedWriteIsCutOffAtTheNextOpen() throws Exception {
    Path directory = scratch.resolve("trail");
    try (TrailLog log = TrailLog.open(directory)) {
      log.append(event(0, "GetRepository", "repo"));
      log.append(event(1, "GetRepository", "repo"));
    }
    Path segment = files(directory, TrailSegment.SUFFIX).get(0);
    long whole = Files.size(segment);
    try (FileChannel channel = FileChannel.open(segment, StandardOpenOption.WRITE)) {
      channel.truncate(whole - 10); // the second record lost its end
    }

    try (TrailLog log = TrailLog.open(directory)) {
      assertThat(ids(log, null, null)).containsExactly("e0");
      log.append(event(2, "GitPush", "repo"));
      assertThat(ids(log, null, null)).containsExactly("e2", "e0");
    }
    try (TrailLog log = TrailLog.open(directory)) {
      assertThat(ids(log, null, null)).containsExactly("e2", "e0");
    }
  }

  @Test
  void aPurgeDeletesTheSegmentsBeforeItsCutoffAndHidesTheOlderEventsOfTheRest() throws Exception {
    Path directory = scratch.resolve("trail");
    try (TrailLog log = TrailLog.open(directory, SMALL_SEGMENTS)) {
      for (int i = 0; i < 30; i++) {
        log.append(event(i, "GetRepository", "repo"));
      }
      int segments = files(directory, TrailSegment.SUFFIX).size();

      assertThat(log.purgeBefore(T0.plusSeconds(15 * 60))).isEqualTo(15);
      assertThat(files(directory, TrailSegment.SUFFIX)).hasSizeLessThan(segments);
      assertThat(ids(log, null, null)).hasSize(15).endsWith("e15");
      assertThat(log.purgeBefore(T0.plusSeconds(15 * 60))).isZero();
    }
    try (TrailLog log = TrailLog.open(directory, SMALL_SEGMENTS)) {
      assertThat(ids(log, null, null)).hasSize(15).endsWith("e15");
      assertThat(log.purgeBefore(T0.plusSeconds(3600))).isEqualTo(15);
      log.append(event(61, "GitPush", "repo"));
      assertThat(ids(log, null, null)).containsExactly("e61");
    }
  }

  @Test
  void theTablesEventsMoveIntoTheLogWithTheirNumbersAndAreDumpedAsTableRows() throws Exception {
    TrailStore.Page tablePage;
    try (Database database = Database.open(Database.embeddedUrl(scratch.resolve("before")), null, null)) {
      SqlTrailStore table = new SqlTrailStore(database);
      for (int i = 0; i < 5; i++) {
        table.append(event(i, "GetRepository", "repo" + i));
      }
      tablePage = table.lookup(lookup(null, null, 2, null));

      try (TrailStore trail = TrailStore.open(database, scratch.resolve("before-data"))) {
        assertThat(trail).isInstanceOf(TrailLog.class);
        assertThat(table.lookup(lookup(null, null, 10, null)).events()).isEmpty();
        TrailStore.Page logPage = trail.lookup(lookup(null, null, 2, null));
        assertThat(logPage).isEqualTo(tablePage);
        assertThat(trail.lookup(lookup(null, null, 10, logPage.next())).events()).extracting(TrailEvent::eventId)
            .containsExactly("e2", "e1", "e0");
        trail.append(event(5, "GitPush", "repo5"));
        assertThat(ids(trail, null, null)).containsExactly("e5", "e4", "e3", "e2", "e1", "e0");
      }

      Path dump = scratch.resolve("dump");
      try (Connection connection = database.dataSource().getConnection()) {
        MetadataDump.dump(connection, dump);
      }
      assertThat(TrailDump.appendTo(scratch.resolve("before-data").resolve(TrailLog.DIRECTORY), dump)).isEqualTo(6);

      try (Database restored = Database.open(Database.embeddedUrl(scratch.resolve("after")), null, null)) {
        MetadataDump.load(restored, dump);
        SqlTrailStore restoredTable = new SqlTrailStore(restored);
        assertThat(ids(restoredTable, null, null)).containsExactly("e5", "e4", "e3", "e2", "e1", "e0");
        assertThat(ids(restoredTable, TrailStore.Attribute.ResourceName, "arn:aws:codecommit:us-east-1:" + ACCOUNT + ":repo3"))
            .containsExactly("e3");
      }
    }
  }

  @Test
  void anImportThatStoppedMidwayMovesTheRestAtTheNextStart() throws Exception {
    try (Database database = Database.open(Database.embeddedUrl(scratch.resolve("db")), null, null)) {
      SqlTrailStore table = new SqlTrailStore(database);
      for (int i = 0; i < 5; i++) {
        table.append(event(i, "GetRepository", "repo"));
      }
      Path directory = scratch.resolve("trail");
      try (TrailLog log = TrailLog.open(directory)) {
        log.appendEntries(table.readAfter(0, 3)); // copied, then stopped before deleting them
      }

      try (TrailLog log = TrailLog.open(directory)) {
        assertThat(log.importFrom(table)).isEqualTo(2);
        assertThat(ids(log, null, null)).containsExactly("e4", "e3", "e2", "e1", "e0");
        assertThat(table.readAfter(0, 10)).isEmpty();
      }
    }
  }

  @Test
  void aLookupWhileEventsAreAppendedSeesEveryEventUpToSomeNewestOne() throws Exception {
    int total = 3_000;
    try (TrailLog log = TrailLog.open(scratch.resolve("trail"), SMALL_SEGMENTS * 20)) {
      Thread writer = new Thread(() -> {
        for (int i = 0; i < total; i += 10) {
          List<TrailEvent> batch = new ArrayList<>();
          for (int j = i; j < i + 10; j++) {
            batch.add(new TrailEvent("e" + j, T0.plusSeconds(j), ACCOUNT, "GetRepository", "codecommit.amazonaws.com",
                "root", "AKIAEXAMPLE", true, List.of(), "{}"));
          }
          log.appendAll(batch);
        }
      });
      writer.start();
      int seen = 0;
      while (seen < total) {
        List<String> ids = log.lookup(lookup(null, null, total, null)).events().stream().map(TrailEvent::eventId).toList();
        assertThat(ids.size()).isGreaterThanOrEqualTo(seen);
        for (int k = 0; k < ids.size(); k++) {
          assertThat(ids.get(k)).isEqualTo("e" + (ids.size() - 1 - k));
        }
        seen = ids.size();
      }
      writer.join();
    }
  }

  private static List<String> ids(TrailStore trail, TrailStore.Attribute attribute, String value) {
    return trail.lookup(lookup(attribute, value, 1_000, null)).events().stream().map(TrailEvent::eventId).toList();
  }

  private static TrailStore.Lookup lookup(TrailStore.Attribute attribute, String value, int limit, Long after) {
    return new TrailStore.Lookup(ACCOUNT, attribute, value, T0.minusSeconds(3600), T0.plusSeconds(86_400), limit, after);
  }

  /** Event {@code i} happens {@code i} minutes after T0. */
  private static TrailEvent event(int i, String name, String repository) {
    return new TrailEvent("e" + i, T0.plusSeconds(i * 60L), ACCOUNT, name, "codecommit.amazonaws.com", "root", "AKIAEXAMPLE",
        name.startsWith("Get"), List.of(new TrailEvent.Resource("AWS::CodeCommit::Repository", repository,
            "arn:aws:codecommit:us-east-1:" + ACCOUNT + ":" + repository)), "{\"eventID\":\"e" + i + "\"}");
  }

  private static List<Path> files(Path directory, String suffix) throws IOException {
    try (Stream<Path> files = Files.list(directory)) {
      return files.filter(f -> f.getFileName().toString().endsWith(suffix)).sorted().toList();
    }
  }
}
