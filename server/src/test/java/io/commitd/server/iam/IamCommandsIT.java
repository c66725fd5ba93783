package io.commitd.server.iam;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.commitd.server.testing.AwsCli;
import io.commitd.server.testing.Sdk;
import io.commitd.server.testing.TestServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.codecommit.CodeCommitClient;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AccessKey;
import software.amazon.awssdk.services.iam.model.AccessKeyMetadata;
import software.amazon.awssdk.services.iam.model.AttachedPolicy;
import software.amazon.awssdk.services.iam.model.EncodingType;
import software.amazon.awssdk.services.iam.model.EvaluationResult;
import software.amazon.awssdk.services.iam.model.Policy;
import software.amazon.awssdk.services.iam.model.Role;
import software.amazon.awssdk.services.iam.model.ServiceSpecificCredential;
import software.amazon.awssdk.services.iam.model.SSHPublicKeyMetadata;
import software.amazon.awssdk.services.iam.model.StatusType;
import software.amazon.awssdk.services.iam.model.Tag;
import software.amazon.awssdk.services.iam.model.User;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.Credentials;

/**
 * The IAM and STS operations administrators use, each against commitd, with IAM's errors and
 * their HTTP statuses. Most go through the AWS SDK for Java v2, fast; one test drives the real
 * {@code aws} CLI, one process per command, through a representative few.
 */
class IamCommandsIT {
  static final String ACCOUNT = TestServer.ACCOUNT_ID;
  static final String READ_ONLY = "{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Allow\",\"Action\":[\"codecommit:Get*\",\"codecommit:List*\"],\"Resource\":\"*\"}}";
  static final String EVERYTHING = "{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"codecommit:*\",\"Resource\":\"*\"}}";
  static final String TRUST_ACCOUNT = "{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"arn:aws:iam::"
      + ACCOUNT + ":root\"},\"Action\":\"sts:AssumeRole\"}}";
  static final ObjectMapper JSON = new ObjectMapper();

  static TestServer server;
  static IamClient iam;
  static StsClient sts;

  @TempDir Path scratch;

  @BeforeAll
  static void start() {
    server = TestServer.start();
    Sdk root = server.rootSdk();
    iam = root.iam();
    sts = root.sts();
  }

  @AfterAll
  static void stop() {
    iam.close();
    sts.close();
    server.close();
  }

  /** The SDK signed with {@code key}. */
  static Sdk as(AccessKey key) {
    return new Sdk(server.endpoint(), key.accessKeyId(), key.secretAccessKey(), null);
  }

  /** A policy document as IAM returns it: URL-encoded JSON. */
  static JsonNode document(String urlEncoded) {
    try {
      return JSON.readTree(URLDecoder.decode(urlEncoded, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Asserts that {@code call} fails with AWS error {@code code} and HTTP {@code status}. */
  static void assertFails(String code, int status, ThrowingCallable call) {
    assertThatExceptionOfType(AwsServiceException.class).isThrownBy(call).satisfies(e -> {
      assertThat(e.awsErrorDetails().errorCode()).isEqualTo(code);
      assertThat(e.statusCode()).isEqualTo(status);
    });
  }

  static String policyArn(String name, String document) {
    return iam.createPolicy(r -> r.policyName(name).policyDocument(document)).policy().arn();
  }

  @Test
  void usersAndGroups() {
    User user = iam.createUser(r -> r.userName("alex").path("/engineering/").tags(Tag.builder().key("team").value("core").build())).user();
    assertThat(user.arn()).isEqualTo("arn:aws:iam::" + ACCOUNT + ":user/engineering/alex");
    assertThat(user.userId()).startsWith("AIDA");
    assertFails("EntityAlreadyExists", 409, () -> iam.createUser(r -> r.userName("alex")));
    assertThat(iam.getUser(r -> r.userName("alex")).user().tags().get(0).value()).isEqualTo("core");
    assertFails("NoSuchEntity", 404, () -> iam.getUser(r -> r.userName("nobody")));
    assertThat(iam.listUsers().users()).extracting(User::userName).contains("alex");

    iam.createGroup(r -> r.groupName("developers"));
    iam.addUserToGroup(r -> r.groupName("developers").userName("alex"));
    String groupRead = policyArn("group-read", READ_ONLY);
    iam.attachGroupPolicy(r -> r.groupName("developers").policyArn(groupRead));
    assertThat(iam.listAttachedGroupPolicies(r -> r.groupName("developers")).attachedPolicies())
        .extracting(AttachedPolicy::policyName).containsExactly("group-read");
    iam.putGroupPolicy(r -> r.groupName("developers").policyName("inline").policyDocument(READ_ONLY));
    assertThat(document(iam.getGroupPolicy(r -> r.groupName("developers").policyName("inline")).policyDocument())
        .get("Statement").get("Effect").asText()).isEqualTo("Allow");
    iam.deleteGroupPolicy(r -> r.groupName("developers").policyName("inline"));

    AccessKey key = iam.createAccessKey(r -> r.userName("alex")).accessKey();
    try (CodeCommitClient alex = as(key).codeCommit(); StsClient alexSts = as(key).sts()) {
      assertThat(alex.listRepositories(r -> {}).sdkHttpResponse().isSuccessful()).isTrue();
      assertThat(alexSts.getCallerIdentity(r -> {}).arn()).endsWith(":user/engineering/alex");

      assertFails("DeleteConflict", 409, () -> iam.deleteUser(r -> r.userName("alex")));
      iam.removeUserFromGroup(r -> r.groupName("developers").userName("alex"));
      iam.deleteAccessKey(r -> r.userName("alex").accessKeyId(key.accessKeyId()));
      iam.deleteUser(r -> r.userName("alex"));
      assertFails("UnrecognizedClientException", 403, () -> alex.listRepositories(r -> {}));
    }
  }

  @Test
  void managedPoliciesVersionsAndAttachments() {
    assertFails("MalformedPolicyDocument", 400,
        () -> iam.createPolicy(r -> r.policyName("broken").policyDocument("{\"Statement\": \"nope\"}")));
    Policy policy = iam.createPolicy(r -> r.policyName("repo-access").policyDocument(READ_ONLY).description("read repositories")).policy();
    String arn = policy.arn();
    assertThat(arn).isEqualTo("arn:aws:iam::" + ACCOUNT + ":policy/repo-access");
    assertThat(policy.defaultVersionId()).isEqualTo("v1");

    assertThat(iam.createPolicyVersion(r -> r.policyArn(arn).policyDocument(EVERYTHING).setAsDefault(true)).policyVersion().versionId())
        .isEqualTo("v2");
    assertThat(iam.getPolicy(r -> r.policyArn(arn)).policy().defaultVersionId()).isEqualTo("v2");
    assertThat(document(iam.getPolicyVersion(r -> r.policyArn(arn).versionId("v2")).policyVersion().document())
        .get("Statement").get("Action").asText()).isEqualTo("codecommit:*");
    assertFails("NoSuchEntity", 404, () -> iam.getPolicy(r -> r.policyArn("arn:aws:iam::" + ACCOUNT + ":policy/none")));

    iam.createUser(r -> r.userName("bob"));
    iam.attachUserPolicy(r -> r.userName("bob").policyArn(arn));
    assertThat(iam.listAttachedUserPolicies(r -> r.userName("bob")).attachedPolicies()).extracting(AttachedPolicy::policyArn)
        .containsExactly(arn);
    assertThat(iam.getPolicy(r -> r.policyArn(arn)).policy().attachmentCount()).isEqualTo(1);
    assertFails("DeleteConflict", 409, () -> iam.deletePolicy(r -> r.policyArn(arn)));
    iam.detachUserPolicy(r -> r.userName("bob").policyArn(arn));
    assertThat(iam.listAttachedUserPolicies(r -> r.userName("bob")).attachedPolicies()).isEmpty();

    iam.putUserPolicy(r -> r.userName("bob").policyName("inline").policyDocument(READ_ONLY));
    assertThat(iam.getUserPolicy(r -> r.userName("bob").policyName("inline")).policyName()).isEqualTo("inline");
    iam.deleteUserPolicy(r -> r.userName("bob").policyName("inline"));
    assertFails("NoSuchEntity", 404, () -> iam.getUserPolicy(r -> r.userName("bob").policyName("inline")));
  }

  @Test
  void rolesTagsAndPermissionsBoundaries() {
    Role role = iam.createRole(r -> r.roleName("deployer").assumeRolePolicyDocument(TRUST_ACCOUNT).description("deploys")).role();
    assertThat(role.roleId()).startsWith("AROA");
    assertThat(document(iam.getRole(r -> r.roleName("deployer")).role().assumeRolePolicyDocument())
        .get("Statement").get("Action").asText()).isEqualTo("sts:AssumeRole");
    assertFails("MalformedPolicyDocument", 400, () -> iam.createRole(r -> r.roleName("no-principal").assumeRolePolicyDocument(
        "{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"sts:AssumeRole\"}}")));

    iam.tagRole(r -> r.roleName("deployer").tags(Tag.builder().key("env").value("prod").build()));
    assertThat(iam.getRole(r -> r.roleName("deployer")).role().tags().get(0).key()).isEqualTo("env");
    String roleAll = policyArn("role-all", EVERYTHING);
    iam.attachRolePolicy(r -> r.roleName("deployer").policyArn(roleAll));
    iam.putRolePolicy(r -> r.roleName("deployer").policyName("inline").policyDocument(READ_ONLY));
    assertThat(iam.getRolePolicy(r -> r.roleName("deployer").policyName("inline")).roleName()).isEqualTo("deployer");
    assertThat(iam.listAttachedRolePolicies(r -> r.roleName("deployer")).attachedPolicies()).extracting(AttachedPolicy::policyName)
        .containsExactly("role-all");

    String boundary = policyArn("read-boundary", READ_ONLY);
    iam.putRolePermissionsBoundary(r -> r.roleName("deployer").permissionsBoundary(boundary));
    Credentials credentials = sts.assumeRole(r -> r.roleArn(role.arn()).roleSessionName("deploy-1")).credentials();
    try (CodeCommitClient deployer =
        new Sdk(server.endpoint(), credentials.accessKeyId(), credentials.secretAccessKey(), credentials.sessionToken()).codeCommit()) {
      assertThat(deployer.listRepositories(r -> {}).sdkHttpResponse().isSuccessful()).isTrue();
      assertFails("AccessDeniedException", 400, () -> deployer.createRepository(r -> r.repositoryName("bounded")));
    }

    iam.createUser(r -> r.userName("carol").tags(Tag.builder().key("team").value("core").build()));
    iam.tagUser(r -> r.userName("carol").tags(Tag.builder().key("level").value("senior").build()));
    iam.putUserPolicy(r -> r.userName("carol").policyName("all").policyDocument(EVERYTHING));
    iam.putUserPermissionsBoundary(r -> r.userName("carol").permissionsBoundary(boundary));
    AccessKey carolKey = iam.createAccessKey(r -> r.userName("carol")).accessKey();
    try (CodeCommitClient carol = as(carolKey).codeCommit()) {
      assertThat(carol.listRepositories(r -> {}).sdkHttpResponse().isSuccessful()).isTrue();
      assertFails("AccessDeniedException", 400, () -> carol.createRepository(r -> r.repositoryName("carols")));
    }

    assertThat(iam.simulatePrincipalPolicy(r -> r.policySourceArn("arn:aws:iam::" + ACCOUNT + ":user/carol")
            .actionNames("codecommit:GetRepository", "codecommit:DeleteRepository")).evaluationResults())
        .extracting(EvaluationResult::evalDecisionAsString).containsExactly("allowed", "implicitDeny");
  }

  @Test
  void accessKeysSshKeysAndGitCredentials() throws Exception {
    iam.createUser(r -> r.userName("dave"));
    AccessKey key = iam.createAccessKey(r -> r.userName("dave")).accessKey();
    iam.putUserPolicy(r -> r.userName("dave").policyName("all").policyDocument(EVERYTHING));
    assertThat(iam.listAccessKeys(r -> r.userName("dave")).accessKeyMetadata()).extracting(AccessKeyMetadata::statusAsString)
        .containsExactly("Active");
    try (CodeCommitClient dave = as(key).codeCommit()) {
      assertThat(dave.listRepositories(r -> {}).sdkHttpResponse().isSuccessful()).isTrue();
      iam.updateAccessKey(r -> r.userName("dave").accessKeyId(key.accessKeyId()).status(StatusType.INACTIVE));
      assertFails("UnrecognizedClientException", 403, () -> dave.listRepositories(r -> {}));
    }
    iam.createAccessKey(r -> r.userName("dave"));
    assertFails("LimitExceeded", 409, () -> iam.createAccessKey(r -> r.userName("dave")));

    Process keygen = new ProcessBuilder("ssh-keygen", "-q", "-t", "rsa", "-b", "2048", "-N", "", "-f", scratch.resolve("id").toString()).start();
    assertThat(keygen.waitFor()).isZero();
    String body = Files.readString(scratch.resolve("id.pub")).strip();
    String sshKeyId = iam.uploadSSHPublicKey(r -> r.userName("dave").sshPublicKeyBody(body)).sshPublicKey().sshPublicKeyId();
    assertFails("InvalidPublicKey", 400,
        () -> iam.uploadSSHPublicKey(r -> r.userName("dave").sshPublicKeyBody("ssh-rsa not-base64!")));
    assertThat(iam.listSSHPublicKeys(r -> r.userName("dave")).sshPublicKeys()).extracting(SSHPublicKeyMetadata::sshPublicKeyId)
        .containsExactly(sshKeyId);
    assertThat(iam.getSSHPublicKey(r -> r.userName("dave").sshPublicKeyId(sshKeyId).encoding(EncodingType.SSH))
        .sshPublicKey().sshPublicKeyBody()).isEqualTo(body);
    iam.updateSSHPublicKey(r -> r.userName("dave").sshPublicKeyId(sshKeyId).status(StatusType.INACTIVE));
    assertThat(iam.getSSHPublicKey(r -> r.userName("dave").sshPublicKeyId(sshKeyId).encoding(EncodingType.SSH))
        .sshPublicKey().statusAsString()).isEqualTo("Inactive");
    iam.deleteSSHPublicKey(r -> r.userName("dave").sshPublicKeyId(sshKeyId));
    assertThat(iam.listSSHPublicKeys(r -> r.userName("dave")).sshPublicKeys()).isEmpty();

    ServiceSpecificCredential credential = iam.createServiceSpecificCredential(r -> r.userName("dave")
        .serviceName("codecommit.amazonaws.com")).serviceSpecificCredential();
    String credentialId = credential.serviceSpecificCredentialId();
    assertThat(iam.listServiceSpecificCredentials(r -> r.userName("dave")).serviceSpecificCredentials().get(0).serviceUserName())
        .isEqualTo("dave-at-" + ACCOUNT);
    ServiceSpecificCredential reset = iam.resetServiceSpecificCredential(r -> r.userName("dave")
        .serviceSpecificCredentialId(credentialId)).serviceSpecificCredential();
    assertThat(reset.servicePassword()).isNotEqualTo(credential.servicePassword());
    iam.deleteServiceSpecificCredential(r -> r.userName("dave").serviceSpecificCredentialId(credentialId));
    assertThat(iam.listServiceSpecificCredentials(r -> r.userName("dave")).serviceSpecificCredentials()).isEmpty();
    assertFails("NotSupportedService", 404,
        () -> iam.createServiceSpecificCredential(r -> r.userName("dave").serviceName("s3.amazonaws.com")));
  }

  @Test
  void iamCallsAreAuthorizedLikeAnyOther() {
    iam.createUser(r -> r.userName("erin"));
    iam.putUserPolicy(r -> r.userName("erin").policyName("self").policyDocument(
        "{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Allow\",\"Action\":[\"iam:GetUser\",\"iam:ListAccessKeys\"],"
            + "\"Resource\":\"arn:aws:iam::*:user/${aws:username}\"}}"));
    AccessKey key = iam.createAccessKey(r -> r.userName("erin")).accessKey();
    try (IamClient erin = as(key).iam()) {
      assertThat(erin.getUser(r -> {}).user().userName()).isEqualTo("erin");
      assertThat(erin.listAccessKeys(r -> {}).sdkHttpResponse().isSuccessful()).isTrue();
      assertFails("AccessDenied", 403, () -> erin.createUser(r -> r.userName("mallory")));
      assertFails("AccessDenied", 403, () -> erin.getUser(r -> r.userName("dave")));
    }
  }

  /**
   * A handful of the same commands through the real {@code aws} CLI, which reads IAM's XML its own
   * way: a user under a path, a managed policy attached and an inline one put, an access key, and
   * an error as the CLI reports it. A policy scoped to the path lets its holder read the user.
   */
  @Test
  void theAwsCliCreatesAUserUnderAPathThatPathScopedPoliciesMatch() {
    AwsCli root = server.rootCli();
    JsonNode alice = root.run("iam", "create-user", "--user-name", "alice", "--path", "/engineering/").json().get("User");
    assertThat(alice.get("Arn").asText()).isEqualTo("arn:aws:iam::" + ACCOUNT + ":user/engineering/alice");
    assertThat(alice.get("Path").asText()).isEqualTo("/engineering/");
    assertThat(root.run("iam", "create-user", "--user-name", "alice").errorCode()).isEqualTo("EntityAlreadyExists");
    root.run("iam", "create-user", "--user-name", "frank").json();

    root.run("iam", "create-user", "--user-name", "grace").json();
    String engineeringReaders = root.run("iam", "create-policy", "--policy-name", "engineering-readers", "--policy-document",
        "{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"iam:GetUser\","
            + "\"Resource\":\"arn:aws:iam::" + ACCOUNT + ":user/engineering/*\"}}").json().get("Policy").get("Arn").asText();
    root.run("iam", "attach-user-policy", "--user-name", "grace", "--policy-arn", engineeringReaders).json();
    root.run("iam", "put-user-policy", "--user-name", "grace", "--policy-name", "own-attachments", "--policy-document",
        "{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"iam:ListAttachedUserPolicies\","
            + "\"Resource\":\"arn:aws:iam::" + ACCOUNT + ":user/grace\"}}").json();
    JsonNode key = root.run("iam", "create-access-key", "--user-name", "grace").json().get("AccessKey");
    AwsCli grace = root.as(key.get("AccessKeyId").asText(), key.get("SecretAccessKey").asText(), null);

    assertThat(grace.run("iam", "list-attached-user-policies", "--user-name", "grace").json().get("AttachedPolicies")
        .get(0).get("PolicyArn").asText()).isEqualTo(engineeringReaders);
    assertThat(grace.run("iam", "get-user", "--user-name", "alice").json().get("User").get("Arn").asText())
        .isEqualTo("arn:aws:iam::" + ACCOUNT + ":user/engineering/alice");
    AwsCli.Result outsideThePath = grace.run("iam", "get-user", "--user-name", "frank");
    assertThat(outsideThePath.errorCode()).isEqualTo("AccessDenied");
    assertThat(outsideThePath.stderr()).contains("arn:aws:iam::" + ACCOUNT + ":user/frank");
  }
}
