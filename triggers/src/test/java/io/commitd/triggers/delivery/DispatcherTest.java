package io.commitd.triggers.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import io.commitd.storage.db.Database;
import io.commitd.storage.db.Sql;
import io.commitd.storage.outbox.EventOutbox;
import io.commitd.storage.refs.RefChange;
import io.commitd.triggers.config.RepositoryTrigger;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The dispatcher's ordering, backoff, dead-letter and claiming rules, on H2 and PostgreSQL. */
class DispatcherTest {
  private static final String ACCOUNT = "111122223333";
  private static final String ZERO = "0".repeat(40);
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  @TempDir Path scratch;

  /** A clock the test moves. */
  static final class TestClock extends Clock {
    private volatile Instant now = T0;

    void advance(Duration duration) {
      now = now.plus(duration);
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }
  }

  /** Records what was sent; fails what {@code failing} says. */
  static final class RecordingSender implements Dispatcher.Sender {
    final List<String> sent = new ArrayList<>();
    volatile Predicate<Delivery> failing = d -> false;

    @Override
    public synchronized void send(Delivery delivery) throws DeliveryException {
      if (failing.test(delivery)) {
        throw new DeliveryException("refused " + delivery.key());
      }
      sent.add(label(delivery));
    }

    synchronized List<String> sent() {
      return List.copyOf(sent);
    }
  }

  private final TestClock clock = new TestClock();
  private final RecordingSender sender = new RecordingSender();
  private final Map<String, TriggerConfiguration> triggers = new ConcurrentHashMap<>();

  private static final DeliverySettings SETTINGS = DeliverySettings.defaults("us-east-1")
      .withEventBridge("bus", null, DeliverySettings.DEFAULT_EVENTBRIDGE_SOURCE)
      .withRetries(3, Duration.ofMillis(50), Duration.ofSeconds(1), Duration.ofSeconds(4));

  private Dispatcher dispatcher(Database database, String node) {
    return new Dispatcher(node, new OutboxStore(database), id -> Optional.ofNullable(triggers.get(id)),
        new EventRouter("us-east-1", SETTINGS), sender, SETTINGS, DeliveryMetrics.NONE, clock);
  }

  /** An EventBridge row, labelled by its detail, so sends can be read back in order. */
  private static void bridgeEvent(Database database, String repositoryId, String label) {
    database.inTransaction(c -> {
      EventOutbox.append(c, ACCOUNT, repositoryId, EventOutbox.EVENTBRIDGE,
          "{\"detailType\":\"CodeCommit Pull Request State Change\",\"resources\":[],\"detail\":{\"label\":\"" + label + "\"}}",
          T0);
      return null;
    });
  }

  private static String label(Delivery delivery) {
    if (delivery instanceof Delivery.ToEventBridge entry) {
      String detail = entry.detail();
      int at = detail.indexOf("\"label\":\"");
      return at < 0 ? entry.detailType() : detail.substring(at + 9, detail.indexOf('"', at + 9));
    }
    return delivery.key();
  }

  @ParameterizedTest
  @MethodSource("io.commitd.triggers.delivery.TestDatabases#kinds")
  void aRepositorysEventsLeaveInOrderAndWaitForAFailingPredecessor(TestDatabases.Kind kind) throws Exception {
    try (TestDatabases.Fresh db = TestDatabases.open(kind, scratch)) {
      bridgeEvent(db.database(), "repo-a", "a1");
      bridgeEvent(db.database(), "repo-a", "a2");
      bridgeEvent(db.database(), "repo-b", "b1");
      bridgeEvent(db.database(), "repo-a", "a3");
      sender.failing = d -> label(d).equals("a1");
      Dispatcher dispatcher = dispatcher(db.database(), "node-1");

      assertThat(dispatcher.runOnce()).as("a1 and b1 are first in line").isEqualTo(2);
      assertThat(sender.sent()).containsExactly("b1");
      assertThat(dispatcher.runOnce()).as("a1 waits for its backoff and a2 for a1").isZero();

      clock.advance(Duration.ofSeconds(1));
      sender.failing = d -> false;
      while (dispatcher.runOnce() > 0) {
        clock.advance(Duration.ofMillis(1));
      }
      assertThat(sender.sent()).containsExactly("b1", "a1", "a2", "a3");
      assertThat(new OutboxStore(db.database()).backlog()).isZero();
    }
  }

  @ParameterizedTest
  @MethodSource("io.commitd.triggers.delivery.TestDatabases#kinds")
  void backoffDoublesUpToItsBoundThenTheEventIsDeadAndNoLongerBlocksItsRepository(TestDatabases.Kind kind)
      throws Exception {
    try (TestDatabases.Fresh db = TestDatabases.open(kind, scratch)) {
      bridgeEvent(db.database(), "repo-a", "a1");
      bridgeEvent(db.database(), "repo-a", "a2");
      sender.failing = d -> label(d).equals("a1");
      Dispatcher dispatcher = dispatcher(db.database(), "node-1");
      OutboxStore outbox = new OutboxStore(db.database());

      assertThat(dispatcher.runOnce()).isEqualTo(1);
      assertThat(nextAttempt(db.database(), "a1")).isEqualTo(T0.plusSeconds(1));
      clock.advance(Duration.ofMillis(999));
      assertThat(dispatcher.runOnce()).as("not yet due").isZero();
      clock.advance(Duration.ofMillis(1));
      assertThat(dispatcher.runOnce()).isEqualTo(1);
      assertThat(nextAttempt(db.database(), "a1")).as("doubled").isEqualTo(clock.instant().plusSeconds(2));
      clock.advance(Duration.ofSeconds(2));
      assertThat(dispatcher.runOnce()).as("third and last attempt").isEqualTo(1);

      List<EventState> dead = outbox.list(ACCOUNT, EventState.State.DEAD, 10);
      assertThat(dead).singleElement().satisfies(e -> {
        assertThat(e.event().attempts()).isEqualTo(3);
        assertThat(e.lastError()).contains("refused eventbridge:bus");
      });
      assertThat(dispatcher.runOnce()).as("a2 goes once a1 is dead").isEqualTo(1);
      assertThat(sender.sent()).containsExactly("a2");

      assertThat(outbox.retry(ACCOUNT, dead.get(0).event().eventId(), clock.instant())).isTrue();
      assertThat(outbox.retry(ACCOUNT, dead.get(0).event().eventId(), clock.instant())).as("no longer dead").isFalse();
      sender.failing = d -> false;
      assertThat(dispatcher.runOnce()).isEqualTo(1);
      assertThat(sender.sent()).containsExactly("a2", "a1");
      assertThat(outbox.list(ACCOUNT, EventState.State.DELIVERED, 10)).hasSize(2);
    }
  }

  @Test
  void backoffIsBounded() {
    Backoff backoff = new Backoff(Duration.ofSeconds(1), Duration.ofMinutes(5));
    assertThat(backoff.after(1)).isEqualTo(Duration.ofSeconds(1));
    assertThat(backoff.after(2)).isEqualTo(Duration.ofSeconds(2));
    assertThat(backoff.after(9)).isEqualTo(Duration.ofSeconds(256));
    assertThat(backoff.after(10)).isEqualTo(Duration.ofMinutes(5));
    assertThat(backoff.after(1000)).isEqualTo(Duration.ofMinutes(5));
  }

  @ParameterizedTest
  @MethodSource("io.commitd.triggers.delivery.TestDatabases#kinds")
  void aRetrySendsOnlyToTheDestinationsThatDidNotGetTheEvent(TestDatabases.Kind kind) throws Exception {
    try (TestDatabases.Fresh db = TestDatabases.open(kind, scratch)) {
      triggers.put("repo-a", new TriggerConfiguration("config-1", List.of(
          new RepositoryTrigger("ok", "https://hooks.example/ok", null, List.of(), List.of("all")),
          new RepositoryTrigger("flaky", "https://hooks.example/flaky", null, List.of("main"), List.of("all")),
          new RepositoryTrigger("other-branch", "https://hooks.example/x", null, List.of("dev"), List.of("all")))));
      refChange(db.database(), "repo-a", "refs/heads/main");
      sender.failing = d -> d.key().contains("flaky");
      Dispatcher dispatcher = dispatcher(db.database(), "node-1");

      dispatcher.runOnce();
      assertThat(sender.sent()).containsExactlyInAnyOrder(
          "trigger:ok:https://hooks.example/ok", "CodeCommit Repository State Change");
      clock.advance(Duration.ofSeconds(1));
      sender.failing = d -> false;
      dispatcher.runOnce();
      assertThat(sender.sent()).hasSize(3).endsWith("trigger:flaky:https://hooks.example/flaky");
      assertThat(new OutboxStore(db.database()).list(ACCOUNT, EventState.State.DELIVERED, 10))
          .singleElement().satisfies(e -> assertThat(e.deliveredTo()).hasSize(3));
    }
  }

  @ParameterizedTest
  @MethodSource("io.commitd.triggers.delivery.TestDatabases#kinds")
  void heldRowsAreInvisibleUntilReleased(TestDatabases.Kind kind) throws Exception {
    try (TestDatabases.Fresh db = TestDatabases.open(kind, scratch)) {
      bridgeEvent(db.database(), "repo-a", "a1");
      new Sql(db.database()).update("UPDATE event_outbox SET held = TRUE, change_id = 'c1'");
      Dispatcher dispatcher = dispatcher(db.database(), "node-1");
      assertThat(dispatcher.runOnce()).isZero();
      assertThat(new OutboxStore(db.database()).backlog()).isZero();
      new Sql(db.database()).update("UPDATE event_outbox SET held = FALSE");
      assertThat(dispatcher.runOnce()).isEqualTo(1);
      assertThat(sender.sent()).containsExactly("a1");
    }
  }

  @ParameterizedTest
  @MethodSource("io.commitd.triggers.delivery.TestDatabases#kinds")
  void twoNodesNeverClaimTheSameEventAndARestartedNodeReleasesItsClaims(TestDatabases.Kind kind) throws Exception {
    try (TestDatabases.Fresh db = TestDatabases.open(kind, scratch)) {
      for (int i = 0; i < 6; i++) {
        bridgeEvent(db.database(), "repo-" + i, "e" + i);
      }
      OutboxStore one = new OutboxStore(db.database());
      Instant now = clock.instant();
      List<OutboxEvent> first = one.claim("node-1", now, now.plusSeconds(60), 3);
      try (Database other = kind == TestDatabases.Kind.H2 ? null : db.another()) {
        OutboxStore two = new OutboxStore(other == null ? db.database() : other);
        List<OutboxEvent> second = two.claim("node-2", now, now.plusSeconds(60), 10);
        Set<Long> ids = new HashSet<>();
        first.forEach(e -> ids.add(e.eventId()));
        second.forEach(e -> assertThat(ids.add(e.eventId())).as("claimed twice: " + e.eventId()).isTrue());
        assertThat(ids).hasSize(6);
        assertThat(two.claim("node-2", now, now.plusSeconds(60), 10)).isEmpty();
        assertThat(one.releaseClaims("node-1")).isEqualTo(3);
        assertThat(two.claim("node-2", now, now.plusSeconds(60), 10)).hasSize(3);
        assertThat(one.claim("node-1", now.plusSeconds(61), now.plusSeconds(120), 10))
            .as("expired claims are taken over").hasSize(6);
      }
    }
  }

  private static void refChange(Database database, String repositoryId, String ref) {
    database.inTransaction(c -> {
      EventOutbox.append(c, ACCOUNT, repositoryId, RefChange.REFERENCE_CHANGED,
          "{\"repositoryId\":\"" + repositoryId + "\",\"repositoryName\":\"demo\",\"accountId\":\"" + ACCOUNT
              + "\",\"referenceFullName\":\"" + ref + "\",\"oldCommitId\":\"" + ZERO + "\",\"newCommitId\":\""
              + "a".repeat(40) + "\",\"changeType\":\"CREATE\",\"action\":\"GitPush\",\"callerArn\":\"arn:aws:iam::"
              + ACCOUNT + ":root\",\"time\":\"" + T0 + "\"}",
          T0);
      return null;
    });
  }

  private static Instant nextAttempt(Database database, String label) {
    return new Sql(database).queryOne("SELECT next_attempt_at FROM event_outbox WHERE payload LIKE ?",
        row -> Instant.ofEpochMilli(row.getLong(1)), "%\"" + label + "\"%").orElseThrow();
  }
}
