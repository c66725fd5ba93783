package io.commitd.server.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.commitd.server.testing.AwsCli;
import io.commitd.server.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code aws accessanalyzer validate-policy} against commitd, through the front door's one authorization path. */
class ValidatePolicyIT {
  static final String MAIN_ONLY = """
      {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "codecommit:GitPush", "Resource": "*",
        "Condition": {"StringLike": {"codecommit:References": "refs/heads/main"}}}]}""";
  static TestServer server;
  static AwsCli admin;

  @BeforeAll
  static void start() {
    server = TestServer.start();
    admin = server.rootCli();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void aSingleValuedOperatorOnReferencesIsReported() {
    JsonNode findings = admin.run("accessanalyzer", "validate-policy", "--policy-type", "IDENTITY_POLICY",
        "--policy-document", MAIN_ONLY).json().get("findings");
    assertThat(findings).hasSize(1);
    JsonNode finding = findings.get(0);
    assertThat(finding.get("findingType").asText()).isEqualTo("ERROR");
    assertThat(finding.get("issueCode").asText()).isEqualTo("MISSING_QUALIFIER");
    assertThat(finding.get("learnMoreLink").asText()).startsWith("https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html");
    JsonNode location = finding.get("locations").get(0);
    assertThat(location.get("path").toString())
        .isEqualTo("[{\"value\":\"Statement\"},{\"index\":0},{\"value\":\"Condition\"},{\"value\":\"StringLike\"},{\"key\":\"codecommit:References\"}]");
    assertThat(location.get("span").get("start").get("line").asInt()).isEqualTo(2);

    JsonNode clean = admin.run("accessanalyzer", "validate-policy", "--policy-type", "IDENTITY_POLICY", "--policy-document",
        MAIN_ONLY.replace("\"StringLike\"", "\"ForAllValues:StringLike\"")).json();
    assertThat(clean.get("findings")).isEmpty();
  }

  @Test
  void validatingNeedsThePermission() {
    admin.run("iam", "create-user", "--user-name", "author").json();
    JsonNode key = admin.run("iam", "create-access-key", "--user-name", "author").json().get("AccessKey");
    AwsCli author = admin.as(key.get("AccessKeyId").asText(), key.get("SecretAccessKey").asText(), null);
    AwsCli.Result denied = author.run("accessanalyzer", "validate-policy", "--policy-type", "IDENTITY_POLICY", "--policy-document", MAIN_ONLY);
    assertThat(denied.errorCode()).isEqualTo("AccessDeniedException");
    assertThat(denied.stderr()).contains("access-analyzer:ValidatePolicy");
    admin.run("iam", "put-user-policy", "--user-name", "author", "--policy-name", "validate", "--policy-document",
        "{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"access-analyzer:ValidatePolicy\",\"Resource\":\"*\"}}").json();
    assertThat(author.run("accessanalyzer", "validate-policy", "--policy-type", "IDENTITY_POLICY", "--policy-document", MAIN_ONLY)
        .json().get("findings")).hasSize(1);
  }
}
