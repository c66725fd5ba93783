package io.commitd.server.codecommit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.commitd.server.config.OperationsConfig;
import io.commitd.server.testing.AwsCli;
import io.commitd.server.testing.TestServer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.codecommit.CodeCommitClient;
import software.amazon.awssdk.services.codecommit.model.CodeCommitException;
import software.amazon.awssdk.services.codecommit.model.CreateRepositoryResponse;
import software.amazon.awssdk.services.codecommit.model.OrderEnum;
import software.amazon.awssdk.services.codecommit.model.RepositoryDoesNotExistException;
import software.amazon.awssdk.services.codecommit.model.RepositoryMetadata;
import software.amazon.awssdk.services.codecommit.model.RepositoryNameExistsException;
import software.amazon.awssdk.services.codecommit.model.SortByEnum;

/** The repository operations, driven by the real aws CLI and the AWS SDK for Java v2. */
class RepositoryApiIT {
  static TestServer server;
  static AwsCli aws;
  static CodeCommitClient sdk;

  @BeforeAll
  static void start() {
    server = TestServer.start();
    aws = server.rootCli();
    sdk = server.rootSdk().codeCommit();
  }

  @AfterAll
  static void stop() {
    sdk.close();
    server.close();
  }

  @Test
  void createRepositoryWithDescriptionAndTagsAsTheDocsShowIt() {
    JsonNode created =
        aws.run("codecommit", "create-repository", "--repository-name", "my-app-repo",
                "--repository-description", "My demonstration repository",
                "--tags", "Environment=Production,Team=DevOps")
            .json().get("repositoryMetadata");

    assertThat(created.get("repositoryName").asText()).isEqualTo("my-app-repo");
    assertThat(created.get("repositoryDescription").asText()).isEqualTo("My demonstration repository");
    assertThat(created.get("accountId").asText()).isEqualTo(TestServer.ACCOUNT_ID);
    assertThat(created.get("Arn").asText()).isEqualTo("arn:aws:codecommit:us-east-1:" + TestServer.ACCOUNT_ID + ":my-app-repo");
    assertThat(created.get("cloneUrlHttp").asText()).isEqualTo(server.endpoint() + "/v1/repos/my-app-repo");
    assertThat(created.get("repositoryId").asText()).matches("[0-9a-f-]{36}");
    assertThat(created.has("defaultBranch")).isFalse();
    assertThat(created.get("creationDate").asText()).isNotEmpty();

    JsonNode tags = aws.run("codecommit", "list-tags-for-resource", "--resource-arn", created.get("Arn").asText()).json();
    assertThat(tags.get("tags").get("Environment").asText()).isEqualTo("Production");
    assertThat(tags.get("tags").get("Team").asText()).isEqualTo("DevOps");
  }

  @Test
  void getRepositoryReturnsWhatCreateRepositoryReturned() {
    CreateRepositoryResponse created =
        sdk.createRepository(b -> b.repositoryName("get-me").repositoryDescription("d").kmsKeyId("alias/my-key"));
    RepositoryMetadata got = sdk.getRepository(b -> b.repositoryName("get-me")).repositoryMetadata();

    assertThat(got).isEqualTo(created.repositoryMetadata());
    assertThat(got.kmsKeyId()).isEqualTo("alias/my-key");
    assertThat(got.creationDate()).isBetween(Instant.now().minusSeconds(60), Instant.now().plusSeconds(1));
    JsonNode cli = aws.run("codecommit", "get-repository", "--repository-name", "get-me").json().get("repositoryMetadata");
    assertThat(cli.get("repositoryId").asText()).isEqualTo(got.repositoryId());
  }

  @Test
  void creatingANameTwiceIsRepositoryNameExists() {
    aws.run("codecommit", "create-repository", "--repository-name", "twice").json();
    AwsCli.Result again = aws.run("codecommit", "create-repository", "--repository-name", "twice");
    assertThat(again.errorCode()).isEqualTo("RepositoryNameExistsException");
    assertThat(again.exitCode()).isEqualTo(255);
    assertThatThrownBy(() -> sdk.createRepository(b -> b.repositoryName("twice")))
        .isInstanceOf(RepositoryNameExistsException.class)
        .satisfies(e -> assertThat(((CodeCommitException) e).statusCode()).isEqualTo(400));
  }

  @Test
  void invalidNamesAreRefused() {
    for (String name : List.of("has space", "ends.git", "..", "x".repeat(101), "sl/ash")) {
      assertThat(aws.run("codecommit", "create-repository", "--repository-name", name).errorCode())
          .as(name).isEqualTo("InvalidRepositoryNameException");
    }
    assertThat(aws.run("codecommit", "get-repository", "--repository-name", "no such").errorCode())
        .isEqualTo("InvalidRepositoryNameException");
  }

  @Test
  void missingRepositoryIsRepositoryDoesNotExist() {
    assertThat(aws.run("codecommit", "get-repository", "--repository-name", "missing").errorCode())
        .isEqualTo("RepositoryDoesNotExistException");
    assertThatThrownBy(() -> sdk.getRepository(b -> b.repositoryName("missing")))
        .isInstanceOf(RepositoryDoesNotExistException.class);
  }

  @Test
  void updateRepositoryNameRenamesWithoutMovingFiles() {
    String id = aws.run("codecommit", "create-repository", "--repository-name", "old-name")
        .json().get("repositoryMetadata").get("repositoryId").asText();

    AwsCli.Result renamed = aws.run("codecommit", "update-repository-name", "--old-name", "old-name", "--new-name", "new-name");
    assertThat(renamed.exitCode()).isZero();

    JsonNode got = aws.run("codecommit", "get-repository", "--repository-name", "new-name").json().get("repositoryMetadata");
    assertThat(got.get("repositoryId").asText()).isEqualTo(id);
    assertThat(server.server().fileRepositoryStore().directoryOf(id)).isDirectory();
    assertThat(aws.run("codecommit", "get-repository", "--repository-name", "old-name").errorCode())
        .isEqualTo("RepositoryDoesNotExistException");

    aws.run("codecommit", "create-repository", "--repository-name", "taken").json();
    assertThat(aws.run("codecommit", "update-repository-name", "--old-name", "new-name", "--new-name", "taken").errorCode())
        .isEqualTo("RepositoryNameExistsException");
    assertThat(aws.run("codecommit", "update-repository-name", "--old-name", "nope", "--new-name", "other").errorCode())
        .isEqualTo("RepositoryDoesNotExistException");
    assertThat(aws.run("codecommit", "update-repository-name", "--old-name", "new-name", "--new-name", "bad name").errorCode())
        .isEqualTo("InvalidRepositoryNameException");
  }

  @Test
  void updateDescriptionAndEncryptionKey() {
    sdk.createRepository(b -> b.repositoryName("describe-me"));
    aws.run("codecommit", "update-repository-description", "--repository-name", "describe-me",
        "--repository-description", "now described").json();
    assertThat(sdk.getRepository(b -> b.repositoryName("describe-me")).repositoryMetadata().repositoryDescription())
        .isEqualTo("now described");
    assertThat(aws.run("codecommit", "update-repository-description", "--repository-name", "describe-me",
        "--repository-description", "x".repeat(1001)).errorCode()).isEqualTo("InvalidRepositoryDescriptionException");

    JsonNode key = aws.run("codecommit", "update-repository-encryption-key", "--repository-name", "describe-me",
        "--kms-key-id", "arn:aws:kms:us-east-1:111122223333:key/abc").json();
    assertThat(key.get("kmsKeyId").asText()).isEqualTo("arn:aws:kms:us-east-1:111122223333:key/abc");
    assertThat(key.get("originalKmsKeyId").asText()).isEqualTo("alias/aws/codecommit");
    assertThat(aws.run("codecommit", "update-repository-encryption-key", "--repository-name", "describe-me",
        "--kms-key-id", "bad key!").errorCode()).isEqualTo("EncryptionKeyInvalidIdException");
  }

  @Test
  void updateDefaultBranchNeedsAnExistingBranch() {
    sdk.createRepository(b -> b.repositoryName("branchless"));
    assertThat(aws.run("codecommit", "update-default-branch", "--repository-name", "branchless",
        "--default-branch-name", "main").errorCode()).isEqualTo("BranchDoesNotExistException");
    assertThat(aws.run("codecommit", "update-default-branch", "--repository-name", "branchless",
        "--default-branch-name", "bad..name").errorCode()).isEqualTo("InvalidBranchNameException");
  }

  @Test
  void batchGetRepositoriesReportsWhatIsMissing() {
    sdk.createRepository(b -> b.repositoryName("batch-a"));
    sdk.createRepository(b -> b.repositoryName("batch-b"));
    JsonNode batch = aws.run("codecommit", "batch-get-repositories", "--repository-names", "batch-a", "batch-b", "batch-c").json();
    assertThat(batch.get("repositories")).hasSize(2);
    assertThat(batch.get("repositoriesNotFound").get(0).asText()).isEqualTo("batch-c");
    assertThat(batch.get("errors").get(0).get("errorCode").asText()).isEqualTo("RepositoryDoesNotExistException");

    List<String> tooMany = new ArrayList<>();
    for (int i = 0; i < 26; i++) {
      tooMany.add("r" + i);
    }
    assertThat(sdkError(() -> sdk.batchGetRepositories(b -> b.repositoryNames(tooMany))))
        .isEqualTo("MaximumRepositoryNamesExceededException");
  }

  @Test
  void listRepositoriesSortsAndOrders() {
    for (String name : List.of("list-c", "list-a", "list-b")) {
      sdk.createRepository(b -> b.repositoryName(name));
    }
    List<String> ascending = sdk.listRepositoriesPaginator(b -> b.sortBy(SortByEnum.REPOSITORY_NAME).order(OrderEnum.ASCENDING))
        .repositories().stream().map(r -> r.repositoryName()).filter(n -> n.startsWith("list-")).toList();
    assertThat(ascending).containsExactly("list-a", "list-b", "list-c");

    JsonNode descending = aws.run("codecommit", "list-repositories", "--sort-by", "lastModifiedDate", "--order", "descending").json();
    List<String> names = new ArrayList<>();
    descending.get("repositories").forEach(r -> names.add(r.get("repositoryName").asText()));
    assertThat(names.stream().filter(n -> n.startsWith("list-")).toList()).containsExactly("list-b", "list-a", "list-c");

    // A page listed before a create is not what the next listing answers.
    sdk.createRepository(b -> b.repositoryName("list-0"));
    JsonNode again = aws.run("codecommit", "list-repositories", "--sort-by", "lastModifiedDate", "--order", "descending").json();
    assertThat(again.get("repositories").get(0).get("repositoryName").asText()).isEqualTo("list-0");

    assertThat(aws.run("codecommit", "list-repositories", "--sort-by", "size").errorCode()).isEqualTo("InvalidSortByException");
    assertThat(aws.run("codecommit", "list-repositories", "--order", "sideways").errorCode()).isEqualTo("InvalidOrderException");
    assertThat(sdkError(() -> sdk.listRepositories(b -> b.nextToken("forged")))).isEqualTo("InvalidContinuationTokenException");
  }

  @Test
  void callsBeyondTheConcurrentRequestLimitWaitTheirTurnAndAllAnswer() throws Exception {
    sdk.createRepository(b -> b.repositoryName("busy"));
    int calls = 8 * OperationsConfig.defaultConcurrentRequests();
    ExecutorService clients = Executors.newFixedThreadPool(calls);
    try {
      List<Future<String>> answers = new ArrayList<>();
      for (int i = 0; i < calls; i++) {
        answers.add(clients.submit(() -> sdk.getRepository(b -> b.repositoryName("busy")).repositoryMetadata().repositoryName()));
      }
      for (Future<String> answer : answers) {
        assertThat(answer.get(60, TimeUnit.SECONDS)).isEqualTo("busy");
      }
    } finally {
      clients.shutdownNow();
    }
  }

  @Test
  void deleteRepositoryIsIdempotent() {
    String id = sdk.createRepository(b -> b.repositoryName("doomed")).repositoryMetadata().repositoryId();
    JsonNode deleted = aws.run("codecommit", "delete-repository", "--repository-name", "doomed").json();
    assertThat(deleted.get("repositoryId").asText()).isEqualTo(id);
    assertThat(server.server().fileRepositoryStore().directoryOf(id)).doesNotExist();
    assertThat(aws.run("codecommit", "delete-repository", "--repository-name", "doomed").json().has("repositoryId")).isFalse();
  }

  @Test
  void tagAndUntagAResource() {
    String arn = sdk.createRepository(b -> b.repositoryName("tagged")).repositoryMetadata().arn();
    aws.run("codecommit", "tag-resource", "--resource-arn", arn, "--tags", "team=core,tier=1").json();
    sdk.untagResource(b -> b.resourceArn(arn).tagKeys("tier"));
    assertThat(sdk.listTagsForResource(b -> b.resourceArn(arn)).tags()).isEqualTo(Map.of("team", "core"));

    assertThat(aws.run("codecommit", "tag-resource", "--resource-arn", "arn:aws:s3:::bucket", "--tags", "a=b").errorCode())
        .isEqualTo("InvalidResourceArnException");
    assertThat(aws.run("codecommit", "tag-resource", "--resource-arn", arn, "--tags", "aws:owner=me").errorCode())
        .isEqualTo("InvalidSystemTagUsageException");
    assertThat(aws.run("codecommit", "list-tags-for-resource", "--resource-arn",
        "arn:aws:codecommit:us-east-1:" + TestServer.ACCOUNT_ID + ":nope").errorCode())
        .isEqualTo("RepositoryDoesNotExistException");
  }

  private static String sdkError(Runnable call) {
    try {
      call.run();
    } catch (CodeCommitException e) {
      return e.awsErrorDetails().errorCode();
    }
    throw new AssertionError("expected an error");
  }
}
