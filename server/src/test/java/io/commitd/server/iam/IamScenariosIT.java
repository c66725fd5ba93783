package io.commitd.server.iam;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.commitd.iam.identity.Totp;
import io.commitd.server.testing.AwsCli;
import io.commitd.server.testing.TestServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The classic CodeCommit access setups, end to end with the real aws CLI only: an administrator
 * (the account's root) manages identities with aws iam / aws sts, and the identities then use
 * aws codecommit.
 */
class IamScenariosIT {
  static TestServer server;
  static AwsCli admin;

  @TempDir Path scratch;

  @BeforeAll
  static void start() {
    server = TestServer.start();
    admin = server.rootCli();
    admin.run("codecommit", "create-repository", "--repository-name", "app").json();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  /** A new IAM user with an inline policy and an access key; the CLI signed as that user. */
  static AwsCli userWithPolicy(String userName, String policy) {
    admin.run("iam", "create-user", "--user-name", userName).json();
    admin.run("iam", "put-user-policy", "--user-name", userName, "--policy-name", "access", "--policy-document", policy).json();
    JsonNode key = admin.run("iam", "create-access-key", "--user-name", userName).json().get("AccessKey");
    return admin.as(key.get("AccessKeyId").asText(), key.get("SecretAccessKey").asText(), null);
  }

  static final String DEVELOPER_POLICY = """
      {"Version": "2012-10-17", "Statement": [
        {"Effect": "Allow", "Action": ["codecommit:Get*", "codecommit:List*", "codecommit:BatchGet*", "codecommit:GitPull"], "Resource": "*"},
        {"Effect": "Allow", "Action": ["codecommit:GitPush", "codecommit:CreateBranch", "codecommit:PutFile"], "Resource": "*",
         "Condition": {"ForAllValues:StringLike": {"codecommit:References": ["refs/heads/feature/*", "refs/heads/bugfix/*", "refs/heads/hotfix/*"]},
                       "Null": {"codecommit:References": "false"}}}]}""";

  @Test
  void aDeveloperReadsEverythingAndDeletesNothing() {
    AwsCli developer = userWithPolicy("developer", DEVELOPER_POLICY);

    JsonNode repository = developer.run("codecommit", "get-repository", "--repository-name", "app").json();
    assertThat(repository.get("repositoryMetadata").get("repositoryName").asText()).isEqualTo("app");
    assertThat(developer.run("codecommit", "list-repositories").succeeded()).isTrue();

    AwsCli.Result delete = developer.run("codecommit", "delete-repository", "--repository-name", "app");
    assertThat(delete.errorCode()).isEqualTo("AccessDeniedException");
    assertThat(delete.stderr()).contains("User: arn:aws:iam::" + TestServer.ACCOUNT_ID + ":user/developer is not authorized to perform: "
        + "codecommit:DeleteRepository on resource: arn:aws:codecommit:us-east-1:" + TestServer.ACCOUNT_ID + ":app");
    assertThat(developer.run("codecommit", "create-repository", "--repository-name", "mine").errorCode()).isEqualTo("AccessDeniedException");
    assertThat(admin.run("codecommit", "get-repository", "--repository-name", "app").succeeded()).isTrue();
  }

  @Test
  void anAllowListOfSourceAddresses() {
    AwsCli office = userWithPolicy("office-worker", """
        {"Version": "2012-10-17", "Statement": [
          {"Effect": "Allow", "Action": "codecommit:*", "Resource": "*"},
          {"Effect": "Deny", "Action": "codecommit:*", "Resource": "*", "Condition": {"NotIpAddress": {"aws:SourceIp": ["127.0.0.0/8", "::1/128"]}}}]}""");
    AwsCli remote = userWithPolicy("remote-worker", """
        {"Version": "2012-10-17", "Statement": [
          {"Effect": "Allow", "Action": "codecommit:*", "Resource": "*"},
          {"Effect": "Deny", "Action": "codecommit:*", "Resource": "*", "Condition": {"NotIpAddress": {"aws:SourceIp": "10.0.0.0/8"}}}]}""");

    assertThat(office.run("codecommit", "get-repository", "--repository-name", "app").succeeded()).isTrue();
    assertThat(remote.run("codecommit", "get-repository", "--repository-name", "app").errorCode()).isEqualTo("AccessDeniedException");
  }

  @Test
  void mfaIsRequiredAndASessionFromATotpCodeSatisfiesIt() throws Exception {
    AwsCli user = userWithPolicy("careful", """
        {"Version": "2012-10-17", "Statement": [
          {"Effect": "Allow", "Action": ["codecommit:*", "sts:GetSessionToken"], "Resource": "*"},
          {"Effect": "Deny", "Action": "codecommit:*", "Resource": "*", "Condition": {"BoolIfExists": {"aws:MultiFactorAuthPresent": "false"}}}]}""");
    Path seedFile = scratch.resolve("seed.txt");
    JsonNode device = admin.run("iam", "create-virtual-mfa-device", "--virtual-mfa-device-name", "careful-phone",
        "--outfile", seedFile.toString(), "--bootstrap-method", "Base32StringSeed").json().get("VirtualMFADevice");
    String serial = device.get("SerialNumber").asText();
    String seed = Files.readString(seedFile, StandardCharsets.US_ASCII).trim();
    Instant now = Instant.now();
    admin.run("iam", "enable-mfa-device", "--user-name", "careful", "--serial-number", serial,
        "--authentication-code1", Totp.code(seed, now.minusSeconds(30)), "--authentication-code2", Totp.code(seed, now)).json();
    assertThat(admin.run("iam", "list-mfa-devices", "--user-name", "careful").json().get("MFADevices").get(0)
        .get("SerialNumber").asText()).isEqualTo(serial);

    assertThat(user.run("codecommit", "get-repository", "--repository-name", "app").errorCode()).isEqualTo("AccessDeniedException");
    assertThat(user.run("sts", "get-session-token", "--serial-number", serial, "--token-code", "000000").errorCode())
        .isEqualTo("AccessDenied");

    JsonNode credentials = user.run("sts", "get-session-token", "--serial-number", serial, "--token-code", Totp.code(seed, Instant.now()))
        .json().get("Credentials");
    AwsCli withMfa = user.as(credentials.get("AccessKeyId").asText(), credentials.get("SecretAccessKey").asText(),
        credentials.get("SessionToken").asText());
    assertThat(withMfa.run("codecommit", "get-repository", "--repository-name", "app").succeeded()).isTrue();

    JsonNode plainSession = user.run("sts", "get-session-token").json().get("Credentials");
    AwsCli withoutMfa = user.as(plainSession.get("AccessKeyId").asText(), plainSession.get("SecretAccessKey").asText(),
        plainSession.get("SessionToken").asText());
    assertThat(withoutMfa.run("codecommit", "get-repository", "--repository-name", "app").errorCode()).isEqualTo("AccessDeniedException");
  }

  @Test
  void aPartnerAccountAssumesARoleWithItsExternalId() {
    var partnerRoot = server.server().identity().accounts().createWithRootKey("444455556666", Instant.now());
    AwsCli partner = admin.as(partnerRoot.key().accessKeyId(), partnerRoot.secret(), null);
    assertThat(partner.run("sts", "get-caller-identity").json().get("Account").asText()).isEqualTo("444455556666");
    assertThat(partner.run("codecommit", "get-repository", "--repository-name", "app").errorCode())
        .isEqualTo("RepositoryDoesNotExistException");

    String roleArn = admin.run("iam", "create-role", "--role-name", "partner-readonly", "--assume-role-policy-document", """
        {"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::444455556666:root"},
         "Action": "sts:AssumeRole", "Condition": {"StringEquals": {"sts:ExternalId": "partner-42"}}}}""")
        .json().get("Role").get("Arn").asText();
    admin.run("iam", "put-role-policy", "--role-name", "partner-readonly", "--policy-name", "read", "--policy-document",
        "{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Allow\",\"Action\":[\"codecommit:Get*\",\"codecommit:GitPull\"],\"Resource\":\"*\"}}").json();

    assertThat(partner.run("sts", "assume-role", "--role-arn", roleArn, "--role-session-name", "ci").errorCode()).isEqualTo("AccessDenied");
    assertThat(partner.run("sts", "assume-role", "--role-arn", roleArn, "--role-session-name", "ci", "--external-id", "wrong").errorCode())
        .isEqualTo("AccessDenied");

    JsonNode assumed = partner.run("sts", "assume-role", "--role-arn", roleArn, "--role-session-name", "ci", "--external-id", "partner-42").json();
    assertThat(assumed.get("AssumedRoleUser").get("Arn").asText())
        .isEqualTo("arn:aws:sts::" + TestServer.ACCOUNT_ID + ":assumed-role/partner-readonly/ci");
    JsonNode credentials = assumed.get("Credentials");
    AwsCli asRole = partner.as(credentials.get("AccessKeyId").asText(), credentials.get("SecretAccessKey").asText(),
        credentials.get("SessionToken").asText());
    assertThat(asRole.run("sts", "get-caller-identity").json().get("Arn").asText())
        .isEqualTo("arn:aws:sts::" + TestServer.ACCOUNT_ID + ":assumed-role/partner-readonly/ci");
    assertThat(asRole.run("codecommit", "get-repository", "--repository-name", "app").succeeded()).isTrue();
    assertThat(asRole.run("codecommit", "delete-repository", "--repository-name", "app").errorCode()).isEqualTo("AccessDeniedException");
  }
}
