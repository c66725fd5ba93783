package io.commitd.server.ops;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.commitd.server.testing.AwsCli;
import io.commitd.server.testing.Git;
import io.commitd.server.testing.TestServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * The audit trail through the real {@code aws cloudtrail lookup-events}: API calls, git pushes and
 * refusals are events with their user, filtered by attribute and time, with secrets hidden; and a
 * push is a log line and a metric.
 */
class AuditTrailIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  static TestServer server;
  static AwsCli root;
  static ListAppender<ILoggingEvent> gitLog = new ListAppender<>();

  @TempDir Path scratch;

  @BeforeAll
  static void start() {
    gitLog.start();
    ((Logger) LoggerFactory.getLogger("commitd.git")).addAppender(gitLog);
    server = TestServer.start();
    root = server.rootCli();
  }

  @AfterAll
  static void stop() {
    ((Logger) LoggerFactory.getLogger("commitd.git")).detachAppender(gitLog);
    server.close();
  }

  @Test
  void lookupEventsFindsCallsPushesAndRefusalsWithTheirUsers() throws Exception {
    String started = Instant.now().minusSeconds(5).toString();
    root.run("codecommit", "create-repository", "--repository-name", "audited").json();
    Git git = Git.withCredentialHelper(scratch, root);
    Path work = scratch.resolve("work");
    git.ok(scratch, "clone", "-q", server.endpoint() + "/v1/repos/audited", work.toString());
    String commit = git.commitFile(work, "README.md", "hello", "first");
    git.ok(work, "push", "-q", "origin", "main");

    root.run("iam", "create-user", "--user-name", "reader").json();
    JsonNode key = root.run("iam", "create-access-key", "--user-name", "reader").json().get("AccessKey");
    root.run("iam", "put-user-policy", "--user-name", "reader", "--policy-name", "read", "--policy-document",
        "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"codecommit:Get*\",\"Resource\":\"*\"}]}").json();
    AwsCli reader = root.as(key.get("AccessKeyId").asText(), key.get("SecretAccessKey").asText(), null);
    AwsCli.Result denied = reader.run("codecommit", "put-file", "--repository-name", "audited", "--branch-name", "main",
        "--file-path", "secret.txt", "--file-content", "TOP-SECRET-CONTENT", "--parent-commit-id", commit);
    assertThat(denied.errorCode()).isEqualTo("AccessDeniedException");

    JsonNode create = single(about("audited", lookup("EventName", "CreateRepository")));
    assertThat(create.get("Username").asText()).isEqualTo("root");
    assertThat(create.get("EventSource").asText()).isEqualTo("codecommit.amazonaws.com");
    assertThat(create.get("ReadOnly").asText()).isEqualTo("false");
    assertThat(create.get("Resources").get(0).get("ResourceType").asText()).isEqualTo("AWS::CodeCommit::Repository");
    JsonNode createEvent = JSON.readTree(create.get("CloudTrailEvent").asText());
    assertThat(createEvent.get("userIdentity").get("type").asText()).isEqualTo("Root");
    assertThat(createEvent.get("userIdentity").get("accountId").asText()).isEqualTo(TestServer.ACCOUNT_ID);
    assertThat(createEvent.get("requestParameters").get("repositoryName").asText()).isEqualTo("audited");
    assertThat(createEvent.get("responseElements").get("repositoryMetadata").get("repositoryName").asText()).isEqualTo("audited");
    assertThat(createEvent.get("recipientAccountId").asText()).isEqualTo(TestServer.ACCOUNT_ID);
    for (String field : List.of("eventVersion", "eventTime", "awsRegion", "sourceIPAddress", "userAgent", "requestID", "eventID")) {
      assertThat(createEvent.hasNonNull(field)).as(field).isTrue();
    }
    assertThat(fieldNames(createEvent)).containsExactly("eventVersion", "userIdentity", "eventTime", "eventSource",
        "eventName", "awsRegion", "sourceIPAddress", "userAgent", "requestID", "requestParameters", "responseElements",
        "eventID", "readOnly", "resources", "eventType", "managementEvent", "recipientAccountId", "eventCategory");
    assertThat(createEvent.get("eventTime").asText()).matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}Z");
    assertThat(createEvent.get("resources").get(0).get("accountId").asText()).isEqualTo(TestServer.ACCOUNT_ID);

    JsonNode push = single(about("audited", lookup("EventName", "GitPush")));
    assertThat(push.get("Username").asText()).isEqualTo("root");
    JsonNode pushEvent = JSON.readTree(push.get("CloudTrailEvent").asText());
    assertThat(pushEvent.get("requestParameters").get("references").get(0).get("commit").asText()).isEqualTo(commit);
    assertThat(pushEvent.get("additionalEventData").get("protocol").asText()).isEqualTo("HTTP");
    assertThat(pushEvent.get("readOnly").asBoolean()).isFalse();
    assertThat(pushEvent.get("additionalEventData").get("dataTransferred").asBoolean()).isTrue();
    assertThat(pushEvent.get("additionalEventData").get("bytesTransferred").asLong()).isPositive();
    assertThat(pushEvent.get("responseElements").isNull()).isTrue();
    assertThat(fieldNames(pushEvent)).containsSubsequence("requestID", "requestParameters", "responseElements",
        "additionalEventData", "eventID", "readOnly", "resources", "eventType");

    JsonNode refused = single(lookup("EventName", "PutFile"));
    assertThat(refused.get("Username").asText()).isEqualTo("reader");
    assertThat(refused.get("AccessKeyId").asText()).isEqualTo(key.get("AccessKeyId").asText());
    JsonNode refusedEvent = JSON.readTree(refused.get("CloudTrailEvent").asText());
    assertThat(refusedEvent.get("errorCode").asText()).isEqualTo("AccessDeniedException");
    assertThat(refusedEvent.get("userIdentity").get("userName").asText()).isEqualTo("reader");
    assertThat(refusedEvent.get("userIdentity").get("type").asText()).isEqualTo("IAMUser");
    assertThat(refusedEvent.get("requestParameters").get("fileContent").asText()).isEqualTo("HIDDEN_DUE_TO_SECURITY_REASONS");
    assertThat(refused.get("CloudTrailEvent").asText()).doesNotContain("VE9QLVNFQ1JFVC1DT05URU5U").doesNotContain("TOP-SECRET");

    // IAM answers are recorded as CloudTrail records them, with the secret of a new access key hidden.
    JsonNode keyEvent = JSON.readTree(single(lookup("EventName", "CreateAccessKey")).get("CloudTrailEvent").asText());
    assertThat(keyEvent.get("eventSource").asText()).isEqualTo("iam.amazonaws.com");
    assertThat(keyEvent.get("requestParameters").get("userName").asText()).isEqualTo("reader");
    assertThat(keyEvent.get("responseElements").get("accessKey").get("accessKeyId").asText())
        .isEqualTo(key.get("AccessKeyId").asText());
    assertThat(keyEvent.get("responseElements").get("accessKey").get("secretAccessKey").asText())
        .isEqualTo("HIDDEN_DUE_TO_SECURITY_REASONS");

    // Other filters: by user, by resource; and time: nothing after now, everything since the start.
    assertThat(lookup("Username", "reader")).extracting(e -> e.get("EventName").asText()).containsExactly("PutFile");
    assertThat(lookup("ResourceName", "audited")).extracting(e -> e.get("EventName").asText())
        .contains("CreateRepository", "GitPush", "PutFile");
    assertThat(events(root.run("cloudtrail", "lookup-events", "--start-time", Instant.now().plusSeconds(60).toString(),
        "--end-time", Instant.now().plusSeconds(120).toString()).json()))
        .isEmpty();
    List<JsonNode> since = events(root.run("cloudtrail", "lookup-events", "--start-time", started,
        "--end-time", Instant.now().plusSeconds(5).toString()).json());
    assertThat(since).extracting(e -> e.get("EventName").asText()).contains("CreateRepository", "GitPush", "CreateUser", "PutFile");
    // Newest first, and no secret of an IAM answer or request in any event.
    assertThat(since.get(0).get("EventTime").asDouble()).isGreaterThanOrEqualTo(since.get(since.size() - 1).get("EventTime").asDouble());
    assertThat(since.toString()).doesNotContain(key.get("SecretAccessKey").asText());

    // Pages: the CLI follows NextToken itself; one page of two says where to go on.
    JsonNode page = root.run("cloudtrail", "lookup-events", "--max-items", "2").json();
    assertThat(events(page)).hasSize(2);
    assertThat(page.get("NextToken").asText()).isNotEmpty();

    // The reader may not read the trail: cloudtrail:LookupEvents is an IAM action like any other.
    assertThat(reader.run("cloudtrail", "lookup-events").errorCode()).isEqualTo("AccessDeniedException");
  }

  @Test
  void aPushIsALogLineAndAMetric() throws Exception {
    root.run("codecommit", "create-repository", "--repository-name", "measured").json();
    Git git = Git.withCredentialHelper(scratch, root);
    Path work = scratch.resolve("measured");
    git.ok(scratch, "clone", "-q", server.endpoint() + "/v1/repos/measured", work.toString());
    git.commitFile(work, "a.txt", "a".repeat(10_000), "first");
    git.ok(work, "push", "-q", "origin", "main");
    git.ok(scratch, "clone", "-q", server.endpoint() + "/v1/repos/measured", scratch.resolve("measured-copy").toString());

    assertThat(gitLog.list).extracting(ILoggingEvent::getFormattedMessage)
        .anyMatch(line -> line.startsWith("GitPull by") && line.contains("repository=measured")
            && line.matches(".* bytes=[1-9][0-9]* .*"));
    assertThat(gitLog.list).extracting(ILoggingEvent::getFormattedMessage)
        .anyMatch(line -> line.startsWith("GitPush by arn:aws:iam::" + TestServer.ACCOUNT_ID + ":root")
            && line.contains("repository=measured") && line.contains("transport=HTTP")
            && line.contains("refs/heads/main=OK") && line.contains("outcome=OK") && line.contains("bytes=")
            && line.contains("ms="));
    String metrics = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(server.endpoint() + "/metrics")).build(),
        HttpResponse.BodyHandlers.ofString()).body();
    assertThat(metrics).containsPattern("commitd_repository_events_seconds_count\\{event=\"push\",outcome=\"OK\",repository=\"measured\",transport=\"HTTP\"} 1")
        .contains("commitd_repository_event_bytes_count{event=\"push\",repository=\"measured\",transport=\"HTTP\"} 1")
        .contains("commitd_users_active")
        .contains("commitd_ssh_sessions")
        .contains("commitd_repacks_total")
        .contains("hikaricp_connections_active");
  }

  private static List<JsonNode> lookup(String key, String value) {
    return events(root.run("cloudtrail", "lookup-events", "--lookup-attributes",
        "AttributeKey=" + key + ",AttributeValue=" + value).json());
  }

  private static List<JsonNode> events(JsonNode answer) {
    List<JsonNode> events = new ArrayList<>();
    answer.get("Events").forEach(events::add);
    return events;
  }

  /** The events about one repository (other tests share the server). */
  private static List<JsonNode> about(String repository, List<JsonNode> events) {
    return events.stream().filter(e -> e.get("CloudTrailEvent").asText().contains(":" + repository + "\"")).toList();
  }

  private static JsonNode single(List<JsonNode> events) {
    assertThat(events).hasSize(1);
    return events.get(0);
  }

  private static List<String> fieldNames(JsonNode object) {
    List<String> names = new ArrayList<>();
    object.fieldNames().forEachRemaining(names::add);
    return names;
  }
}
