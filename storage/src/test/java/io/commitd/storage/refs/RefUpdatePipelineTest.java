package io.commitd.storage.refs;

import static org.assertj.core.api.Assertions.assertThat;

import io.commitd.storage.MetadataDatabases;
import io.commitd.storage.MetadataDatabases.Kind;
import io.commitd.storage.db.Database;
import io.commitd.storage.git.FileRepositoryStore;
import io.commitd.storage.repos.RepositoryCatalog;
import io.commitd.storage.repos.RepositoryRecord;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.TreeFormatter;
import org.eclipse.jgit.transport.ReceiveCommand;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The ref-update pipeline: the order of its steps and what each leaves behind. */
class RefUpdatePipelineTest {
  static final Instant NOW = Instant.parse("2026-11-24T12:00:00Z");
  static final String ACCOUNT = "111111111111";
  static final Actor ALICE = new Actor() {
    @Override
    public String accountId() {
      return ACCOUNT;
    }

    @Override
    public String principalArn() {
      return "arn:aws:iam::111111111111:user/alice";
    }
  };

  @TempDir Path scratch;

  static java.util.stream.Stream<Kind> kinds() {
    return MetadataDatabases.kinds();
  }

  @ParameterizedTest
  @MethodSource("kinds")
  void anAllowedCreateIsAppliedRecordedAndBecomesTheDefaultBranch(Kind kind) throws Exception {
    try (var db = MetadataDatabases.open(kind, scratch.resolve("db")); var fixture = new Fixture(db.database())) {
      ObjectId commit = fixture.commit();
      ReceiveCommand create = new ReceiveCommand(ObjectId.zeroId(), commit, "refs/heads/main");

      fixture.pipeline(RefUpdateCheck.allowAll()).apply(fixture.request(List.of(create), false));

      assertThat(create.getResult()).isEqualTo(ReceiveCommand.Result.OK);
      assertThat(fixture.git.exactRef("refs/heads/main").getObjectId()).isEqualTo(commit);
      assertThat(fixture.git.exactRef(Constants.HEAD).getTarget().getName()).isEqualTo("refs/heads/main");
      assertThat(fixture.catalog.findById("repo-1").orElseThrow().defaultBranch()).isEqualTo("main");
      assertThat(count(db.database(), "audit_log")).isEqualTo(1);
      assertThat(count(db.database(), "event_outbox")).isEqualTo(1);
    }
  }

  @ParameterizedTest
  @MethodSource("kinds")
  void aRejectedRefIsNeitherAppliedNorRecorded(Kind kind) throws Exception {
    try (var db = MetadataDatabases.open(kind, scratch.resolve("db")); var fixture = new Fixture(db.database())) {
      ObjectId commit = fixture.commit();
      ReceiveCommand main = new ReceiveCommand(ObjectId.zeroId(), commit, "refs/heads/main");
      ReceiveCommand feature = new ReceiveCommand(ObjectId.zeroId(), commit, "refs/heads/feature/x");
      RefUpdateCheck<Actor> denyMain = (request, verdict) -> request.pending().stream()
          .filter(c -> c.getRefName().equals("refs/heads/main"))
          .forEach(c -> verdict.refuse(c, RefusalReason.POLICY_DENIED, "denied"));

      RefUpdateVerdict verdict = fixture.pipeline(denyMain).apply(fixture.request(List.of(main, feature), false));

      assertThat(main.getResult()).isEqualTo(ReceiveCommand.Result.REJECTED_OTHER_REASON);
      assertThat(main.getMessage()).isEqualTo("denied");
      assertThat(verdict.refusalOf(main)).contains(new Refusal(RefusalReason.POLICY_DENIED, "denied"));
      assertThat(verdict.refusalOf(feature)).isEmpty();
      assertThat(feature.getResult()).isEqualTo(ReceiveCommand.Result.OK);
      assertThat(fixture.git.exactRef("refs/heads/main")).isNull();
      assertThat(count(db.database(), "audit_log")).isEqualTo(1);
    }
  }

  @ParameterizedTest
  @MethodSource("kinds")
  void anAtomicRequestWithOneRejectedRefChangesNothing(Kind kind) throws Exception {
    try (var db = MetadataDatabases.open(kind, scratch.resolve("db")); var fixture = new Fixture(db.database())) {
      ObjectId commit = fixture.commit();
      ReceiveCommand main = new ReceiveCommand(ObjectId.zeroId(), commit, "refs/heads/main");
      ReceiveCommand feature = new ReceiveCommand(ObjectId.zeroId(), commit, "refs/heads/feature/x");
      RefUpdateCheck<Actor> denyMain = (request, verdict) -> request.pending().stream()
          .filter(c -> c.getRefName().equals("refs/heads/main"))
          .forEach(c -> verdict.refuse(c, RefusalReason.POLICY_DENIED, "denied"));

      fixture.pipeline(denyMain).apply(fixture.request(List.of(main, feature), true));

      assertThat(feature.getResult()).isNotEqualTo(ReceiveCommand.Result.OK);
      assertThat(fixture.git.exactRef("refs/heads/feature/x")).isNull();
      assertThat(count(db.database(), "audit_log")).isZero();
      assertThat(count(db.database(), "event_outbox")).isZero();
    }
  }

  @ParameterizedTest
  @MethodSource("kinds")
  void aStaleOldIdLosesTheCompareAndSwap(Kind kind) throws Exception {
    try (var db = MetadataDatabases.open(kind, scratch.resolve("db")); var fixture = new Fixture(db.database())) {
      ObjectId first = fixture.commit();
      ObjectId second = fixture.commit();
      fixture.pipeline(RefUpdateCheck.allowAll())
          .apply(fixture.request(List.of(new ReceiveCommand(ObjectId.zeroId(), first, "refs/heads/main")), false));

      ReceiveCommand stale = new ReceiveCommand(ObjectId.zeroId(), second, "refs/heads/main");
      RefUpdateVerdict verdict = fixture.pipeline(RefUpdateCheck.allowAll()).apply(fixture.request(List.of(stale), false));

      assertThat(stale.getResult()).isEqualTo(ReceiveCommand.Result.LOCK_FAILURE);
      assertThat(verdict.firstRefusal()).map(Refusal::reason).contains(RefusalReason.STALE_VALUE);
      assertThat(fixture.git.exactRef("refs/heads/main").getObjectId()).isEqualTo(first);
      assertThat(count(db.database(), "audit_log")).isEqualTo(1);
    }
  }

  @ParameterizedTest
  @MethodSource("kinds")
  void aJournalThatCannotRecordTheIntentLeavesTheRefUntouched(Kind kind) throws Exception {
    try (var db = MetadataDatabases.open(kind, scratch.resolve("db")); var fixture = new Fixture(db.database())) {
      ObjectId commit = fixture.commit();
      ReceiveCommand create = new ReceiveCommand(ObjectId.zeroId(), commit, "refs/heads/main");
      FailingJournal journal = new FailingJournal(new SqlRefChangeJournal(db.database(), "us-east-1"));
      journal.failOpen = true;

      RefUpdateVerdict verdict = fixture.pipeline(RefUpdateCheck.allowAll(), journal).apply(fixture.request(List.of(create), true));

      assertThat(verdict.firstRefusal()).map(Refusal::reason).contains(RefusalReason.INTERNAL_FAILURE);
      assertThat(fixture.git.exactRef("refs/heads/main")).isNull();
      assertThat(count(db.database(), "audit_log")).isZero();
      assertThat(count(db.database(), "event_outbox")).isZero();
    }
  }

  @ParameterizedTest
  @MethodSource("kinds")
  void aChangeAppliedWhileTheDatabaseFailsKeepsItsRecordAndReconciliationReleasesIt(Kind kind) throws Exception {
    try (var db = MetadataDatabases.open(kind, scratch.resolve("db")); var fixture = new Fixture(db.database())) {
      ObjectId commit = fixture.commit();
      ReceiveCommand create = new ReceiveCommand(ObjectId.zeroId(), commit, "refs/heads/main");
      FailingJournal journal = new FailingJournal(new SqlRefChangeJournal(db.database(), "us-east-1"));
      journal.failSettle = true;

      fixture.pipeline(RefUpdateCheck.allowAll(), journal).apply(fixture.request(List.of(create), true));

      assertThat(create.getResult()).isEqualTo(ReceiveCommand.Result.OK);
      assertThat(count(db.database(), "audit_log")).as("held, not yet released").isZero();
      assertThat(countAll(db.database(), "audit_log")).isEqualTo(1);

      int settled = fixture.pipeline(RefUpdateCheck.allowAll()).reconcile(fixture.store, NOW.plusSeconds(1));

      assertThat(settled).isEqualTo(1);
      assertThat(count(db.database(), "audit_log")).isEqualTo(1);
      assertThat(count(db.database(), "event_outbox")).isEqualTo(1);
    }
  }

  @ParameterizedTest
  @MethodSource("kinds")
  void anIntentWhoseRefNeverMovedIsForgottenByReconciliation(Kind kind) throws Exception {
    try (var db = MetadataDatabases.open(kind, scratch.resolve("db")); var fixture = new Fixture(db.database())) {
      ObjectId commit = fixture.commit();
      SqlRefChangeJournal journal = new SqlRefChangeJournal(db.database(), "us-east-1");
      // A writer that journaled its intent and stopped before the compare-and-swap.
      journal.open(fixture.record, ALICE, "codecommit:GitPush",
          List.of(new RefChange("refs/heads/main", ObjectId.zeroId().name(), commit.name(), RefChange.REFERENCE_CHANGED)), NOW);

      fixture.pipeline(RefUpdateCheck.allowAll()).reconcile(fixture.store, NOW.plusSeconds(1));

      assertThat(countAll(db.database(), "audit_log")).isZero();
      assertThat(countAll(db.database(), "event_outbox")).isZero();
      assertThat(countAll(db.database(), "ref_changes")).isZero();
    }
  }

  @ParameterizedTest
  @MethodSource("kinds")
  void aChangeThatMovedOnIsStillRecognisedByItsReflog(Kind kind) throws Exception {
    try (var db = MetadataDatabases.open(kind, scratch.resolve("db")); var fixture = new Fixture(db.database())) {
      ObjectId first = fixture.commit();
      ObjectId second = fixture.commit();
      FailingJournal journal = new FailingJournal(new SqlRefChangeJournal(db.database(), "us-east-1"));
      journal.failSettle = true;
      fixture.pipeline(RefUpdateCheck.allowAll(), journal)
          .apply(fixture.request(List.of(new ReceiveCommand(ObjectId.zeroId(), first, "refs/heads/main")), true));
      fixture.pipeline(RefUpdateCheck.allowAll())
          .apply(fixture.request(List.of(new ReceiveCommand(first, second, "refs/heads/main")), true));

      fixture.pipeline(RefUpdateCheck.allowAll()).reconcile(fixture.store, NOW.plusSeconds(1));

      assertThat(count(db.database(), "audit_log")).isEqualTo(2);
      assertThat(count(db.database(), "event_outbox")).isEqualTo(2);
    }
  }

  @ParameterizedTest
  @MethodSource("kinds")
  void theDefaultBranchChangesThroughThePipelineWithItsRecord(Kind kind) throws Exception {
    try (var db = MetadataDatabases.open(kind, scratch.resolve("db")); var fixture = new Fixture(db.database())) {
      ObjectId commit = fixture.commit();
      fixture.pipeline(RefUpdateCheck.allowAll()).apply(fixture.request(List.of(
          new ReceiveCommand(ObjectId.zeroId(), commit, "refs/heads/main"),
          new ReceiveCommand(ObjectId.zeroId(), commit, "refs/heads/develop")), true));

      RefUpdateVerdict verdict = fixture.pipeline(RefUpdateCheck.allowAll()).apply(RefUpdateRequest.linkHead(
          fixture.catalog.findById("repo-1").orElseThrow(), fixture.git, ALICE, "codecommit:UpdateDefaultBranch", "refs/heads/develop"));

      assertThat(verdict.headLinked()).isTrue();
      assertThat(fixture.git.exactRef(Constants.HEAD).getTarget().getName()).isEqualTo("refs/heads/develop");
      assertThat(count(db.database(), "event_outbox WHERE event_type = 'defaultBranchChanged'")).isEqualTo(1);
      assertThat(count(db.database(), "audit_log WHERE action = 'codecommit:UpdateDefaultBranch'")).isEqualTo(1);
    }
  }

  @ParameterizedTest
  @MethodSource("kinds")
  void aRefusedDefaultBranchChangeLeavesHeadAlone(Kind kind) throws Exception {
    try (var db = MetadataDatabases.open(kind, scratch.resolve("db")); var fixture = new Fixture(db.database())) {
      ObjectId commit = fixture.commit();
      fixture.pipeline(RefUpdateCheck.allowAll()).apply(fixture.request(List.of(
          new ReceiveCommand(ObjectId.zeroId(), commit, "refs/heads/main"),
          new ReceiveCommand(ObjectId.zeroId(), commit, "refs/heads/develop")), true));
      RefUpdateCheck<Actor> deny = (request, verdict) -> verdict.refuseAllPending(RefusalReason.POLICY_DENIED, "denied");

      RefUpdateVerdict verdict = fixture.pipeline(deny).apply(RefUpdateRequest.linkHead(
          fixture.catalog.findById("repo-1").orElseThrow(), fixture.git, ALICE, "codecommit:UpdateDefaultBranch", "refs/heads/develop"));

      assertThat(verdict.headLinked()).isFalse();
      assertThat(verdict.firstRefusal()).map(Refusal::reason).contains(RefusalReason.POLICY_DENIED);
      assertThat(fixture.git.exactRef(Constants.HEAD).getTarget().getName()).isEqualTo("refs/heads/main");
    }
  }

  /** A journal that fails where a test says: the database going away between the pipeline's steps. */
  private static final class FailingJournal implements RefChangeJournal {
    final RefChangeJournal real;
    boolean failOpen;
    boolean failSettle;

    FailingJournal(RefChangeJournal real) {
      this.real = real;
    }

    @Override
    public List<String> open(RepositoryRecord repository, Actor actor, String action, List<RefChange> changes, Instant at) {
      if (failOpen) {
        throw new IllegalStateException("database down");
      }
      return real.open(repository, actor, action, changes, at);
    }

    @Override
    public void markApplied(List<String> changeIds) {
      if (failSettle) {
        throw new IllegalStateException("database down");
      }
      real.markApplied(changeIds);
    }

    @Override
    public void discard(List<String> changeIds) {
      if (failSettle) {
        throw new IllegalStateException("database down");
      }
      real.discard(changeIds);
    }

    @Override
    public List<OpenChange> openChanges(Instant before) {
      return real.openChanges(before);
    }
  }

  /** Rows readers see: released records only. */
  private static long count(Database database, String table) {
    String where = table.contains(" WHERE ") ? " AND NOT held" : " WHERE NOT held";
    return countAll(database, table + where);
  }

  private static long countAll(Database database, String table) {
    return database.inTransaction(c -> {
      try (PreparedStatement select = c.prepareStatement("SELECT COUNT(*) FROM " + table);
          ResultSet rs = select.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    });
  }

  /** A repository on disk, its catalog row, and a pipeline over them. */
  private final class Fixture implements AutoCloseable {
    final Database database;
    final RepositoryCatalog catalog;
    final FileRepositoryStore store;
    final RepositoryRecord record;
    final Repository git;
    int commits;

    Fixture(Database database) throws Exception {
      this.database = database;
      this.catalog = new RepositoryCatalog(database);
      this.store = new FileRepositoryStore(scratch.resolve("repos"));
      catalog.ensureAccount(ACCOUNT, NOW);
      record = new RepositoryRecord("repo-1", ACCOUNT, "repo", null, null, null, NOW, NOW);
      catalog.create(record, Map.of());
      store.create("repo-1");
      git = store.open("repo-1");
    }

    RefUpdatePipeline<Actor> pipeline(RefUpdateCheck<Actor> authorization) {
      return pipeline(authorization, new SqlRefChangeJournal(database, "us-east-1"));
    }

    RefUpdatePipeline<Actor> pipeline(RefUpdateCheck<Actor> authorization, RefChangeJournal journal) {
      return new RefUpdatePipeline<>(authorization, RefUpdateCheck.allowAll(), journal, catalog, Clock.fixed(NOW, ZoneOffset.UTC));
    }

    RefUpdateRequest<Actor> request(List<ReceiveCommand> commands, boolean atomic) {
      return RefUpdateRequest.of(catalog.findById("repo-1").orElseThrow(), git, ALICE, "codecommit:GitPush", commands, atomic);
    }

    ObjectId commit() throws Exception {
      try (ObjectInserter inserter = git.newObjectInserter()) {
        TreeFormatter tree = new TreeFormatter();
        tree.append("file" + commits, org.eclipse.jgit.lib.FileMode.REGULAR_FILE,
            inserter.insert(Constants.OBJ_BLOB, ("content " + commits).getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        CommitBuilder commit = new CommitBuilder();
        commit.setTreeId(inserter.insert(tree));
        PersonIdent ident = new PersonIdent("Alice", "alice@example.com", NOW, ZoneOffset.UTC);
        commit.setAuthor(ident);
        commit.setCommitter(ident);
        commit.setMessage("commit " + commits++);
        ObjectId id = inserter.insert(commit);
        inserter.flush();
        return id;
      }
    }

    @Override
    public void close() {
      git.close();
      store.close();
    }
  }
}
