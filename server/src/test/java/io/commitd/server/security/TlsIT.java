package io.commitd.server.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.commitd.server.config.TransportSecurity;
import io.commitd.server.testing.AwsCli;
import io.commitd.server.testing.Git;
import io.commitd.server.testing.TestCertificates;
import io.commitd.server.testing.TestServer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * With a certificate and key from PEM files the HTTP port speaks HTTPS only: the real CLI (with
 * {@code --ca-bundle}) and git (with {@code http.sslCAInfo}) work, {@code aws:SecureTransport} is
 * true, and plain HTTP on that port gets no answer.
 */
class TlsIT {
  static Path certificates;
  static TestCertificates ca;
  static TestServer server;
  static AwsCli admin;

  @TempDir Path scratch;

  @BeforeAll
  static void start() throws IOException {
    certificates = Files.createTempDirectory("commitd-tls-");
    ca = TestCertificates.create(certificates, TestCertificates.KeyForm.TRADITIONAL_EC);
    server = TestServer.start(TransportSecurity.tls(ca.serverCertificate(), ca.serverKey()));
    admin = server.rootCli().at(server.endpoint(), "--ca-bundle", ca.caCertificate().toString());
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void theCliAndGitWorkOverTls() {
    assertThat(server.endpoint().getScheme()).isEqualTo("https");
    JsonNode created = admin.run("codecommit", "create-repository", "--repository-name", "secure").json();
    String cloneUrl = created.get("repositoryMetadata").get("cloneUrlHttp").asText();
    assertThat(cloneUrl).isEqualTo(server.endpoint() + "/v1/repos/secure");

    // Only requests over TLS are allowed: the condition holds here.
    admin.run("iam", "create-user", "--user-name", "tls-only").json();
    admin.run("iam", "put-user-policy", "--user-name", "tls-only", "--policy-name", "tls", "--policy-document", """
        {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "codecommit:*", "Resource": "*",
          "Condition": {"Bool": {"aws:SecureTransport": "true"}}}]}""").json();
    JsonNode key = admin.run("iam", "create-access-key", "--user-name", "tls-only").json().get("AccessKey");
    AwsCli user = admin.as(key.get("AccessKeyId").asText(), key.get("SecretAccessKey").asText(), null);
    assertThat(user.run("codecommit", "get-repository", "--repository-name", "secure").succeeded()).isTrue();

    Git git = Git.withCredentialHelper(scratch, user);
    String trust = "http.sslCAInfo=" + ca.caCertificate();
    git.ok(scratch, "-c", trust, "clone", "-q", cloneUrl, "work");
    Path work = scratch.resolve("work");
    git.commitFile(work, "README.md", "over TLS", "first");
    git.ok(work, "-c", trust, "push", "-q", "origin", "HEAD:main");
    assertThat(user.run("codecommit", "get-branch", "--repository-name", "secure", "--branch-name", "main").json()
        .get("branch").get("commitId").asText()).isEqualTo(git.ok(work, "rev-parse", "HEAD").strip());

    // Without the CA, git refuses the server: the certificate is really checked.
    assertThat(git.run(scratch, "clone", "-q", cloneUrl, "untrusted").exitCode()).isNotZero();
  }

  @Test
  void plainHttpOnTheTlsPortGetsNoAnswer() {
    URI plain = URI.create("http://127.0.0.1:" + server.server().httpPort() + "/health");
    HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    assertThatThrownBy(() -> client.send(HttpRequest.newBuilder(plain).timeout(Duration.ofSeconds(10)).build(),
        HttpResponse.BodyHandlers.ofString())).isInstanceOf(IOException.class);
  }
}
