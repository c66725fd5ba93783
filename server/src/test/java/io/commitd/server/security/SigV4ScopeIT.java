package io.commitd.server.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.commitd.server.testing.AwsCli;
import io.commitd.server.testing.SignedHttp;
import io.commitd.server.testing.TestServer;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A signature is only good for the region and service its credential scope names: the real CLI
 * configured for another region is refused with AWS's words, and root's argument-less
 * GetSessionToken gets its one-hour default.
 */
class SigV4ScopeIT {
  static TestServer server;

  @BeforeAll
  static void start() {
    server = TestServer.start();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void anotherRegionIsRefusedWithAwsMessage() {
    AwsCli elsewhere = server.rootCli().inRegion("us-west-2");
    AwsCli.Result codecommit = elsewhere.run("codecommit", "list-repositories");
    assertThat(codecommit.errorCode()).isEqualTo("InvalidSignatureException");
    assertThat(codecommit.stderr()).contains("Credential should be scoped to a valid region.");

    AwsCli.Result sts = elsewhere.run("sts", "get-caller-identity");
    assertThat(sts.errorCode()).isEqualTo("SignatureDoesNotMatch");
    assertThat(sts.stderr()).contains("Credential should be scoped to a valid region.");

    // Given --endpoint-url, the CLI signs IAM for its own region too: refused the same way.
    AwsCli.Result iam = elsewhere.run("iam", "list-users");
    assertThat(iam.errorCode()).isEqualTo("SignatureDoesNotMatch");
    assertThat(iam.stderr()).contains("Credential should be scoped to a valid region.");
    assertThat(server.rootCli().run("codecommit", "list-repositories").succeeded()).isTrue();
  }

  @Test
  void aSignatureForAnotherServiceIsRefused() {
    // An STS-scoped signature on a CodeCommit call: signed correctly, for the wrong service.
    var response = SignedHttp.post(server.endpoint(), server.endpoint(), "sts", "us-east-1",
        TestServer.ROOT_ACCESS_KEY_ID, TestServer.ROOT_SECRET,
        Map.of("X-Amz-Target", "CodeCommit_20150413.ListRepositories", "Content-Type", "application/x-amz-json-1.1"), "{}", Map.of());
    assertThat(response.statusCode()).isEqualTo(403);
    assertThat(response.body()).contains("InvalidSignatureException")
        .contains("Credential should be scoped to correct service: 'codecommit'.");
  }

  @Test
  void rootGetsASessionTokenWithNoArguments() {
    var credentials = server.rootCli().run("sts", "get-session-token").json().get("Credentials");
    assertThat(credentials.get("AccessKeyId").asText()).startsWith("ASIA");
    AwsCli session = server.rootCli().as(credentials.get("AccessKeyId").asText(),
        credentials.get("SecretAccessKey").asText(), credentials.get("SessionToken").asText());
    assertThat(session.run("sts", "get-caller-identity").json().get("Arn").asText())
        .isEqualTo("arn:aws:iam::" + TestServer.ACCOUNT_ID + ":root");
  }
}
