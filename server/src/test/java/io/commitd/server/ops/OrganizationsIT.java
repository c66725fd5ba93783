package io.commitd.server.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.commitd.server.Main;
import io.commitd.server.testing.AwsCli;
import io.commitd.server.testing.TestServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** {@code aws organizations create-account} gives a new account whose root works on its own repositories. */
class OrganizationsIT {

  @Test
  void aCreatedAccountsRootCreatesItsOwnRepositories() throws Exception {
    try (TestServer server = TestServer.start()) {
      AwsCli management = server.rootCli();
      JsonNode status = management.run("organizations", "create-account", "--email", "team@example.com",
          "--account-name", "team").json().get("CreateAccountStatus");
      assertThat(status.get("State").asText()).isEqualTo("SUCCEEDED");
      String accountId = status.get("AccountId").asText();
      assertThat(accountId).matches("\\d{12}").isNotEqualTo(TestServer.ACCOUNT_ID);
      assertThat(management.run("organizations", "describe-create-account-status", "--create-account-request-id",
          status.get("Id").asText()).json().get("CreateAccountStatus").get("AccountId").asText()).isEqualTo(accountId);
      JsonNode account = management.run("organizations", "describe-account", "--account-id", accountId).json().get("Account");
      assertThat(account.get("Name").asText()).isEqualTo("team");
      assertThat(account.get("Email").asText()).isEqualTo("team@example.com");
      assertThat(account.get("Status").asText()).isEqualTo("ACTIVE");
      assertThat(management.run("organizations", "list-accounts").json().get("Accounts"))
          .extracting(a -> a.get("Id").asText()).containsExactly(TestServer.ACCOUNT_ID, accountId);
      assertThat(management.run("organizations", "describe-account", "--account-id", "999999999999").errorCode())
          .isEqualTo("AccountNotFoundException");

      // The hand-over: a private file in the data directory, and the operator command that prints it.
      Path file = server.dataDir().resolve("accounts").resolve(accountId).resolve("root-credentials");
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
      String printed = runMain("accounts", "root-credentials", accountId, "--data-dir", server.dataDir().toString());
      assertThat(printed).isEqualTo(Files.readString(file));
      Properties credentials = new Properties();
      credentials.load(new StringReader(printed));

      AwsCli newRoot = management.as(credentials.getProperty("aws_access_key_id").trim(),
          credentials.getProperty("aws_secret_access_key").trim(), null);
      JsonNode repository = newRoot.run("codecommit", "create-repository", "--repository-name", "own").json()
          .get("repositoryMetadata");
      assertThat(repository.get("accountId").asText()).isEqualTo(accountId);
      assertThat(repository.get("Arn").asText()).isEqualTo("arn:aws:codecommit:us-east-1:" + accountId + ":own");
      assertThat(newRoot.run("sts", "get-caller-identity").json().get("Arn").asText())
          .isEqualTo("arn:aws:iam::" + accountId + ":root");
      // The account is its own: the management account's repositories are not its, and it manages no organization.
      assertThat(management.run("codecommit", "get-repository", "--repository-name", "own").errorCode())
          .isEqualTo("RepositoryDoesNotExistException");
      assertThat(newRoot.run("organizations", "list-accounts").errorCode()).isEqualTo("AWSOrganizationsNotInUseException");
    }
  }

  private static String runMain(String... args) {
    PrintStream original = System.out;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    try {
      assertThat(Main.run(args)).isZero();
    } finally {
      System.setOut(original);
    }
    return out.toString(StandardCharsets.UTF_8);
  }
}
