package io.commitd.transport;

import io.commitd.iam.auth.AccessControl;
import io.commitd.iam.auth.Caller;
import io.commitd.iam.auth.PrincipalPolicies;
import io.commitd.iam.auth.PrincipalType;
import io.commitd.iam.auth.RequestFacts;
import io.commitd.iam.auth.Requester;
import io.commitd.iam.identity.CredentialStore;
import io.commitd.iam.identity.Entities.User;
import io.commitd.iam.identity.IdentityStore;
import io.commitd.iam.identity.SecretBox;
import io.commitd.storage.db.Database;
import io.commitd.storage.db.Sql;
import io.commitd.storage.git.FileRepositoryStore;
import io.commitd.storage.refs.Actor;
import io.commitd.storage.refs.RefChange;
import io.commitd.storage.refs.RefChangeJournal;
import io.commitd.storage.refs.RefUpdateCheck;
import io.commitd.storage.refs.RefUpdatePipeline;
import io.commitd.storage.refs.RefUpdateRequest;
import io.commitd.storage.repos.RepositoryCatalog;
import io.commitd.storage.repos.RepositoryRecord;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A {@link GitAccess} wired as the server wires it — embedded H2 metadata, bare repositories on
 * disk, IAM's access control — except that the ref-update pipeline lets every ref through and
 * records what reaches it.
 */
public final class TransportFixture implements AutoCloseable {
  public static final Instant NOW = Instant.parse("2026-11-24T12:00:00Z");
  public static final String ACCOUNT = "111122223333";
  public static final String REGION = "us-east-1";
  public static final RequestFacts FACTS = new RequestFacts("192.0.2.7", true, "git/2.43.0", NOW);

  public final Database database;
  public final RepositoryCatalog catalog;
  public final FileRepositoryStore store;
  public final IdentityStore identities;
  public final Maintenance maintenance;
  public final RecordingJournal journal = new RecordingJournal();
  /** Every request the pipeline was asked to apply, in order. */
  public final List<RefUpdateRequest<Requester>> pipelineRequests = new CopyOnWriteArrayList<>();
  public final GitAccess access;

  public TransportFixture(Path scratch) throws IOException {
    Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    database = Database.open(Database.embeddedUrl(scratch.resolve("db")), null, null);
    catalog = new RepositoryCatalog(database);
    store = new FileRepositoryStore(scratch.resolve("repositories"));
    Sql sql = new Sql(database);
    identities = new IdentityStore(sql);
    AccessControl accessControl =
        new AccessControl(new PrincipalPolicies(identities, new CredentialStore(sql, new SecretBox(SecretBox.newMasterKey()))));
    RefUpdateCheck<Requester> recordAndAllow = (request, verdict) -> pipelineRequests.add(request);
    RefUpdatePipeline<Requester> pipeline =
        new RefUpdatePipeline<>(recordAndAllow, RefUpdateCheck.allowAll(), journal, catalog, clock);
    maintenance = new Maintenance(store);
    access = new GitAccess(catalog, store, accessControl, pipeline, maintenance, REGION);
    catalog.ensureAccount(ACCOUNT, NOW);
  }

  /** Creates an empty repository {@code name} in {@code accountId}. */
  public RepositoryRecord createRepository(String accountId, String repositoryId, String name) throws IOException {
    RepositoryRecord record = new RepositoryRecord(repositoryId, accountId, name, null, null, null, NOW, NOW);
    catalog.ensureAccount(accountId, NOW);
    store.create(repositoryId);
    catalog.create(record, Map.of());
    return record;
  }

  /** The account's root user, pushing over HTTPS. */
  public static Requester root(String accountId) {
    return new Requester(Caller.root(accountId, "AKIAROOT"), FACTS);
  }

  /** A new IAM user of the account, with no policy at all. */
  public Requester newUser(String userName) {
    User user = identities.createUser(ACCOUNT, userName, "/", NOW);
    return new Requester(
        new Caller(ACCOUNT, user.arn(), user.userId(), user.userName(), PrincipalType.USER, null, null, null), FACTS);
  }

  @Override
  public void close() {
    maintenance.close();
    store.close();
    database.close();
  }

  /** A journal that keeps, in memory, what was opened and how it was settled. */
  public static final class RecordingJournal implements RefChangeJournal {
    /** One {@link #open} call. */
    public record Opened(String principalArn, String action, List<RefChange> changes) {}

    public final List<Opened> opened = new CopyOnWriteArrayList<>();
    public final List<String> applied = new CopyOnWriteArrayList<>();
    public final List<String> discarded = new CopyOnWriteArrayList<>();
    private int nextId;

    @Override
    public synchronized List<String> open(
        RepositoryRecord repository, Actor actor, String action, List<RefChange> changes, Instant at) {
      opened.add(new Opened(actor.principalArn(), action, List.copyOf(changes)));
      List<String> ids = new ArrayList<>();
      for (int i = 0; i < changes.size(); i++) {
        ids.add("change-" + ++nextId);
      }
      return ids;
    }

    @Override
    public void markApplied(List<String> changeIds) {
      applied.addAll(changeIds);
    }

    @Override
    public void discard(List<String> changeIds) {
      discarded.addAll(changeIds);
    }

    @Override
    public List<OpenChange> openChanges(Instant before) {
      return List.of();
    }
  }
}
