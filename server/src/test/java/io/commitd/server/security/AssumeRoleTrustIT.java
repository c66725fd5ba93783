package io.commitd.server.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.commitd.server.testing.AwsCli;
import io.commitd.server.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A role's trust policy decides AssumeRole with its conditions, in the same account as across:
 * naming the account root delegates to the caller's own policies, and the external id must match.
 */
class AssumeRoleTrustIT {
  static TestServer server;
  static AwsCli admin;
  static final String ROLE = "arn:aws:iam::" + TestServer.ACCOUNT_ID + ":role/vendor";

  @BeforeAll
  static void start() {
    server = TestServer.start();
    admin = server.rootCli();
    admin.run("iam", "create-role", "--role-name", "vendor", "--assume-role-policy-document", """
        {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::%s:root"},
          "Action": "sts:AssumeRole", "Condition": {"StringEquals": {"sts:ExternalId": "s3cret-42"}}}]}"""
        .formatted(TestServer.ACCOUNT_ID)).json();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  static AwsCli user(String name, String policy) {
    admin.run("iam", "create-user", "--user-name", name).json();
    if (policy != null) {
      admin.run("iam", "put-user-policy", "--user-name", name, "--policy-name", "p", "--policy-document", policy).json();
    }
    JsonNode key = admin.run("iam", "create-access-key", "--user-name", name).json().get("AccessKey");
    return admin.as(key.get("AccessKeyId").asText(), key.get("SecretAccessKey").asText(), null);
  }

  @Test
  void theExternalIdMustMatchAndTheCallerMustBeAllowed() {
    AwsCli allowed = user("integrator", """
        {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "sts:AssumeRole", "Resource": "%s"}]}""".formatted(ROLE));
    assertThat(allowed.run("sts", "assume-role", "--role-arn", ROLE, "--role-session-name", "vendor-session",
        "--external-id", "wrong").errorCode()).isEqualTo("AccessDenied");
    assertThat(allowed.run("sts", "assume-role", "--role-arn", ROLE, "--role-session-name", "vendor-session").errorCode())
        .isEqualTo("AccessDenied");
    JsonNode assumed = allowed.run("sts", "assume-role", "--role-arn", ROLE, "--role-session-name", "vendor-session",
        "--external-id", "s3cret-42").json();
    assertThat(assumed.get("AssumedRoleUser").get("Arn").asText())
        .isEqualTo("arn:aws:sts::" + TestServer.ACCOUNT_ID + ":assumed-role/vendor/vendor-session");

    // The trust policy names the account, which delegates to the account's own policies: a user
    // none of whose policies allows sts:AssumeRole is refused even with the right external id.
    AwsCli unprivileged = user("bystander", null);
    assertThat(unprivileged.run("sts", "assume-role", "--role-arn", ROLE, "--role-session-name", "vendor-session",
        "--external-id", "s3cret-42").errorCode()).isEqualTo("AccessDenied");
  }
}
