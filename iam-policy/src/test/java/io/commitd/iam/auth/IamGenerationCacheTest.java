package io.commitd.iam.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.commitd.iam.identity.CredentialStore;
import io.commitd.iam.identity.Entities;
import io.commitd.iam.identity.Entities.User;
import io.commitd.iam.identity.IamGeneration;
import io.commitd.iam.identity.IdentityStore;
import io.commitd.iam.identity.SecretBox;
import io.commitd.storage.db.Database;
import io.commitd.storage.db.Sql;
import io.commitd.storage.repos.RepositoryCatalog;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Cached IAM reads see every IAM write from the next read on, with either kind of generation. */
class IamGenerationCacheTest {
  private static final String ACCOUNT = "111122223333";
  private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
  private static final String ALLOW_ALL =
      "{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\"}}";

  private Database database;

  @BeforeEach
  void open() {
    database = Database.open("jdbc:h2:mem:" + UUID.randomUUID() + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH",
        null, null);
    new RepositoryCatalog(database).ensureAccount(ACCOUNT, NOW);
  }

  @AfterEach
  void close() {
    database.close();
  }

  private IamGeneration generation(boolean shared) {
    return shared ? IamGeneration.shared(database) : IamGeneration.local(database);
  }

  @ParameterizedTest
  @ValueSource(booleans = {true, false})
  void aPolicyChangeHoldsFromTheNextLoad(boolean shared) {
    IamGeneration generation = generation(shared);
    Sql sql = new Sql(database, generation);
    IdentityStore identities = new IdentityStore(sql);
    CredentialStore credentials = new CredentialStore(sql, new SecretBox(new byte[32]));
    PrincipalPolicies policies = new PrincipalPolicies(identities, credentials, generation);
    User alice = identities.createUser(ACCOUNT, "alice", "/", NOW);
    Caller caller = new Caller(ACCOUNT, alice.arn(), alice.userId(), "alice", PrincipalType.USER, null, null, null);

    assertThat(policies.load(caller).policies().identity()).isEmpty();
    assertThat(policies.load(caller).policies().identity()).isEmpty();
    identities.putInlinePolicy(Entities.USER, alice.userId(), "all", ALLOW_ALL);
    assertThat(policies.load(caller).policies().identity()).hasSize(1);
    identities.deleteInlinePolicy(Entities.USER, alice.userId(), "all");
    assertThat(policies.load(caller).policies().identity()).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(booleans = {true, false})
  void aDeactivatedKeyStopsResolvingAtOnce(boolean shared) {
    IamGeneration generation = generation(shared);
    Sql sql = new Sql(database, generation);
    IdentityStore identities = new IdentityStore(sql);
    CredentialStore credentials = new CredentialStore(sql, new SecretBox(new byte[32]));
    StoredCredentials resolver = new StoredCredentials(credentials, identities, generation);
    User alice = identities.createUser(ACCOUNT, "alice", "/", NOW);
    String keyId = credentials.createAccessKey(ACCOUNT, alice.userId(), NOW).key().accessKeyId();

    assertThat(resolver.resolve(keyId)).isPresent();
    assertThat(resolver.resolve(keyId)).isPresent();
    credentials.updateAccessKeyStatus(alice.userId(), keyId, CredentialStore.INACTIVE);
    assertThat(resolver.resolve(keyId)).isEmpty();
    credentials.updateAccessKeyStatus(alice.userId(), keyId, CredentialStore.ACTIVE);
    assertThat(resolver.resolve(keyId)).isPresent();
  }

  @ParameterizedTest
  @ValueSource(booleans = {true, false})
  void aGitCredentialResetHoldsAtOnce(boolean shared) {
    IamGeneration generation = generation(shared);
    Sql sql = new Sql(database, generation);
    IdentityStore identities = new IdentityStore(sql);
    CredentialStore credentials = new CredentialStore(sql, new SecretBox(new byte[32]));
    StoredGitCredentials git = new StoredGitCredentials(credentials, identities, generation);
    User alice = identities.createUser(ACCOUNT, "alice", "/", NOW);
    CredentialStore.NewServiceCredential created =
        credentials.createServiceCredential(alice.userId(), "alice", ACCOUNT, StoredGitCredentials.CODECOMMIT, NOW);
    String userName = created.credential().serviceUserName();

    assertThat(git.authenticate(userName, created.password())).isPresent();
    assertThat(git.authenticate(userName, "wrong")).isEmpty();
    String reset = credentials.resetServiceCredential(alice.userId(), created.credential().credentialId());
    assertThat(git.authenticate(userName, created.password())).isEmpty();
    assertThat(git.authenticate(userName, reset)).isPresent();
  }
}
