package io.commitd.server.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.commitd.server.testing.AwsCli;
import io.commitd.server.testing.Git;
import io.commitd.server.testing.TestServer;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** CodeCommit's AWS managed policies, attached and read with the real CLI and used with real git. */
class AwsManagedPoliciesIT {
  static final String READ_ONLY = "arn:aws:iam::aws:policy/AWSCodeCommitReadOnly";
  static TestServer server;
  static AwsCli admin;

  @TempDir Path scratch;

  @BeforeAll
  static void start() {
    server = TestServer.start();
    admin = server.rootCli();
    admin.run("codecommit", "create-repository", "--repository-name", "shared").json();
    admin.run("codecommit", "put-file", "--repository-name", "shared", "--branch-name", "main",
        "--file-path", "README.md", "--file-content", "hello").json();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void theAwsPoliciesAreListedAndReadable() {
    List<String> aws = names(admin.run("iam", "list-policies", "--scope", "AWS").json());
    assertThat(aws).containsExactlyInAnyOrder("AWSCodeCommitFullAccess", "AWSCodeCommitPowerUser", "AWSCodeCommitReadOnly");
    admin.run("iam", "create-policy", "--policy-name", "mine", "--policy-document",
        "{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"codecommit:Get*\",\"Resource\":\"*\"}}").json();
    assertThat(names(admin.run("iam", "list-policies", "--scope", "Local").json())).containsExactly("mine");
    assertThat(names(admin.run("iam", "list-policies").json())).hasSize(4);

    JsonNode policy = admin.run("iam", "get-policy", "--policy-arn", READ_ONLY).json().get("Policy");
    assertThat(policy.get("Arn").asText()).isEqualTo(READ_ONLY);
    assertThat(policy.get("IsAttachable").asBoolean()).isTrue();
    JsonNode version = admin.run("iam", "get-policy-version", "--policy-arn", READ_ONLY,
        "--version-id", policy.get("DefaultVersionId").asText()).json().get("PolicyVersion");
    String document = version.get("Document").isTextual()
        ? URLDecoder.decode(version.get("Document").asText(), StandardCharsets.UTF_8) : version.get("Document").toString();
    assertThat(document).contains("codecommit:GitPull").doesNotContain("codecommit:GitPush");

    AwsCli.Result unknown = admin.run("iam", "get-policy", "--policy-arn", "arn:aws:iam::aws:policy/NoSuchPolicy");
    assertThat(unknown.errorCode()).isEqualTo("NoSuchEntity");
    assertThat(admin.run("iam", "delete-policy", "--policy-arn", READ_ONLY).errorCode()).isEqualTo("AccessDenied");
  }

  @Test
  void aReadOnlyUserClonesAndReadsButNeverWrites() {
    admin.run("iam", "create-user", "--user-name", "reader").json();
    admin.run("iam", "attach-user-policy", "--user-name", "reader", "--policy-arn", READ_ONLY).json();
    assertThat(admin.run("iam", "list-attached-user-policies", "--user-name", "reader").json()
        .get("AttachedPolicies").get(0).get("PolicyArn").asText()).isEqualTo(READ_ONLY);
    JsonNode key = admin.run("iam", "create-access-key", "--user-name", "reader").json().get("AccessKey");
    AwsCli reader = admin.as(key.get("AccessKeyId").asText(), key.get("SecretAccessKey").asText(), null);

    JsonNode file = reader.run("codecommit", "get-file", "--repository-name", "shared", "--file-path", "README.md").json();
    assertThat(file.get("filePath").asText()).isEqualTo("README.md");
    assertThat(reader.run("codecommit", "put-file", "--repository-name", "shared", "--branch-name", "main",
        "--file-path", "x.txt", "--file-content", "no", "--parent-commit-id", file.get("commitId").asText()).errorCode())
        .isEqualTo("AccessDeniedException");

    Git git = Git.withCredentialHelper(scratch, reader);
    git.ok(scratch, "clone", "-q", server.endpoint() + "/v1/repos/shared", "work");
    Path work = scratch.resolve("work");
    assertThat(work.resolve("README.md")).hasContent("hello");
    git.commitFile(work, "change.txt", "change", "a change");
    Git.Result push = git.run(work, "push", "origin", "HEAD:main");
    assertThat(push.exitCode()).isNotZero();
    assertThat(push.stderr()).contains("codecommit:GitPush");
  }

  private static List<String> names(JsonNode listing) {
    List<String> names = new ArrayList<>();
    listing.get("Policies").forEach(p -> names.add(p.get("PolicyName").asText()));
    return names;
  }
}
