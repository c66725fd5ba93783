package io.commitd.server;

import io.commitd.iam.auth.AccessControl;
import io.commitd.iam.auth.Caller;
import io.commitd.iam.auth.CredentialResolver;
import io.commitd.iam.auth.GitCredentialAuthenticator;
import io.commitd.iam.auth.PrincipalPolicies;
import io.commitd.iam.auth.SshKeyAuthenticator;
import io.commitd.iam.auth.StoredCredentials;
import io.commitd.iam.auth.StoredGitCredentials;
import io.commitd.iam.auth.StoredSshKeys;
import io.commitd.iam.identity.Accounts;
import io.commitd.iam.identity.AwsManagedPolicies;
import io.commitd.iam.identity.CredentialStore;
import io.commitd.iam.identity.IamGeneration;
import io.commitd.iam.identity.IdentityStore;
import io.commitd.iam.identity.LoginProfiles;
import io.commitd.server.console.Console;
import io.commitd.iam.identity.SecretBox;
import io.commitd.iam.sts.SecurityTokenService;
import io.commitd.server.iam.IamOperations;
import io.commitd.server.iam.StsOperations;
import io.commitd.server.query.QueryFormat;
import io.commitd.server.query.QueryRequest;
import io.commitd.server.api.AwsJsonFormat;
import io.commitd.server.api.FrontDoor;
import io.commitd.server.audit.ActivityLog;
import io.commitd.server.audit.ActivityMetrics;
import io.commitd.server.audit.AuditTrail;
import io.commitd.server.audit.Observers;
import io.commitd.server.cloudtrail.CloudTrailOperations;
import io.commitd.server.organizations.OrganizationsOperations;
import io.commitd.iam.identity.OrganizationAccounts;
import io.commitd.server.config.OperationsConfig;
import io.commitd.storage.audit.TrailStore;
import io.commitd.storage.audit.TrailWriter;
import io.commitd.server.api.OperationRegistry;
import io.commitd.server.codecommit.OperationRequest;
import io.commitd.server.api.OperationRegistry;
import io.commitd.server.config.MasterKey;
import io.commitd.storage.db.Sql;
import io.commitd.iam.sigv4.GitPasswordVerifier;
import io.commitd.transport.GitAccess;
import io.commitd.transport.Maintenance;
import io.commitd.transport.http.GitAuthenticationFilter;
import io.commitd.transport.http.GitHttpAuthenticator;
import io.commitd.transport.http.GitHttpServlets;
import io.commitd.transport.ssh.SshGitServer;
import io.commitd.iam.auth.RefUpdateAuthorization;
import io.commitd.iam.auth.RequestAuthenticator;
import io.commitd.iam.auth.Requester;
import io.commitd.iam.auth.ResolvedCredentials;
import io.commitd.server.api.ApiServlet;
import io.commitd.server.accessanalyzer.AccessAnalyzerFormat;
import io.commitd.server.accessanalyzer.PolicyValidation;
import io.commitd.iam.policy.PolicyValidator;
import io.commitd.server.codecommit.CloneUrls;
import io.commitd.server.codecommit.CodeCommitFormat;
import io.commitd.server.codecommit.Repositories;
import io.commitd.server.codecommit.branches.BranchOperations;
import io.commitd.server.codecommit.commits.CommitOperations;
import io.commitd.server.codecommit.merges.BranchMerger;
import io.commitd.server.codecommit.merges.MergeOperations;
import io.commitd.server.codecommit.data.BranchCommits;
import io.commitd.server.codecommit.data.RefMover;
import io.commitd.server.codecommit.files.FileOperations;
import io.commitd.server.codecommit.pullrequests.PullRequestMergeOperations;
import io.commitd.server.codecommit.pullrequests.PullRequestOperations;
import io.commitd.reviews.CommentService;
import io.commitd.reviews.CommentStore;
import io.commitd.server.codecommit.comments.CommentOperations;
import io.commitd.reviews.ApprovalGate;
import io.commitd.reviews.ApprovalRuleTemplateStore;
import io.commitd.reviews.ApprovalRuleTemplates;
import io.commitd.reviews.ApprovalStore;
import io.commitd.reviews.PullRequestApprovals;
import io.commitd.reviews.PullRequestService;
import io.commitd.server.codecommit.approvals.ApprovalRuleTemplateOperations;
import io.commitd.server.codecommit.approvals.ApprovalShapes;
import io.commitd.server.codecommit.approvals.PullRequestApprovalOperations;
import io.commitd.reviews.PullRequestStore;
import io.commitd.server.codecommit.repositories.RepositoryOperations;
import io.commitd.server.config.RootCredentials;
import io.commitd.server.config.DataDirectoryLock;
import io.commitd.server.config.ServerConfig;
import io.commitd.server.codecommit.triggers.TriggerOperations;
import io.commitd.server.events.DeliveryMeters;
import io.commitd.server.events.NodeId;
import io.commitd.server.http.AdminEventsServlet;
import io.commitd.triggers.delivery.Destinations;
import io.commitd.triggers.delivery.Dispatcher;
import io.commitd.triggers.delivery.EventRouter;
import io.commitd.triggers.delivery.OutboxStore;
import io.commitd.triggers.delivery.RepositoryTriggerStore;
import io.commitd.triggers.delivery.TriggerTester;
import io.commitd.server.http.HealthServlet;
import io.commitd.server.http.HttpServer;
import io.commitd.server.http.MetricsServlet;
import io.commitd.server.http.PemKeys;
import io.commitd.server.http.TrustedProxies;
import io.commitd.server.config.TransportSecurity;
import io.commitd.storage.db.Database;
import io.commitd.storage.db.ServerSecrets;
import io.commitd.storage.git.FileRepositoryStore;
import io.commitd.storage.git.RepositoryStore;
import io.commitd.server.config.SshHostKey;
import io.commitd.server.storage.SharedReconciliation;
import io.commitd.server.storage.StorageEngines;
import io.commitd.storage.refs.RefUpdateCheck;
import io.commitd.storage.refs.RefUpdatePipeline;
import io.commitd.storage.refs.SqlRefChangeJournal;
import io.commitd.storage.repos.RepositoryCatalog;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running commitd: assembles storage, identity, the API front door and the transports, and
 * starts them. It wires; the modules decide.
 */
public final class CommitdServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(CommitdServer.class);
  /** How often the s3 engine's replaced packs are looked for. */
  private static final Duration SWEEP_INTERVAL = Duration.ofMinutes(5);
  /** Intents younger than this may belong to another node's push in flight. */
  private static final Duration RECONCILE_MARGIN = Duration.ofMinutes(10);

  private final ServerConfig config;
  private final List<AutoCloseable> resources;
  private final HttpServer http;
  private final int sshPort;
  private final RootCredentials rootCredentials;
  private final Database database;
  private final RepositoryStore repositoryStore;
  private final RefUpdatePipeline<Requester> refUpdates;
  private final Identity identity;
  private final PrometheusMeterRegistry metrics;
  private final Dispatcher dispatcher;
  private final TransportSecurity transportSecurity;

  private CommitdServer(
      ServerConfig config,
      List<AutoCloseable> resources,
      HttpServer http,
      int sshPort,
      RootCredentials rootCredentials,
      Database database,
      RepositoryStore repositoryStore,
      RefUpdatePipeline<Requester> refUpdates,
      Identity identity,
      PrometheusMeterRegistry metrics,
      Dispatcher dispatcher,
      TransportSecurity transportSecurity) {
    this.transportSecurity = transportSecurity;
    this.config = config;
    this.resources = resources;
    this.http = http;
    this.sshPort = sshPort;
    this.rootCredentials = rootCredentials;
    this.database = database;
    this.repositoryStore = repositoryStore;
    this.refUpdates = refUpdates;
    this.identity = identity;
    this.metrics = metrics;
    this.dispatcher = dispatcher;
  }

  public static CommitdServer start(ServerConfig config) throws Exception {
    return start(config, TransportSecurity.none(), OperationsConfig.defaults());
  }

  /** Starts with TLS, a public URL and trusted proxies as {@code security} says. */
  public static CommitdServer start(ServerConfig config, TransportSecurity security) throws Exception {
    return start(config, security, OperationsConfig.defaults());
  }

  /** Loads the SSH host key on a thread of its own: from {@code shared} when nodes share one. */
  private static CompletableFuture<KeyPairProvider> loadHostKeyAsync(Path dataDir, ServerSecrets shared) {
    return CompletableFuture.supplyAsync(() -> {
      Path file = dataDir.resolve(SshHostKey.FILE_NAME);
      try {
        return SshGitServer.loadHostKey(shared != null ? SshHostKey.materialize(shared, file) : file);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }, task -> {
      Thread thread = new Thread(task, "commitd-host-key");
      thread.setDaemon(true);
      thread.start();
    });
  }

  /** The host key the start-up thread loaded, or the reason it could not. */
  private static KeyPairProvider loaded(CompletableFuture<KeyPairProvider> hostKey) throws IOException {
    try {
      return hostKey.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof UncheckedIOException io) {
        throw io.getCause();
      }
      throw e.getCause() instanceof RuntimeException runtime ? runtime : e;
    }
  }

  /** Starts a server, with how it is operated: audit retention, shutdown timeout. */
  public static CommitdServer start(ServerConfig config, OperationsConfig operationsConfig) throws Exception {
    return start(config, TransportSecurity.none(), operationsConfig);
  }

  /** Starts a server with its transport security and how it is operated. */
  public static CommitdServer start(ServerConfig config, TransportSecurity security, OperationsConfig operationsConfig)
      throws Exception {
    Clock clock = Clock.systemUTC();
    List<AutoCloseable> resources = new ArrayList<>();
    try {
      Path dataDir = Files.createDirectories(config.dataDir());
      resources.add(DataDirectoryLock.acquire(dataDir));
      // Reading (or first generating) the SSH host key, and registering the security providers it
      // needs, is a few hundred milliseconds of CPU: a second thread does it while the rest starts. A
      // single node's key is its own file, read while the database opens; nodes that share one key
      // find it in the database.
      boolean sharedHostKey = config.storage().isS3();
      CompletableFuture<KeyPairProvider> hostKey =
          config.sshPort() < 0 || sharedHostKey ? null : loadHostKeyAsync(dataDir, null);
      Database database =
          Database.open(
              config.databaseUrl() != null ? config.databaseUrl() : Database.embeddedUrl(dataDir),
              config.databaseUser(),
              config.databasePassword());
      resources.add(database);
      // The embedded database is this process's alone: repository records can stay in memory between writes.
      RepositoryCatalog catalog = database.dialect() == Database.Dialect.H2
          ? RepositoryCatalog.soleWriter(database) : new RepositoryCatalog(database);
      RepositoryStore repositoryStore = StorageEngines.open(config.storage(), dataDir, database,
          id -> catalog.findById(id).map(r -> r.kmsKeyId()).filter(StorageEngines::isCustomerKey), resources);
      catalog.ensureAccount(config.accountId(), clock.instant());
      // Several nodes on one database (the s3 engine) must share what one node generates into files.
      ServerSecrets shared = config.storage().isS3() ? new ServerSecrets(database) : null;
      RootCredentials root = shared != null ? RootCredentials.loadShared(config, shared) : RootCredentials.load(config);
      if (config.sshPort() >= 0 && sharedHostKey) {
        hostKey = loadHostKeyAsync(dataDir, shared);
      }

      // Every IAM write moves the IAM generation; credentials and policies are cached under it. The
      // embedded H2 file is held by this process alone, so the generation lives in memory; on
      // PostgreSQL other nodes write too, so it is read from the database on each request.
      IamGeneration iamGeneration = database.dialect() == Database.Dialect.H2
          ? IamGeneration.local(database) : IamGeneration.shared(database);
      Sql sql = new Sql(database, iamGeneration);
      IdentityStore identities = new IdentityStore(sql);
      AwsManagedPolicies.install(identities);
      CredentialStore credentialStore = new CredentialStore(sql, new SecretBox(
          shared != null ? MasterKey.loadShared(config, shared) : MasterKey.load(config)));
      PrincipalPolicies principalPolicies = new PrincipalPolicies(identities, credentialStore, iamGeneration);
      CredentialResolver credentials =
          rootResolver(config.accountId(), root).orElse(new StoredCredentials(credentialStore, identities, iamGeneration));
      AccessControl access = new AccessControl(principalPolicies);
      RequestAuthenticator authenticator = new RequestAuthenticator(credentials, config.region(), clock);
      Identity identity = new Identity(
          new Accounts(sql, credentialStore),
          new StoredGitCredentials(credentialStore, identities, iamGeneration),
          new StoredSshKeys(credentialStore, identities, iamGeneration));

      Maintenance maintenance = new Maintenance(repositoryStore);
      resources.add(maintenance);
      maintenance.sweepReplacedPacks(config.storage().packGracePeriod(), SWEEP_INTERVAL);
      PrometheusMeterRegistry metrics = metrics(resources);
      TrailStore trailStore = TrailStore.open(database, dataDir);
      resources.add(trailStore);
      TrailWriter trailWriter = new TrailWriter(trailStore);
      resources.add(trailWriter);
      AuditTrail auditTrail = new AuditTrail(trailStore, trailWriter, config.region(), clock);
      Observers observers = new Observers(auditTrail, new ActivityLog(), new ActivityMetrics(metrics, clock));
      resources.add(OperationsSupport.scheduleAuditPurge(auditTrail, operationsConfig.auditRetentionDays()));
      OperationsSupport.bindMetrics(metrics, database, maintenance);

      PullRequestStore pullRequestStore = new PullRequestStore(database);
      ApprovalRuleTemplates templates =
          new ApprovalRuleTemplates(new ApprovalRuleTemplateStore(database), catalog, config.region(), clock);
      PullRequestService pullRequests =
          new PullRequestService(pullRequestStore, catalog, repositoryStore, config.region(), clock, templates);
      PullRequestApprovals approvals = new PullRequestApprovals(pullRequests, new ApprovalStore(database), clock);
      RefUpdatePipeline<Requester> refUpdates =
          new RefUpdatePipeline<>(
              new RefUpdateAuthorization(access, config.region()),
              new ApprovalGate<>(catalog, pullRequestStore, approvals),
              new SqlRefChangeJournal(database, config.region()),
              catalog,
              clock,
              List.of(pullRequests));
      // Intents a previous run left open (it stopped between journaling and releasing) are settled
      // against the refs before anything is served.
      // With several nodes, a younger intent may be another node's push in flight: settle only old ones,
      // and keep settling them, for a node that dies leaves its intents to the survivors.
      if (shared == null) {
        refUpdates.reconcile(repositoryStore, clock.instant());
      } else {
        resources.add(SharedReconciliation.start(refUpdates, repositoryStore, clock, RECONCILE_MARGIN));
      }

      GitAccess gitAccess = new GitAccess(catalog, repositoryStore, access, refUpdates, maintenance, config.region(), observers);

      // Events leave through the outbox: the dispatcher is the only caller of destinations, except
      // TestRepositoryTriggers, which is a test of them.
      Destinations destinations = new Destinations(config.events());
      resources.add(destinations);
      OutboxStore outbox = new OutboxStore(database);
      RepositoryTriggerStore triggerStore = new RepositoryTriggerStore(database);
      Dispatcher dispatcher = new Dispatcher(NodeId.load(dataDir), outbox, triggerStore::get,
          new EventRouter(config.region(), config.events()), destinations::send, config.events(),
          new DeliveryMeters(metrics, outbox), clock);
      TriggerOperations triggerOperations = new TriggerOperations(new Repositories(catalog, config.region()),
          repositoryStore, triggerStore, new TriggerTester(config.region(), destinations::send));

      int[] sshPort = {-1};
      OperationRegistry<OperationRequest> operations =
          codeCommitOperations(new Repositories(catalog, config.region()), repositoryStore, refUpdates, pullRequests,
              approvals, templates, new CommentService(new CommentStore(database), catalog, repositoryStore, config.region()),
              new CloneUrls(() -> sshPort[0], security.publicUrl()), triggerOperations);

      AtomicBoolean started = new AtomicBoolean();
      HttpServer.Builder httpBuilder = HttpServer.builder().trustedProxies(TrustedProxies.of(security.trustedProxies()));
      if (security.tlsEnabled()) {
        httpBuilder.tls(PemKeys.keyStore(security.tlsCertFile(), security.tlsKeyFile()));
      }
      LoginProfiles loginProfiles = new LoginProfiles(sql);
      FrontDoor<?> codeCommitDoor = new FrontDoor<>(CodeCommitFormat.of(operations), authenticator, access, metrics, observers);
      FrontDoor<?> queryDoor = new FrontDoor<>(new QueryFormat(
          IamOperations.registry(identities, credentialStore, loginProfiles, access), sts(identities, credentialStore, access)),
          authenticator, access, metrics, observers);
      // The console calls the same front doors as the signed-in user: no second path.
      var console = Console.servlet(codeCommitDoor, queryDoor, access, sql, identities, loginProfiles, credentialStore,
          root.accessKeyId(), root.secretAccessKey(), config.accountId(), clock);
      HttpServer http =
          httpBuilder
              .serve("/", new ApiServlet(List.of(codeCommitDoor, queryDoor,
                  new FrontDoor<>(new AccessAnalyzerFormat(accessAnalyzer()), authenticator, access, metrics, observers),
                  new FrontDoor<>(new AwsJsonFormat(CloudTrailOperations.TARGET_PREFIX, "cloudtrail",
                      new CloudTrailOperations(trailStore, trailWriter::flush).registry()), authenticator, access, metrics, observers),
                  new FrontDoor<>(new AwsJsonFormat(OrganizationsOperations.TARGET_PREFIX, "organizations",
                      new OrganizationsOperations(new OrganizationAccounts(sql, identity.accounts()), config.accountId(), dataDir)
                          .registry()), authenticator, access, metrics, observers)),
                  clock))
              .serve("/console/*", console)
              .serve("/v1/repos/*", GitHttpServlets.gitServlet(gitAccess))
              .filter("/v1/repos/*", new GitAuthenticationFilter(new GitHttpAuthenticator(
                  new GitPasswordVerifier(credentials, config.region(), clock), identity.gitCredentials()), clock))
              .serve("/health", new HealthServlet(started::get, database::isUsable, () -> Files.isWritable(dataDir)))
              .serve("/metrics", new MetricsServlet(metrics))
              .serve("/admin/events/*", new AdminEventsServlet(outbox, authenticator, clock))
              .shutdownTimeout(operationsConfig.shutdownTimeout())
              // Git transfers stream for as long as the client reads; health and metrics must answer under load.
              .limitConcurrentRequests(operationsConfig.concurrentRequests(), "/v1/repos/*", "/health", "/metrics")
              .start(config.bindAddress(), config.httpPort());
      resources.add(http);
      if (config.sshPort() >= 0) {
        SshGitServer ssh = SshGitServer.start(config.bindAddress(), config.sshPort(), loaded(hostKey),
            identity.sshKeys(), gitAccess, clock);
        ssh.setShutdownTimeout(operationsConfig.shutdownTimeout());
        OperationsSupport.bindSshMetrics(metrics, ssh);
        resources.add(ssh);
        sshPort[0] = ssh.port();
      }

      dispatcher.start();
      resources.add(dispatcher);

      CommitdServer server = new CommitdServer(config, resources, http, sshPort[0], root, database, repositoryStore, refUpdates, identity, metrics, dispatcher,
          security);
      started.set(true);
      LOG.info(
          "commitd serving {}://{}:{}/ and {} (region {}, account {}){}",
          security.tlsEnabled() ? "https" : "http", config.bindAddress(), http.port(), sshPort[0] < 0 ? "no SSH" : "ssh on port " + sshPort[0], config.region(), config.accountId(),
          root.file() == null ? "" : "; root credentials in " + root.file().toAbsolutePath().normalize());
      return server;
    } catch (Exception | Error e) {
      closeAll(resources);
      throw e;
    }
  }

  /** Every CodeCommit operation family, by name. */
  private static OperationRegistry<OperationRequest> codeCommitOperations(
      Repositories repositories, RepositoryStore store, RefUpdatePipeline<Requester> refUpdates,
      PullRequestService pullRequests, PullRequestApprovals approvals, ApprovalRuleTemplates templates,
      CommentService comments, CloneUrls cloneUrls, TriggerOperations triggers) {
    OperationRegistry<OperationRequest> operations = new OperationRegistry<>();
    RefMover refMover = new RefMover(refUpdates);
    BranchCommits branchCommits = new BranchCommits(refMover);
    new RepositoryOperations(repositories, store, cloneUrls, refMover).register(operations);
    new BranchOperations(repositories, store, refMover).register(operations);
    new FileOperations(repositories, store, branchCommits).register(operations);
    new CommitOperations(repositories, store, branchCommits).register(operations);
    BranchMerger branchMerger = new BranchMerger(refMover);
    new MergeOperations(repositories, store, branchMerger).register(operations);
    PullRequestOperations pullRequestOperations =
        new PullRequestOperations(repositories, pullRequests, ApprovalShapes.view(approvals));
    pullRequestOperations.register(operations);
    new PullRequestMergeOperations(repositories, store, pullRequests, pullRequestOperations, branchMerger).register(operations);
    new CommentOperations(repositories, comments, pullRequestOperations).register(operations);
    new PullRequestApprovalOperations(pullRequestOperations, approvals).register(operations);
    new ApprovalRuleTemplateOperations(repositories, templates).register(operations);
    triggers.register(operations);
    return operations;
  }

  private static PrometheusMeterRegistry metrics(List<AutoCloseable> resources) {
    PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    new JvmMemoryMetrics().bindTo(metrics);
    JvmGcMetrics gcMetrics = new JvmGcMetrics();
    gcMetrics.bindTo(metrics);
    resources.add(gcMetrics);
    new JvmThreadMetrics().bindTo(metrics);
    new ProcessorMetrics().bindTo(metrics);
    return metrics;
  }

  private static CredentialResolver rootResolver(String accountId, RootCredentials root) {
    return accessKeyId ->
        accessKeyId.equals(root.accessKeyId())
            ? Optional.of(new ResolvedCredentials(root.secretAccessKey(), null, null, Caller.root(accountId, accessKeyId)))
            : Optional.empty();
  }

  private static OperationRegistry<QueryRequest> sts(IdentityStore identities, CredentialStore credentials, AccessControl access) {
    OperationRegistry<QueryRequest> registry = new OperationRegistry<>();
    new StsOperations(new SecurityTokenService(identities, credentials, access)).register(registry);
    return registry;
  }

  private static OperationRegistry<OperationRequest> accessAnalyzer() {
    OperationRegistry<OperationRequest> registry = new OperationRegistry<>();
    new PolicyValidation(PolicyValidator.standard()).register(registry);
    return registry;
  }

  /** The identity services other parts of the server and operators use. */
  public record Identity(Accounts accounts, GitCredentialAuthenticator gitCredentials, SshKeyAuthenticator sshKeys) {}

  public Identity identity() {
    return identity;
  }

  /** The server's meters: what {@code /metrics} exposes. */
  public PrometheusMeterRegistry metrics() {
    return metrics;
  }

  /** The outbox dispatcher: delivers events to triggers and EventBridge. */
  public Dispatcher dispatcher() {
    return dispatcher;
  }

  public ServerConfig config() {
    return config;
  }

  /** TLS, public URL and trusted proxies as started. */
  public TransportSecurity transportSecurity() {
    return transportSecurity;
  }

  public int httpPort() {
    return http.port();
  }

  /** The SSH port, or -1 when SSH is disabled. */
  public int sshPort() {
    return sshPort;
  }

  public RootCredentials rootCredentials() {
    return rootCredentials;
  }

  public Database database() {
    return database;
  }

  public RepositoryStore repositoryStore() {
    return repositoryStore;
  }

  /** The file engine's store, for its file-system specifics ({@code directoryOf}). */
  public FileRepositoryStore fileRepositoryStore() {
    if (!(repositoryStore instanceof FileRepositoryStore file)) {
      throw new IllegalStateException("this server runs the " + config.storage().engine() + " storage engine");
    }
    return file;
  }

  /** The one path by which refs change. */
  public RefUpdatePipeline<Requester> refUpdates() {
    return refUpdates;
  }

  @Override
  public void close() {
    closeAll(resources);
  }

  private static void closeAll(List<AutoCloseable> resources) {
    for (int i = resources.size() - 1; i >= 0; i--) {
      try {
        resources.get(i).close();
      } catch (Exception e) {
        LOG.warn("failed to close {}", resources.get(i), e);
      }
    }
    resources.clear();
  }
}
