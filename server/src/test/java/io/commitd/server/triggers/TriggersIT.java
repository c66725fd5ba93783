package io.commitd.server.triggers;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.commitd.server.config.ServerConfig;
import io.commitd.server.testing.AwsCli;
import io.commitd.server.testing.Git;
import io.commitd.server.testing.TestDatabase;
import io.commitd.server.testing.TestServer;
import io.commitd.storage.db.Sql;
import io.commitd.triggers.delivery.DeliverySettings;
import io.commitd.triggers.delivery.Destinations;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.services.codecommit.CodeCommitClient;
import software.amazon.awssdk.services.codecommit.model.RepositoryTrigger;

/**
 * Repository triggers and EventBridge events, end to end: the aws CLI and the SDK configure them,
 * git and the API move refs, and the dispatcher delivers to fake SNS, Lambda, EventBridge and
 * webhook endpoints that the AWS SDK and an HTTP client really call.
 */
class TriggersIT {
  static final ObjectMapper JSON = new ObjectMapper();
  static final String ROOT_ARN = "arn:aws:iam::" + TestServer.ACCOUNT_ID + ":root";
  static final String ZERO = "0".repeat(40);
  static final String BUS = "commitd-bus";
  static final String WEBHOOK_SECRET = "hook-secret-for-tests";
  /** Everything on the bus except changes to the branch "quiet". */
  static final String PATTERN =
      "{\"detail-type\":[\"CodeCommit Repository State Change\"],\"detail\":{\"referenceName\":[{\"anything-but\":\"quiet\"}]}}";

  static FakeDestinations fake;
  static TestDatabase database;
  static TestServer server;
  static AwsCli cli;
  static CodeCommitClient codeCommit;

  @TempDir Path scratch;

  static UnaryOperator<ServerConfig> events() {
    return config -> config.withEvents(DeliverySettings.defaults("us-east-1")
        .withEndpoint(fake.endpoint(), "AKIDFAKEDESTINATIONS", "fake-destination-secret")
        .withEventBridge(BUS, PATTERN, DeliverySettings.DEFAULT_EVENTBRIDGE_SOURCE)
        .withWebhookSecret(WEBHOOK_SECRET)
        .withRetries(100, Duration.ofMillis(100), Duration.ofMillis(100), Duration.ofMillis(300))
        .withCallTimeout(Duration.ofSeconds(5)));
  }

  @BeforeAll
  static void start() throws IOException {
    fake = new FakeDestinations();
    database = TestDatabase.create();
    server = TestServer.start(database, events());
    cli = server.rootCli();
    codeCommit = server.rootSdk().codeCommit();
  }

  @AfterAll
  static void stop() {
    try {
      server.close();
    } finally {
      fake.close();
    }
  }

  static String repositoryArn(String name) {
    return "arn:aws:codecommit:us-east-1:" + TestServer.ACCOUNT_ID + ":" + name;
  }

  static String createRepository(String name) {
    return codeCommit.createRepository(r -> r.repositoryName(name)).repositoryMetadata().repositoryId();
  }

  Path triggersFile(String json) throws IOException {
    Path file = Files.createTempFile(scratch, "triggers", ".json");
    Files.writeString(file, json);
    return file;
  }

  String putTriggers(String repository, String triggersJson) throws IOException {
    return cli.run("codecommit", "put-repository-triggers", "--repository-name", repository,
        "--triggers", "file://" + triggersFile(triggersJson)).json().get("configurationId").asText();
  }

  /** Waits until the dispatcher has delivered (or buried) every released event of the repository. */
  static void awaitDelivered(TestServer on, String repositoryId) throws InterruptedException {
    Sql sql = new Sql(on.server().database());
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (System.nanoTime() < deadline) {
      long open = sql.queryOne("SELECT COUNT(*) FROM event_outbox WHERE repository_id = ?"
          + " AND delivered_at IS NULL AND NOT dead", row -> row.getLong(1), repositoryId).orElseThrow();
      if (open == 0) {
        return;
      }
      Thread.sleep(50);
    }
    throw new AssertionError("events of " + repositoryId + " still undelivered");
  }

  static List<JsonNode> records(List<FakeDestinations.Received> messages) {
    List<JsonNode> records = new ArrayList<>();
    for (FakeDestinations.Received message : messages) {
      JsonNode payload = message.json();
      assertThat(payload.get("Records")).hasSize(1);
      records.add(payload.get("Records").get(0));
    }
    return records;
  }

  static boolean isFor(FakeDestinations.Received message, String repository) {
    return message.body().contains(repositoryArn(repository) + "\"");
  }

  @Test
  void putAndGetRepositoryTriggersWithTheCliAndItsErrors() throws Exception {
    createRepository("configured");
    String triggers = "[{\"name\":\"to-sns\",\"destinationArn\":\"arn:aws:sns:us-east-1:111122223333:pushes\","
        + "\"customData\":\"team-a\",\"branches\":[\"main\",\"release/1\"],\"events\":[\"all\"]},"
        + "{\"name\":\"to-lambda\",\"destinationArn\":\"arn:aws:lambda:us-east-1:111122223333:function:on-push\","
        + "\"branches\":[],\"events\":[\"createReference\",\"deleteReference\"]},"
        + "{\"name\":\"to-hook\",\"destinationArn\":\"https://ci.example.com/hook\",\"branches\":[],\"events\":[\"updateReference\"]}]";
    String first = putTriggers("configured", triggers);
    assertThat(first).matches("[0-9a-f-]{36}");

    JsonNode got = cli.run("codecommit", "get-repository-triggers", "--repository-name", "configured").json();
    assertThat(got.get("configurationId").asText()).isEqualTo(first);
    assertThat(got.get("triggers")).isEqualTo(JSON.readTree(triggers));

    String second = putTriggers("configured", "[]");
    assertThat(second).isNotEqualTo(first);
    JsonNode empty = codeCommit.getRepositoryTriggers(r -> r.repositoryName("configured")).triggers().isEmpty()
        ? JSON.createArrayNode() : null;
    assertThat(empty).as("an empty list removes every trigger").isNotNull();

    assertThat(putError("configured", "[{\"name\":\"x\",\"destinationArn\":\"arn:aws:sqs:us-east-1:111122223333:q\","
        + "\"branches\":[],\"events\":[\"all\"]}]")).isEqualTo("InvalidRepositoryTriggerDestinationArnException");
    assertThat(putError("configured", "[{\"name\":\"x\",\"destinationArn\":\"arn:aws:sns:eu-west-1:111122223333:t\","
        + "\"branches\":[],\"events\":[\"all\"]}]")).isEqualTo("InvalidRepositoryTriggerRegionException");
    assertThat(putError("configured", "[{\"name\":\"x\",\"destinationArn\":\"arn:aws:sns:us-east-1:111122223333:t\","
        + "\"events\":[\"all\"]}]")).isEqualTo("RepositoryTriggerBranchNameListRequiredException");
    assertThat(putError("configured", "[{\"name\":\"x\",\"destinationArn\":\"arn:aws:sns:us-east-1:111122223333:t\","
        + "\"branches\":[],\"events\":[\"all\",\"createReference\"]}]")).isEqualTo("InvalidRepositoryTriggerEventsException");
    assertThat(putError("configured", "[{\"name\":\"x\",\"destinationArn\":\"arn:aws:sns:us-east-1:111122223333:t\","
        + "\"branches\":[\"bad..name\"],\"events\":[\"all\"]}]")).isEqualTo("InvalidRepositoryTriggerBranchNameException");
    assertThat(putError("configured", "[{\"name\":\"x\",\"destinationArn\":\"arn:aws:sns:us-east-1:111122223333:t\","
        + "\"branches\":[],\"events\":[]}]")).isEqualTo("RepositoryTriggerEventsListRequiredException");
    assertThat(cli.run("codecommit", "put-repository-triggers", "--repository-name", "nowhere",
        "--triggers", "file://" + triggersFile("[]")).errorCode()).isEqualTo("RepositoryDoesNotExistException");
    assertThat(cli.run("codecommit", "get-repository-triggers", "--repository-name", "nowhere").errorCode())
        .isEqualTo("RepositoryDoesNotExistException");
    assertThat(codeCommit.getRepositoryTriggers(r -> r.repositoryName("configured")).configurationId()).isEqualTo(second);
  }

  String putError(String repository, String triggersJson) throws IOException {
    return cli.run("codecommit", "put-repository-triggers", "--repository-name", repository,
        "--triggers", "file://" + triggersFile(triggersJson)).errorCode();
  }

  @Test
  void aPushOverHttpReachesSnsLambdaAWebhookAndEventBridge() throws Exception {
    String repositoryId = createRepository("pushed");
    String configurationId = putTriggers("pushed", "["
        + "{\"name\":\"sns\",\"destinationArn\":\"arn:aws:sns:us-east-1:111122223333:pushes\",\"customData\":\"from sns\","
        + "\"branches\":[\"main\"],\"events\":[\"all\"]},"
        + "{\"name\":\"lambda\",\"destinationArn\":\"arn:aws:lambda:us-east-1:111122223333:function:on-push\","
        + "\"branches\":[],\"events\":[\"createReference\"]},"
        + "{\"name\":\"hook\",\"destinationArn\":\"" + fake.webhook("pushed") + "\",\"branches\":[],\"events\":[\"all\"]}]");

    Git git = Git.withCredentialHelper(scratch, cli);
    Path work = scratch.resolve("pushed");
    git.ok(scratch, "clone", "-q", server.endpoint() + "/v1/repos/pushed", work.toString());
    String first = git.commitFile(work, "README.md", "hello\n", "first");
    git.ok(work, "push", "-q", "origin", "main");

    JsonNode sns = records(fake.await(m -> m.kind().equals("sns") && isFor(m, "pushed"), 1)).get(0);
    assertThat(sns.get("eventName").asText()).isEqualTo("ReferenceChanges");
    assertThat(sns.get("eventSource").asText()).isEqualTo("aws:codecommit");
    assertThat(sns.get("eventSourceARN").asText()).isEqualTo(repositoryArn("pushed"));
    assertThat(sns.get("awsRegion").asText()).isEqualTo("us-east-1");
    assertThat(sns.get("userIdentityARN").asText()).isEqualTo(ROOT_ARN);
    assertThat(sns.get("eventTriggerName").asText()).isEqualTo("sns");
    assertThat(sns.get("eventTriggerConfigId").asText()).isEqualTo(configurationId);
    assertThat(sns.get("customData").asText()).isEqualTo("from sns");
    assertThat(sns.get("codecommit").get("references")).isEqualTo(JSON.readTree(
        "[{\"commit\":\"" + first + "\",\"ref\":\"refs/heads/main\",\"created\":true}]"));
    assertThat(fake.received(m -> m.kind().equals("sns") && isFor(m, "pushed")).get(0).target())
        .isEqualTo("arn:aws:sns:us-east-1:111122223333:pushes");

    FakeDestinations.Received lambda = fake.await(m -> m.kind().equals("lambda") && isFor(m, "pushed"), 1).get(0);
    assertThat(lambda.target()).isEqualTo("arn:aws:lambda:us-east-1:111122223333:function:on-push");
    assertThat(lambda.headers().get("x-amz-invocation-type")).isEqualTo("Event");
    assertThat(records(List.of(lambda)).get(0).get("eventTriggerName").asText()).isEqualTo("lambda");

    FakeDestinations.Received hook = fake.await(m -> m.target().equals("/hook/pushed"), 1).get(0);
    assertThat(hook.headers().get("x-commitd-signature-256")).isEqualTo(Destinations.signature(WEBHOOK_SECRET, hook.body()));
    assertThat(hook.headers().get("x-commitd-event")).isEqualTo("ReferenceChanges");
    assertThat(hook.headers().get("content-type")).isEqualTo("application/json");

    JsonNode bridge = fake.await(m -> m.kind().equals("eventbridge") && m.body().contains(repositoryId), 1).get(0).json();
    assertThat(bridge.get("EventBusName").asText()).isEqualTo(BUS);
    assertThat(bridge.get("Source").asText()).isEqualTo("aws.codecommit");
    assertThat(bridge.get("DetailType").asText()).isEqualTo("CodeCommit Repository State Change");
    assertThat(bridge.get("Resources")).isEqualTo(JSON.readTree("[\"" + repositoryArn("pushed") + "\"]"));
    assertThat(JSON.readTree(bridge.get("Detail").asText())).isEqualTo(JSON.readTree("{\"callerUserArn\":\"" + ROOT_ARN
        + "\",\"commitId\":\"" + first + "\",\"event\":\"referenceCreated\",\"referenceFullName\":\"refs/heads/main\","
        + "\"referenceName\":\"main\",\"referenceType\":\"branch\",\"repositoryId\":\"" + repositoryId
        + "\",\"repositoryName\":\"pushed\"}"));

    String second = git.commitFile(work, "README.md", "hello again\n", "second");
    git.ok(work, "push", "-q", "origin", "main");
    awaitDelivered(server, repositoryId);
    assertThat(records(fake.received(m -> m.kind().equals("sns") && isFor(m, "pushed"))))
        .extracting(r -> r.get("codecommit").get("references").get(0).toString())
        .containsExactly("{\"commit\":\"" + first + "\",\"ref\":\"refs/heads/main\",\"created\":true}",
            "{\"commit\":\"" + second + "\",\"ref\":\"refs/heads/main\"}");
    assertThat(fake.received(m -> m.kind().equals("lambda") && isFor(m, "pushed"))).as("lambda: creations only").hasSize(1);
    List<JsonNode> details = new ArrayList<>();
    for (FakeDestinations.Received m : fake.received(m -> m.kind().equals("eventbridge") && m.body().contains(repositoryId))) {
      details.add(JSON.readTree(m.json().get("Detail").asText()));
    }
    assertThat(details).hasSize(2);
    assertThat(details.get(1).get("event").asText()).isEqualTo("referenceUpdated");
    assertThat(details.get(1).get("oldCommitId").asText()).isEqualTo(first);
    assertThat(details.get(1).get("commitId").asText()).isEqualTo(second);

    String metrics = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(server.endpoint() + "/metrics")).build(),
        HttpResponse.BodyHandlers.ofString()).body();
    assertThat(metrics).contains("commitd_events_attempts_total{destination=\"sns\"}")
        .contains("commitd_events_failures_total{destination=\"webhook\"}").contains("commitd_events_backlog");
  }

  @Test
  void createBranchDeleteBranchAndPutFileProduceExactlyTheirEvents() throws Exception {
    String repositoryId = createRepository("api-writers");
    putTriggers("api-writers", "[{\"name\":\"hook\",\"destinationArn\":\"" + fake.webhook("api-writers")
        + "\",\"branches\":[],\"events\":[\"all\"]}]");
    String main = codeCommit.putFile(r -> r.repositoryName("api-writers").branchName("main").filePath("a.txt")
        .fileContent(SdkBytes.fromUtf8String("a"))).commitId();
    cli.run("codecommit", "create-branch", "--repository-name", "api-writers", "--branch-name", "dev",
        "--commit-id", main).json();
    codeCommit.createBranch(r -> r.repositoryName("api-writers").branchName("quiet").commitId(main));
    String onDev = codeCommit.putFile(r -> r.repositoryName("api-writers").branchName("dev").filePath("b.txt")
        .parentCommitId(main).fileContent(SdkBytes.fromUtf8String("b"))).commitId();
    cli.run("codecommit", "delete-branch", "--repository-name", "api-writers", "--branch-name", "dev").json();
    awaitDelivered(server, repositoryId);

    assertThat(records(fake.received(m -> m.target().equals("/hook/api-writers"))))
        .extracting(r -> r.get("codecommit").get("references").get(0).toString())
        .containsExactly(
            "{\"commit\":\"" + main + "\",\"ref\":\"refs/heads/main\",\"created\":true}",
            "{\"commit\":\"" + main + "\",\"ref\":\"refs/heads/dev\",\"created\":true}",
            "{\"commit\":\"" + main + "\",\"ref\":\"refs/heads/quiet\",\"created\":true}",
            "{\"commit\":\"" + onDev + "\",\"ref\":\"refs/heads/dev\"}",
            "{\"commit\":\"" + onDev + "\",\"ref\":\"refs/heads/dev\",\"deleted\":true}");
    List<String> bus = new ArrayList<>();
    for (FakeDestinations.Received m : fake.received(m -> m.kind().equals("eventbridge") && m.body().contains(repositoryId))) {
      JsonNode detail = JSON.readTree(m.json().get("Detail").asText());
      bus.add(detail.get("event").asText() + " " + detail.get("referenceName").asText() + " "
          + detail.path("oldCommitId").asText("-") + " " + detail.path("commitId").asText("-"));
    }
    assertThat(bus).as("the pattern keeps \"quiet\" off the bus").containsExactly(
        "referenceCreated main - " + main,
        "referenceCreated dev - " + main,
        "referenceUpdated dev " + main + " " + onDev,
        "referenceDeleted dev " + onDev + " -");
  }

  @Test
  void testRepositoryTriggersCallsEachDestinationAndReportsTheFailingOne() throws Exception {
    createRepository("tested");
    String commit = codeCommit.putFile(r -> r.repositoryName("tested").branchName("main").filePath("a.txt")
        .fileContent(SdkBytes.fromUtf8String("a"))).commitId();
    JsonNode result = cli.run("codecommit", "test-repository-triggers", "--repository-name", "tested", "--triggers",
        "file://" + triggersFile("[{\"name\":\"good\",\"destinationArn\":\"" + fake.webhook("tested")
            + "\",\"customData\":\"x\",\"branches\":[],\"events\":[\"all\"]},"
            + "{\"name\":\"bad\",\"destinationArn\":\"" + fake.webhook("fail") + "\",\"branches\":[],\"events\":[\"all\"]},"
            + "{\"name\":\"topic\",\"destinationArn\":\"arn:aws:sns:us-east-1:111122223333:tested\",\"branches\":[],"
            + "\"events\":[\"all\"]}]")).json();
    assertThat(result.get("successfulExecutions")).isEqualTo(JSON.readTree("[\"good\",\"topic\"]"));
    assertThat(result.get("failedExecutions")).hasSize(1);
    assertThat(result.get("failedExecutions").get(0).get("trigger").asText()).isEqualTo("bad");
    assertThat(result.get("failedExecutions").get(0).get("failureMessage").asText()).contains("HTTP 500");

    JsonNode record = records(fake.await(m -> m.target().equals("/hook/tested"), 1)).get(0);
    assertThat(record.get("eventName").asText()).isEqualTo("TriggerEventTest");
    assertThat(record.get("customData").asText()).isEqualTo("x");
    assertThat(record.get("codecommit").get("references")).isEqualTo(JSON.readTree(
        "[{\"commit\":\"" + commit + "\",\"ref\":\"refs/heads/main\"}]"));
    assertThat(fake.await(m -> m.kind().equals("sns") && m.target().endsWith(":tested"), 1)).hasSize(1);
    assertThat(cli.run("codecommit", "test-repository-triggers", "--repository-name", "tested", "--triggers",
        "file://" + triggersFile("[{\"name\":\"x\",\"destinationArn\":\"ftp://nope\",\"branches\":[],\"events\":[\"all\"]}]"))
        .errorCode()).isEqualTo("InvalidRepositoryTriggerDestinationArnException");
  }

  @Test
  void aDestinationDownForAWhileGetsEveryEventInOrderOnceItIsBack() throws Exception {
    String repositoryId = createRepository("outage");
    putTriggers("outage", "[{\"name\":\"hook\",\"destinationArn\":\"" + fake.webhook("outage")
        + "\",\"branches\":[],\"events\":[\"all\"]}]");
    fake.setDown("/hook/outage", true);
    String main = codeCommit.putFile(r -> r.repositoryName("outage").branchName("main").filePath("a.txt")
        .fileContent(SdkBytes.fromUtf8String("a"))).commitId();
    for (String branch : List.of("b1", "b2", "b3")) {
      codeCommit.createBranch(r -> r.repositoryName("outage").branchName(branch).commitId(main));
    }
    Sql sql = new Sql(server.server().database());
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (sql.queryOne("SELECT MAX(attempts) FROM event_outbox WHERE repository_id = ?", row -> row.getInt(1), repositoryId)
        .orElse(0) < 3 && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }

    JsonNode pending = admin("GET", "/admin/events?state=pending&limit=1000");
    List<JsonNode> outage = new ArrayList<>();
    pending.get("events").forEach(e -> {
      if (e.get("repositoryId").asText().equals(repositoryId) && e.get("eventType").asText().equals("referenceChanged")) {
        outage.add(e);
      }
    });
    assertThat(outage).hasSize(4);
    assertThat(outage.get(0).get("attempts").asInt()).isGreaterThanOrEqualTo(3);
    assertThat(outage.get(0).get("lastError").asText()).contains("HTTP 503");
    assertThat(outage.subList(1, 4)).allSatisfy(e -> assertThat(e.get("attempts").asInt()).as("waiting their turn").isZero());
    assertThat(fake.received(m -> m.target().equals("/hook/outage"))).isEmpty();

    fake.setDown("/hook/outage", false);
    awaitDelivered(server, repositoryId);
    assertThat(records(fake.received(m -> m.target().equals("/hook/outage"))))
        .extracting(r -> r.get("codecommit").get("references").get(0).get("ref").asText())
        .containsExactly("refs/heads/main", "refs/heads/b1", "refs/heads/b2", "refs/heads/b3");
    JsonNode delivered = admin("GET", "/admin/events?state=delivered");
    assertThat(delivered.get("events").toString()).contains("trigger:hook:" + fake.webhook("outage"));
  }

  @Test
  void theAdminEndpointIsForSignedRootCallersOnly() throws Exception {
    HttpResponse<String> unsigned = HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(URI.create(server.endpoint() + "/admin/events")).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(unsigned.statusCode()).isEqualTo(403);
    assertThat(adminStatus("GET", "/admin/events?state=unknown")).isEqualTo(400);
    assertThat(adminStatus("POST", "/admin/events/999999/retry")).as("no such dead event").isEqualTo(404);
  }

  @Test
  void twoServersOnOnePostgresDatabaseDeliverEachEventOnce() throws Exception {
    // On the PostgreSQL run the class's server is node one (fewer connections on a shared PostgreSQL);
    // on the H2 run both nodes are new, on a PostgreSQL database of their own.
    boolean own = !TestDatabase.postgresRequested();
    TestServer one = own ? TestServer.start(TestDatabase.createPostgres(), events()) : server;
    // The second node shares the first one's database, which the first one drops when it closes.
    TestServer two = TestServer.start((own ? one.database() : database).sharing(), events());
    try {
      CodeCommitClient client = one.rootSdk().codeCommit();
      String repositoryId = client.createRepository(r -> r.repositoryName("two-nodes")).repositoryMetadata().repositoryId();
      client.putRepositoryTriggers(r -> r.repositoryName("two-nodes").triggers(RepositoryTrigger.builder().name("hook")
          .destinationArn(fake.webhook("two-nodes")).branches(List.of()).eventsWithStrings("all").build()));
      String main = client.putFile(r -> r.repositoryName("two-nodes").branchName("main").filePath("a.txt")
          .fileContent(SdkBytes.fromUtf8String("a"))).commitId();
      List<String> expected = new ArrayList<>(List.of("refs/heads/main"));
      for (int i = 0; i < 20; i++) {
        String branch = "b" + i;
        client.createBranch(r -> r.repositoryName("two-nodes").branchName(branch).commitId(main));
        expected.add("refs/heads/" + branch);
      }
      awaitDelivered(one, repositoryId);
      // Let both dispatchers poll a few more times: nothing may arrive twice.
      Thread.sleep(500);
      List<String> refs = records(fake.received(m -> m.target().equals("/hook/two-nodes"))).stream()
          .map(r -> r.get("codecommit").get("references").get(0).get("ref").asText()).toList();
      assertThat(refs).containsExactlyElementsOf(expected);
      assertThat(Set.copyOf(refs)).hasSize(21);
    } finally {
      try {
        two.close();
      } finally {
        if (own) {
          one.close();
        }
      }
    }
  }

  JsonNode admin(String method, String pathAndQuery) throws Exception {
    HttpResponse<String> response = adminCall(method, pathAndQuery);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return JSON.readTree(response.body());
  }

  int adminStatus(String method, String pathAndQuery) throws Exception {
    return adminCall(method, pathAndQuery).statusCode();
  }

  /** Signs the request as the account root with the SDK's SigV4 signer, as any AWS tool would. */
  HttpResponse<String> adminCall(String method, String pathAndQuery) throws Exception {
    URI uri = URI.create(server.endpoint() + pathAndQuery);
    SdkHttpFullRequest request = SdkHttpFullRequest.builder().method(SdkHttpMethod.fromValue(method)).uri(uri).build();
    SignedRequest signed = AwsV4HttpSigner.create().sign(r -> r
        .identity(AwsCredentialsIdentity.create(TestServer.ROOT_ACCESS_KEY_ID, TestServer.ROOT_SECRET))
        .request(request)
        .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "commitd")
        .putProperty(AwsV4HttpSigner.REGION_NAME, "us-east-1"));
    SdkHttpRequest signedRequest = signed.request();
    HttpRequest.Builder builder = HttpRequest.newBuilder(uri)
        .method(method, HttpRequest.BodyPublishers.noBody());
    signedRequest.headers().forEach((name, values) -> {
      if (!name.equalsIgnoreCase("host")) {
        values.forEach(value -> builder.header(name, value));
      }
    });
    return HttpClient.newHttpClient().send(builder.build(), HttpResponse.BodyHandlers.ofString());
  }
}
