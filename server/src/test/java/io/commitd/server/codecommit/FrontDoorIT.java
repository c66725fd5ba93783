package io.commitd.server.codecommit;

import static org.assertj.core.api.Assertions.assertThat;

import io.commitd.server.testing.AwsCli;
import io.commitd.server.testing.TestServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;

/** The AWS front door: authentication failures, routing and malformed requests, each its own error. */
class FrontDoorIT {
  static TestServer server;
  static HttpClient http = HttpClient.newHttpClient();

  @BeforeAll
  static void start() {
    server = TestServer.start();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void wrongSecretIsInvalidSignature() {
    AwsCli wrong = server.rootCli().as(TestServer.ROOT_ACCESS_KEY_ID, "not-the-secret-at-all-000000000000000000", null);
    AwsCli.Result result = wrong.run("codecommit", "list-repositories");
    assertThat(result.errorCode()).isEqualTo("InvalidSignatureException");
    assertThat(result.stderr()).contains("does not match");
  }

  @Test
  void unknownKeyIsUnrecognizedClient() {
    AwsCli stranger = server.rootCli().as("AKIANOBODYKNOWSME000", "whatever-secret-000000000000000000000000", null);
    assertThat(stranger.run("codecommit", "list-repositories").errorCode()).isEqualTo("UnrecognizedClientException");
  }

  @Test
  void aSessionTokenForALongTermKeyIsRefused() {
    AwsCli withToken = server.rootCli().as(TestServer.ROOT_ACCESS_KEY_ID, TestServer.ROOT_SECRET, "forged-token");
    assertThat(withToken.run("codecommit", "list-repositories").errorCode()).isEqualTo("UnrecognizedClientException");
  }

  @Test
  void aRequestSignedTwentyMinutesAgoHasExpired() throws Exception {
    HttpResponse<String> response = send(signed("ListRepositories", "{}", Instant.now().minusSeconds(20 * 60)));
    assertThat(response.statusCode()).isEqualTo(403);
    assertThat(response.body()).contains("\"__type\":\"InvalidSignatureException\"").contains("Signature expired");
  }

  @Test
  void aRequestSignedJustNowIsAccepted() throws Exception {
    HttpResponse<String> response = send(signed("ListRepositories", "{}", Instant.now()));
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).contains("\"repositories\"");
  }

  @Test
  void unsignedRequestIsMissingAuthenticationToken() throws Exception {
    HttpResponse<String> response = send(HttpRequest.newBuilder(server.endpoint().resolve("/"))
        .header("X-Amz-Target", "CodeCommit_20150413.ListRepositories")
        .header("Content-Type", "application/x-amz-json-1.1")
        .POST(HttpRequest.BodyPublishers.ofString("{}")).build());
    assertThat(response.statusCode()).isEqualTo(403);
    assertThat(response.body()).contains("MissingAuthenticationTokenException");
  }

  @Test
  void garbledAuthorizationIsIncompleteSignature() throws Exception {
    HttpResponse<String> response = send(HttpRequest.newBuilder(server.endpoint().resolve("/"))
        .header("X-Amz-Target", "CodeCommit_20150413.ListRepositories")
        .header("Authorization", "AWS4-HMAC-SHA256 Credential=AKIA/nonsense")
        .header("X-Amz-Date", DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").format(Instant.now().atOffset(ZoneOffset.UTC)))
        .POST(HttpRequest.BodyPublishers.ofString("{}")).build());
    assertThat(response.statusCode()).isEqualTo(403);
    assertThat(response.body()).contains("IncompleteSignatureException");
  }

  @Test
  void unknownOperationIsUnknownOperationException() throws Exception {
    HttpResponse<String> response = send(signed("MakeCoffee", "{}", Instant.now()));
    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.body()).contains("\"__type\":\"UnknownOperationException\"");
  }

  @Test
  void malformedJsonIsSerializationException() throws Exception {
    HttpResponse<String> response = send(signed("GetRepository", "{\"repositoryName\": ", Instant.now()));
    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.body()).contains("\"__type\":\"SerializationException\"");
  }

  @Test
  void aMemberOfTheWrongTypeIsSerializationException() throws Exception {
    HttpResponse<String> response = send(signed("GetRepository", "{\"repositoryName\": 42}", Instant.now()));
    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.body()).contains("\"__type\":\"SerializationException\"");
  }

  @Test
  void aMissingRequiredMemberIsItsOwnError() throws Exception {
    HttpResponse<String> response = send(signed("GetRepository", "{}", Instant.now()));
    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.body()).contains("\"__type\":\"RepositoryNameRequiredException\"");
  }

  @Test
  void aBodySentInChunksWithoutALengthIsReadWhole() throws Exception {
    String body = "{\"repositoryName\": \"no-such-repository\"}";
    HttpRequest sized = signed("GetRepository", body, Instant.now());
    HttpRequest.Builder chunked = HttpRequest.newBuilder(sized.uri()).POST(HttpRequest.BodyPublishers.ofInputStream(
        () -> new java.io.ByteArrayInputStream(body.getBytes(java.nio.charset.StandardCharsets.UTF_8))));
    sized.headers().map().forEach((name, values) -> values.forEach(value -> chunked.header(name, value)));
    HttpResponse<String> response = send(chunked.build());
    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.body()).contains("\"__type\":\"RepositoryDoesNotExistException\"");
  }

  @Test
  void aBodyOverTwelveMegabytesIsRefusedWith413() throws Exception {
    byte[] huge = new byte[12 * 1024 * 1024 + 1];
    HttpResponse<String> response = send(HttpRequest.newBuilder(server.endpoint().resolve("/"))
        .header("X-Amz-Target", "CodeCommit_20150413.ListRepositories")
        .header("Content-Type", "application/x-amz-json-1.1")
        .POST(HttpRequest.BodyPublishers.ofByteArray(huge)).build());
    assertThat(response.statusCode()).isEqualTo(413);
  }

  @Test
  void healthAnswersWhenDatabaseAndStorageAreUsable() throws Exception {
    HttpResponse<String> response = send(HttpRequest.newBuilder(server.endpoint().resolve("/health")).GET().build());
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).contains("\"status\":\"UP\"");
  }

  @Test
  void metricsCountRequestsByOperationAndOutcome() throws Exception {
    send(signed("ListRepositories", "{}", Instant.now()));
    send(signed("GetRepository", "{}", Instant.now()));
    HttpResponse<String> response = send(HttpRequest.newBuilder(server.endpoint().resolve("/metrics")).GET().build());
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body())
        .contains("commitd_api_requests_seconds_count{operation=\"ListRepositories\",outcome=\"OK\",service=\"codecommit\"}")
        .contains("outcome=\"RepositoryNameRequiredException\"")
        .contains("jvm_memory_used_bytes");
  }

  /** A request signed by the AWS SDK's own SigV4 signer, at a chosen time. */
  private static HttpRequest signed(String operation, String body, Instant at) {
    URI endpoint = server.endpoint();
    SdkHttpFullRequest unsigned = SdkHttpFullRequest.builder()
        .method(SdkHttpMethod.POST)
        .uri(endpoint.resolve("/"))
        .putHeader("X-Amz-Target", "CodeCommit_20150413." + operation)
        .putHeader("Content-Type", "application/x-amz-json-1.1")
        .build();
    SignedRequest signed = AwsV4HttpSigner.create().sign(r -> r
        .identity(AwsBasicCredentials.create(TestServer.ROOT_ACCESS_KEY_ID, TestServer.ROOT_SECRET))
        .request(unsigned)
        .payload(() -> new java.io.ByteArrayInputStream(body.getBytes(java.nio.charset.StandardCharsets.UTF_8)))
        .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "codecommit")
        .putProperty(AwsV4HttpSigner.REGION_NAME, "us-east-1")
        .putProperty(AwsV4HttpSigner.SIGNING_CLOCK, java.time.Clock.fixed(at, ZoneOffset.UTC)));
    HttpRequest.Builder request = HttpRequest.newBuilder(endpoint.resolve("/"))
        .POST(HttpRequest.BodyPublishers.ofString(body));
    signed.request().headers().forEach((name, values) -> {
      if (!name.equalsIgnoreCase("Host") && !name.equalsIgnoreCase("Content-Length")) {
        values.forEach(v -> request.header(name, v));
      }
    });
    return request.build();
  }

  private static HttpResponse<String> send(HttpRequest request) throws Exception {
    return http.send(request, HttpResponse.BodyHandlers.ofString());
  }
}
