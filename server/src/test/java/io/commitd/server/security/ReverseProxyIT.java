package io.commitd.server.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.commitd.server.config.TransportSecurity;
import io.commitd.server.testing.AwsCli;
import io.commitd.server.testing.SignedHttp;
import io.commitd.server.testing.TestServer;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Behind a TLS-terminating reverse proxy at 127.0.0.1 (trusted): requests are signed for the
 * public host, arrive with the proxy's Host and {@code X-Forwarded-*}, and are verified, judged
 * ({@code aws:SourceIp}, {@code aws:SecureTransport}) and answered (clone URLs) as the client made them.
 */
class ReverseProxyIT {
  static final URI PUBLIC = URI.create("https://git.example.com");
  static final ObjectMapper JSON = new ObjectMapper();
  static TestServer server;
  static AwsCli admin;
  static String[] user;

  @BeforeAll
  static void start() {
    server = TestServer.start(TransportSecurity.none().behindProxy(PUBLIC, List.of("127.0.0.1", "::1")));
    admin = server.rootCli();
    admin.run("iam", "create-user", "--user-name", "remote").json();
    admin.run("iam", "put-user-policy", "--user-name", "remote", "--policy-name", "office", "--policy-document", """
        {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "codecommit:*", "Resource": "*",
          "Condition": {"IpAddress": {"aws:SourceIp": "203.0.113.0/24"}, "Bool": {"aws:SecureTransport": "true"}}}]}""").json();
    JsonNode key = admin.run("iam", "create-access-key", "--user-name", "remote").json().get("AccessKey");
    user = new String[] {key.get("AccessKeyId").asText(), key.get("SecretAccessKey").asText()};
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  static HttpResponse<String> viaProxy(String operation, String body, Map<String, String> forwarded) {
    return SignedHttp.post(server.endpoint(), PUBLIC, "codecommit", "us-east-1", user[0], user[1],
        Map.of("X-Amz-Target", "CodeCommit_20150413." + operation, "Content-Type", "application/x-amz-json-1.1"), body, forwarded);
  }

  @Test
  void theClientsHostAddressAndSchemeAreWhatCount() throws Exception {
    HttpResponse<String> created = viaProxy("CreateRepository", "{\"repositoryName\":\"proxied\"}",
        Map.of("X-Forwarded-Host", "git.example.com", "X-Forwarded-Proto", "https", "X-Forwarded-For", "198.51.100.1, 203.0.113.7"));
    assertThat(created.statusCode()).as(created.body()).isEqualTo(200);
    JsonNode metadata = JSON.readTree(created.body()).get("repositoryMetadata");
    assertThat(metadata.get("cloneUrlHttp").asText()).isEqualTo("https://git.example.com/v1/repos/proxied");
    assertThat(metadata.get("cloneUrlSsh").asText()).startsWith("ssh://git.example.com:");
  }

  @Test
  void withoutTheForwardedFactsTheConditionsFail() {
    // Signed for the public host but the proxy did not say so: the signature covers another Host.
    HttpResponse<String> noHost = viaProxy("ListRepositories", "{}", Map.of("X-Forwarded-Proto", "https", "X-Forwarded-For", "203.0.113.7"));
    assertThat(noHost.body()).contains("InvalidSignatureException");
    // Plain HTTP at the proxy: aws:SecureTransport is false.
    HttpResponse<String> plain = viaProxy("ListRepositories", "{}",
        Map.of("X-Forwarded-Host", "git.example.com", "X-Forwarded-Proto", "http", "X-Forwarded-For", "203.0.113.7"));
    assertThat(plain.body()).contains("AccessDeniedException");
    // From an address outside the allowed block.
    HttpResponse<String> elsewhere = viaProxy("ListRepositories", "{}",
        Map.of("X-Forwarded-Host", "git.example.com", "X-Forwarded-Proto", "https", "X-Forwarded-For", "192.0.2.9"));
    assertThat(elsewhere.body()).contains("AccessDeniedException");
  }
}
