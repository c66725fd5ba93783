package io.commitd.server.iam;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.commitd.server.testing.AwsCli;
import io.commitd.server.testing.TestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The aws iam and aws sts commands administrators use, each against commitd, with IAM's errors. */
class IamCommandsIT {
  static final String READ_ONLY = "{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Allow\",\"Action\":[\"codecommit:Get*\",\"codecommit:List*\"],\"Resource\":\"*\"}}";
  static final String EVERYTHING = "{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"codecommit:*\",\"Resource\":\"*\"}}";
  static final String TRUST_ACCOUNT = "{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"arn:aws:iam::"
      + TestServer.ACCOUNT_ID + ":root\"},\"Action\":\"sts:AssumeRole\"}}";

  static TestServer server;
  static AwsCli iam;

  @TempDir Path scratch;

  @BeforeAll
  static void start() {
    server = TestServer.start();
    iam = server.rootCli();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  static List<String> names(JsonNode list, String field) {
    List<String> names = new ArrayList<>();
    list.forEach(item -> names.add(item.get(field).asText()));
    return names;
  }

  @Test
  void usersAndGroups() {
    JsonNode user = iam.run("iam", "create-user", "--user-name", "alice", "--path", "/engineering/", "--tags", "Key=team,Value=core").json().get("User");
    assertThat(user.get("Arn").asText()).isEqualTo("arn:aws:iam::" + TestServer.ACCOUNT_ID + ":user/engineering/alice");
    assertThat(user.get("UserId").asText()).startsWith("AIDA");
    assertThat(iam.run("iam", "create-user", "--user-name", "alice").errorCode()).isEqualTo("EntityAlreadyExists");
    assertThat(iam.run("iam", "get-user", "--user-name", "alice").json().get("User").get("Tags").get(0).get("Value").asText()).isEqualTo("core");
    assertThat(iam.run("iam", "get-user", "--user-name", "nobody").errorCode()).isEqualTo("NoSuchEntity");
    assertThat(names(iam.run("iam", "list-users").json().get("Users"), "UserName")).contains("alice");

    iam.run("iam", "create-group", "--group-name", "developers").json();
    iam.run("iam", "add-user-to-group", "--group-name", "developers", "--user-name", "alice").json();
    iam.run("iam", "attach-group-policy", "--group-name", "developers", "--policy-arn",
        iam.run("iam", "create-policy", "--policy-name", "group-read", "--policy-document", READ_ONLY).json().get("Policy").get("Arn").asText()).json();
    assertThat(names(iam.run("iam", "list-attached-group-policies", "--group-name", "developers").json().get("AttachedPolicies"), "PolicyName"))
        .containsExactly("group-read");
    iam.run("iam", "put-group-policy", "--group-name", "developers", "--policy-name", "inline", "--policy-document", READ_ONLY).json();
    assertThat(iam.run("iam", "get-group-policy", "--group-name", "developers", "--policy-name", "inline").json()
        .get("PolicyDocument").get("Statement").get("Effect").asText()).isEqualTo("Allow");
    iam.run("iam", "delete-group-policy", "--group-name", "developers", "--policy-name", "inline").json();

    JsonNode key = iam.run("iam", "create-access-key", "--user-name", "alice").json().get("AccessKey");
    AwsCli alice = iam.as(key.get("AccessKeyId").asText(), key.get("SecretAccessKey").asText(), null);
    assertThat(alice.run("codecommit", "list-repositories").succeeded()).isTrue();
    assertThat(alice.run("sts", "get-caller-identity").json().get("Arn").asText()).endsWith(":user/engineering/alice");

    assertThat(iam.run("iam", "delete-user", "--user-name", "alice").errorCode()).isEqualTo("DeleteConflict");
    iam.run("iam", "remove-user-from-group", "--group-name", "developers", "--user-name", "alice").json();
    iam.run("iam", "delete-access-key", "--user-name", "alice", "--access-key-id", key.get("AccessKeyId").asText()).json();
    iam.run("iam", "delete-user", "--user-name", "alice").json();
    assertThat(alice.run("codecommit", "list-repositories").errorCode()).isEqualTo("UnrecognizedClientException");
  }

  @Test
  void managedPoliciesVersionsAndAttachments() {
    assertThat(iam.run("iam", "create-policy", "--policy-name", "broken", "--policy-document", "{\"Statement\": \"nope\"}").errorCode())
        .isEqualTo("MalformedPolicyDocument");
    JsonNode policy = iam.run("iam", "create-policy", "--policy-name", "repo-access", "--policy-document", READ_ONLY,
        "--description", "read repositories").json().get("Policy");
    String arn = policy.get("Arn").asText();
    assertThat(arn).isEqualTo("arn:aws:iam::" + TestServer.ACCOUNT_ID + ":policy/repo-access");
    assertThat(policy.get("DefaultVersionId").asText()).isEqualTo("v1");

    JsonNode version = iam.run("iam", "create-policy-version", "--policy-arn", arn, "--policy-document", EVERYTHING, "--set-as-default").json();
    assertThat(version.get("PolicyVersion").get("VersionId").asText()).isEqualTo("v2");
    assertThat(iam.run("iam", "get-policy", "--policy-arn", arn).json().get("Policy").get("DefaultVersionId").asText()).isEqualTo("v2");
    assertThat(iam.run("iam", "get-policy-version", "--policy-arn", arn, "--version-id", "v2").json()
        .get("PolicyVersion").get("Document").get("Statement").get("Action").asText()).isEqualTo("codecommit:*");
    assertThat(iam.run("iam", "get-policy", "--policy-arn", "arn:aws:iam::" + TestServer.ACCOUNT_ID + ":policy/none").errorCode())
        .isEqualTo("NoSuchEntity");

    iam.run("iam", "create-user", "--user-name", "bob").json();
    iam.run("iam", "attach-user-policy", "--user-name", "bob", "--policy-arn", arn).json();
    assertThat(names(iam.run("iam", "list-attached-user-policies", "--user-name", "bob").json().get("AttachedPolicies"), "PolicyArn"))
        .containsExactly(arn);
    assertThat(iam.run("iam", "get-policy", "--policy-arn", arn).json().get("Policy").get("AttachmentCount").asInt()).isEqualTo(1);
    assertThat(iam.run("iam", "delete-policy", "--policy-arn", arn).errorCode()).isEqualTo("DeleteConflict");
    iam.run("iam", "detach-user-policy", "--user-name", "bob", "--policy-arn", arn).json();
    assertThat(iam.run("iam", "list-attached-user-policies", "--user-name", "bob").json().get("AttachedPolicies")).isEmpty();

    iam.run("iam", "put-user-policy", "--user-name", "bob", "--policy-name", "inline", "--policy-document", READ_ONLY).json();
    assertThat(iam.run("iam", "get-user-policy", "--user-name", "bob", "--policy-name", "inline").json().get("PolicyName").asText())
        .isEqualTo("inline");
    iam.run("iam", "delete-user-policy", "--user-name", "bob", "--policy-name", "inline").json();
    assertThat(iam.run("iam", "get-user-policy", "--user-name", "bob", "--policy-name", "inline").errorCode()).isEqualTo("NoSuchEntity");
  }

  @Test
  void rolesTagsAndPermissionsBoundaries() {
    JsonNode role = iam.run("iam", "create-role", "--role-name", "deployer", "--assume-role-policy-document", TRUST_ACCOUNT,
        "--description", "deploys").json().get("Role");
    assertThat(role.get("RoleId").asText()).startsWith("AROA");
    assertThat(iam.run("iam", "get-role", "--role-name", "deployer").json().get("Role").get("AssumeRolePolicyDocument")
        .get("Statement").get("Action").asText()).isEqualTo("sts:AssumeRole");
    assertThat(iam.run("iam", "create-role", "--role-name", "no-principal", "--assume-role-policy-document",
        "{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"sts:AssumeRole\"}}").errorCode())
        .isEqualTo("MalformedPolicyDocument");

    iam.run("iam", "tag-role", "--role-name", "deployer", "--tags", "Key=env,Value=prod").json();
    assertThat(iam.run("iam", "get-role", "--role-name", "deployer").json().get("Role").get("Tags").get(0).get("Key").asText()).isEqualTo("env");
    String policyArn = iam.run("iam", "create-policy", "--policy-name", "role-all", "--policy-document", EVERYTHING).json().get("Policy").get("Arn").asText();
    iam.run("iam", "attach-role-policy", "--role-name", "deployer", "--policy-arn", policyArn).json();
    iam.run("iam", "put-role-policy", "--role-name", "deployer", "--policy-name", "inline", "--policy-document", READ_ONLY).json();
    assertThat(iam.run("iam", "get-role-policy", "--role-name", "deployer", "--policy-name", "inline").json().get("RoleName").asText())
        .isEqualTo("deployer");
    assertThat(names(iam.run("iam", "list-attached-role-policies", "--role-name", "deployer").json().get("AttachedPolicies"), "PolicyName"))
        .containsExactly("role-all");

    String boundary = iam.run("iam", "create-policy", "--policy-name", "read-boundary", "--policy-document", READ_ONLY).json()
        .get("Policy").get("Arn").asText();
    iam.run("iam", "put-role-permissions-boundary", "--role-name", "deployer", "--permissions-boundary", boundary).json();
    JsonNode assumed = iam.run("sts", "assume-role", "--role-arn", role.get("Arn").asText(), "--role-session-name", "deploy-1").json();
    JsonNode credentials = assumed.get("Credentials");
    AwsCli deployer = iam.as(credentials.get("AccessKeyId").asText(), credentials.get("SecretAccessKey").asText(),
        credentials.get("SessionToken").asText());
    assertThat(deployer.run("codecommit", "list-repositories").succeeded()).isTrue();
    assertThat(deployer.run("codecommit", "create-repository", "--repository-name", "bounded").errorCode()).isEqualTo("AccessDeniedException");

    iam.run("iam", "create-user", "--user-name", "carol", "--tags", "Key=team,Value=core").json();
    iam.run("iam", "tag-user", "--user-name", "carol", "--tags", "Key=level,Value=senior").json();
    iam.run("iam", "put-user-policy", "--user-name", "carol", "--policy-name", "all", "--policy-document", EVERYTHING).json();
    iam.run("iam", "put-user-permissions-boundary", "--user-name", "carol", "--permissions-boundary", boundary).json();
    JsonNode carolKey = iam.run("iam", "create-access-key", "--user-name", "carol").json().get("AccessKey");
    AwsCli carol = iam.as(carolKey.get("AccessKeyId").asText(), carolKey.get("SecretAccessKey").asText(), null);
    assertThat(carol.run("codecommit", "list-repositories").succeeded()).isTrue();
    assertThat(carol.run("codecommit", "create-repository", "--repository-name", "carols").errorCode()).isEqualTo("AccessDeniedException");

    JsonNode simulated = iam.run("iam", "simulate-principal-policy", "--policy-source-arn",
        "arn:aws:iam::" + TestServer.ACCOUNT_ID + ":user/carol", "--action-names", "codecommit:GetRepository", "codecommit:DeleteRepository").json();
    assertThat(names(simulated.get("EvaluationResults"), "EvalDecision")).containsExactly("allowed", "implicitDeny");
  }

  @Test
  void accessKeysSshKeysAndGitCredentials() throws Exception {
    iam.run("iam", "create-user", "--user-name", "dave").json();
    JsonNode key = iam.run("iam", "create-access-key", "--user-name", "dave").json().get("AccessKey");
    String keyId = key.get("AccessKeyId").asText();
    iam.run("iam", "put-user-policy", "--user-name", "dave", "--policy-name", "all", "--policy-document", EVERYTHING).json();
    AwsCli dave = iam.as(keyId, key.get("SecretAccessKey").asText(), null);
    assertThat(names(iam.run("iam", "list-access-keys", "--user-name", "dave").json().get("AccessKeyMetadata"), "Status")).containsExactly("Active");
    assertThat(dave.run("codecommit", "list-repositories").succeeded()).isTrue();
    iam.run("iam", "update-access-key", "--user-name", "dave", "--access-key-id", keyId, "--status", "Inactive").json();
    assertThat(dave.run("codecommit", "list-repositories").errorCode()).isEqualTo("UnrecognizedClientException");
    iam.run("iam", "create-access-key", "--user-name", "dave").json();
    assertThat(iam.run("iam", "create-access-key", "--user-name", "dave").errorCode()).isEqualTo("LimitExceeded");

    Process keygen = new ProcessBuilder("ssh-keygen", "-q", "-t", "rsa", "-b", "2048", "-N", "", "-f", scratch.resolve("id").toString()).start();
    assertThat(keygen.waitFor()).isZero();
    String body = Files.readString(scratch.resolve("id.pub")).strip();
    String sshKeyId = iam.run("iam", "upload-ssh-public-key", "--user-name", "dave", "--ssh-public-key-body", body).json()
        .get("SSHPublicKey").get("SSHPublicKeyId").asText();
    assertThat(iam.run("iam", "upload-ssh-public-key", "--user-name", "dave", "--ssh-public-key-body", "ssh-rsa not-base64!").errorCode())
        .isEqualTo("InvalidPublicKey");
    assertThat(names(iam.run("iam", "list-ssh-public-keys", "--user-name", "dave").json().get("SSHPublicKeys"), "SSHPublicKeyId"))
        .containsExactly(sshKeyId);
    assertThat(iam.run("iam", "get-ssh-public-key", "--user-name", "dave", "--ssh-public-key-id", sshKeyId, "--encoding", "SSH").json()
        .get("SSHPublicKey").get("SSHPublicKeyBody").asText()).isEqualTo(body);
    iam.run("iam", "update-ssh-public-key", "--user-name", "dave", "--ssh-public-key-id", sshKeyId, "--status", "Inactive").json();
    assertThat(iam.run("iam", "get-ssh-public-key", "--user-name", "dave", "--ssh-public-key-id", sshKeyId, "--encoding", "SSH").json()
        .get("SSHPublicKey").get("Status").asText()).isEqualTo("Inactive");
    iam.run("iam", "delete-ssh-public-key", "--user-name", "dave", "--ssh-public-key-id", sshKeyId).json();
    assertThat(iam.run("iam", "list-ssh-public-keys", "--user-name", "dave").json().get("SSHPublicKeys")).isEmpty();

    JsonNode credential = iam.run("iam", "create-service-specific-credential", "--user-name", "dave", "--service-name",
        "codecommit.amazonaws.com").json().get("ServiceSpecificCredential");
    String credentialId = credential.get("ServiceSpecificCredentialId").asText();
    assertThat(iam.run("iam", "list-service-specific-credentials", "--user-name", "dave").json().get("ServiceSpecificCredentials")
        .get(0).get("ServiceUserName").asText()).isEqualTo("dave-at-" + TestServer.ACCOUNT_ID);
    JsonNode reset = iam.run("iam", "reset-service-specific-credential", "--user-name", "dave", "--service-specific-credential-id", credentialId)
        .json().get("ServiceSpecificCredential");
    assertThat(reset.get("ServicePassword").asText()).isNotEqualTo(credential.get("ServicePassword").asText());
    iam.run("iam", "delete-service-specific-credential", "--user-name", "dave", "--service-specific-credential-id", credentialId).json();
    assertThat(iam.run("iam", "list-service-specific-credentials", "--user-name", "dave").json().get("ServiceSpecificCredentials")).isEmpty();
    assertThat(iam.run("iam", "create-service-specific-credential", "--user-name", "dave", "--service-name", "s3.amazonaws.com").errorCode())
        .isEqualTo("NotSupportedService");
  }

  @Test
  void iamCallsAreAuthorizedLikeAnyOther() {
    iam.run("iam", "create-user", "--user-name", "erin").json();
    iam.run("iam", "put-user-policy", "--user-name", "erin", "--policy-name", "self", "--policy-document",
        "{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Allow\",\"Action\":[\"iam:GetUser\",\"iam:ListAccessKeys\"],"
            + "\"Resource\":\"arn:aws:iam::*:user/${aws:username}\"}}").json();
    JsonNode key = iam.run("iam", "create-access-key", "--user-name", "erin").json().get("AccessKey");
    AwsCli erin = iam.as(key.get("AccessKeyId").asText(), key.get("SecretAccessKey").asText(), null);
    assertThat(erin.run("iam", "get-user").json().get("User").get("UserName").asText()).isEqualTo("erin");
    assertThat(erin.run("iam", "list-access-keys").succeeded()).isTrue();
    assertThat(erin.run("iam", "create-user", "--user-name", "mallory").errorCode()).isEqualTo("AccessDenied");
    assertThat(erin.run("iam", "get-user", "--user-name", "dave").errorCode()).isEqualTo("AccessDenied");
  }
}
