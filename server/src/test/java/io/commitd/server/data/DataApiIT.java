package io.commitd.server.data;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.commitd.server.testing.AwsCli;
import io.commitd.server.testing.Git;
import io.commitd.server.testing.TestServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.codecommit.CodeCommitClient;
import software.amazon.awssdk.services.codecommit.model.ChangeTypeEnum;
import software.amazon.awssdk.services.codecommit.model.CodeCommitException;
import software.amazon.awssdk.services.codecommit.model.CreateCommitResponse;
import software.amazon.awssdk.services.codecommit.model.Difference;
import software.amazon.awssdk.services.codecommit.model.FileModeTypeEnum;
import software.amazon.awssdk.services.codecommit.model.GetFolderResponse;
import software.amazon.awssdk.services.codecommit.model.PutFileResponse;

/**
 * The Git data API, driven by the aws CLI and the AWS SDK for Java v2, and checked with the git
 * binary: what the API writes a clone sees, and what a push writes the API sees.
 */
class DataApiIT {
  static TestServer server;
  static AwsCli aws;
  static CodeCommitClient sdk;

  @TempDir Path scratch;

  @BeforeAll
  static void start() {
    server = TestServer.start();
    aws = server.rootCli();
    sdk = server.rootSdk().codeCommit();
  }

  @AfterAll
  static void stop() throws Exception {
    try (var repositories = Files.list(server.dataDir().resolve("repositories"))) {
      for (Path repository : repositories.toList()) {
        Git.anonymous(server.dataDir()).ok(repository, "fsck", "--strict");
      }
    }
    sdk.close();
    server.close();
  }

  static String url(String repository) {
    return server.endpoint() + "/v1/repos/" + repository;
  }

  static String decode(JsonNode base64) {
    return new String(Base64.getDecoder().decode(base64.asText()), StandardCharsets.UTF_8);
  }

  static String error(Runnable call) {
    try {
      call.run();
    } catch (CodeCommitException e) {
      return e.awsErrorDetails().errorCode();
    }
    throw new AssertionError("expected an error");
  }

  @Test
  void putFileMakesTheFirstBranchAndAClonesSeesIt() {
    sdk.createRepository(b -> b.repositoryName("files"));
    JsonNode put = aws.run("codecommit", "put-file", "--repository-name", "files", "--branch-name", "main",
        "--file-path", "docs/README.md", "--file-content", "hello from the API", "--name", "Ada", "--email", "ada@example.com",
        "--commit-message", "Add a README").json();
    String commitId = put.get("commitId").asText();

    assertThat(aws.run("codecommit", "get-repository", "--repository-name", "files").json()
        .get("repositoryMetadata").get("defaultBranch").asText()).isEqualTo("main");
    JsonNode file = aws.run("codecommit", "get-file", "--repository-name", "files", "--file-path", "docs/README.md").json();
    assertThat(decode(file.get("fileContent"))).isEqualTo("hello from the API");
    assertThat(file.get("fileMode").asText()).isEqualTo("NORMAL");
    assertThat(file.get("fileSize").asInt()).isEqualTo(18);
    assertThat(file.get("blobId").asText()).isEqualTo(put.get("blobId").asText());
    assertThat(decode(aws.run("codecommit", "get-blob", "--repository-name", "files", "--blob-id", put.get("blobId").asText())
        .json().get("content"))).isEqualTo("hello from the API");

    JsonNode commit = aws.run("codecommit", "get-commit", "--repository-name", "files", "--commit-id", commitId).json().get("commit");
    assertThat(commit.get("author").get("name").asText()).isEqualTo("Ada");
    assertThat(commit.get("author").get("email").asText()).isEqualTo("ada@example.com");
    assertThat(commit.get("author").get("date").asText()).matches("\\d+ \\+0000");
    assertThat(commit.get("message").asText()).isEqualTo("Add a README");
    assertThat(commit.get("treeId").asText()).isEqualTo(put.get("treeId").asText());

    Git git = Git.withCredentialHelper(scratch, aws);
    Path clone = scratch.resolve("clone");
    git.ok(scratch, "clone", "-q", url("files"), clone.toString());
    assertThat(clone.resolve("docs/README.md")).hasContent("hello from the API");
    assertThat(git.ok(clone, "log", "-1", "--format=%H %an <%ae> %s").strip()).isEqualTo(commitId + " Ada <ada@example.com> Add a README");
  }

  @Test
  void putFileChecksTheParentAndTheContent() {
    sdk.createRepository(b -> b.repositoryName("parents"));
    PutFileResponse first = sdk.putFile(b -> b.repositoryName("parents").branchName("main").filePath("a.txt")
        .fileContent(SdkBytes.fromUtf8String("one")));
    assertThat(error(() -> sdk.putFile(b -> b.repositoryName("parents").branchName("main").filePath("b.txt")
        .fileContent(SdkBytes.fromUtf8String("two"))))).isEqualTo("ParentCommitIdRequiredException");
    PutFileResponse second = sdk.putFile(b -> b.repositoryName("parents").branchName("main").filePath("b.txt")
        .fileContent(SdkBytes.fromUtf8String("two")).parentCommitId(first.commitId()));
    assertThat(aws.run("codecommit", "put-file", "--repository-name", "parents", "--branch-name", "main", "--file-path", "c.txt",
        "--file-content", "three", "--parent-commit-id", first.commitId()).errorCode()).isEqualTo("ParentCommitIdOutdatedException");
    assertThat(error(() -> sdk.putFile(b -> b.repositoryName("parents").branchName("main").filePath("b.txt")
        .fileContent(SdkBytes.fromUtf8String("two")).parentCommitId(second.commitId())))).isEqualTo("SameFileContentException");
    assertThat(error(() -> sdk.putFile(b -> b.repositoryName("parents").branchName("main").filePath("c.txt")
        .fileContent(SdkBytes.fromUtf8String("x")).parentCommitId("not-a-commit")))).isEqualTo("InvalidParentCommitIdException");
    assertThat(error(() -> sdk.putFile(b -> b.repositoryName("parents").branchName("main").filePath("c.txt")
        .fileContent(SdkBytes.fromUtf8String("x")).parentCommitId("0123456789012345678901234567890123456789"))))
        .isEqualTo("ParentCommitDoesNotExistException");
    assertThat(error(() -> sdk.putFile(b -> b.repositoryName("parents").branchName("nope").filePath("c.txt")
        .fileContent(SdkBytes.fromUtf8String("x"))))).isEqualTo("BranchDoesNotExistException");
    byte[] tooLarge = new byte[6 * 1024 * 1024 + 1];
    assertThat(error(() -> sdk.putFile(b -> b.repositoryName("parents").branchName("main").filePath("big.bin")
        .fileContent(SdkBytes.fromByteArray(tooLarge)).parentCommitId(second.commitId())))).isEqualTo("FileContentSizeLimitExceededException");

    for (String bad : List.of("../escape.txt", "/absolute.txt", ".git/config", "a//b.txt", "dir/")) {
      assertThat(error(() -> sdk.putFile(b -> b.repositoryName("parents").branchName("main").filePath(bad)
          .fileContent(SdkBytes.fromUtf8String("x")).parentCommitId(second.commitId())))).as(bad).isEqualTo("InvalidPathException");
    }
    assertThat(error(() -> sdk.putFile(b -> b.repositoryName("parents").branchName("main").filePath("a.txt/inner.txt")
        .fileContent(SdkBytes.fromUtf8String("x")).parentCommitId(second.commitId())))).isEqualTo("DirectoryNameConflictsWithFileNameException");
    PutFileResponse nested = sdk.putFile(b -> b.repositoryName("parents").branchName("main").filePath("dir/inner.txt")
        .fileContent(SdkBytes.fromUtf8String("x")).parentCommitId(second.commitId()));
    assertThat(error(() -> sdk.putFile(b -> b.repositoryName("parents").branchName("main").filePath("dir")
        .fileContent(SdkBytes.fromUtf8String("x")).parentCommitId(nested.commitId())))).isEqualTo("FileNameConflictsWithDirectoryNameException");
  }

  @Test
  void branchesAreCreatedListedReadAndDeleted() {
    sdk.createRepository(b -> b.repositoryName("branches"));
    PutFileResponse first = sdk.putFile(b -> b.repositoryName("branches").branchName("main").filePath("a.txt")
        .fileContent(SdkBytes.fromUtf8String("a")));
    aws.run("codecommit", "create-branch", "--repository-name", "branches", "--branch-name", "feature/x", "--commit-id", first.commitId()).json();
    assertThat(aws.run("codecommit", "create-branch", "--repository-name", "branches", "--branch-name", "feature/x",
        "--commit-id", first.commitId()).errorCode()).isEqualTo("BranchNameExistsException");
    assertThat(aws.run("codecommit", "create-branch", "--repository-name", "branches", "--branch-name", "y",
        "--commit-id", "0123456789012345678901234567890123456789").errorCode()).isEqualTo("CommitDoesNotExistException");
    assertThat(aws.run("codecommit", "create-branch", "--repository-name", "branches", "--branch-name", "bad..name",
        "--commit-id", first.commitId()).errorCode()).isEqualTo("InvalidBranchNameException");

    JsonNode branch = aws.run("codecommit", "get-branch", "--repository-name", "branches", "--branch-name", "feature/x").json().get("branch");
    assertThat(branch.get("commitId").asText()).isEqualTo(first.commitId());
    assertThat(sdk.listBranchesPaginator(b -> b.repositoryName("branches")).branches()).containsExactly("feature/x", "main");
    assertThat(aws.run("codecommit", "get-branch", "--repository-name", "branches", "--branch-name", "ghost").errorCode())
        .isEqualTo("BranchDoesNotExistException");

    assertThat(aws.run("codecommit", "delete-branch", "--repository-name", "branches", "--branch-name", "main").errorCode())
        .isEqualTo("DefaultBranchCannotBeDeletedException");
    aws.run("codecommit", "update-default-branch", "--repository-name", "branches", "--default-branch-name", "feature/x").json();
    Git git = Git.withCredentialHelper(scratch, aws);
    assertThat(git.ok(scratch, "ls-remote", "--symref", url("branches"), "HEAD")).contains("ref: refs/heads/feature/x");
    JsonNode deleted = aws.run("codecommit", "delete-branch", "--repository-name", "branches", "--branch-name", "main").json();
    assertThat(deleted.get("deletedBranch").get("commitId").asText()).isEqualTo(first.commitId());
    assertThat(git.ok(scratch, "ls-remote", url("branches"))).doesNotContain("refs/heads/main");
  }

  @Test
  @SuppressWarnings("unchecked") // the SDK's builder varargs are generic Consumers
  void createCommitPutsCopiesMovesDeletesAndChangesModes() {
    sdk.createRepository(b -> b.repositoryName("commits"));
    CreateCommitResponse first = sdk.createCommit(b -> b.repositoryName("commits").branchName("main").authorName("Grace")
        .email("grace@example.com").commitMessage("initial")
        .putFiles(p -> p.filePath("src/app.sh").fileContent(SdkBytes.fromUtf8String("echo hi\n")),
            p -> p.filePath("src/old.txt").fileContent(SdkBytes.fromUtf8String("old\n")),
            p -> p.filePath("notes.txt").fileContent(SdkBytes.fromUtf8String("notes\n"))));
    assertThat(first.filesAdded()).hasSize(3);

    CreateCommitResponse second = sdk.createCommit(b -> b.repositoryName("commits").branchName("main").parentCommitId(first.commitId())
        .commitMessage("rework")
        .putFiles(p -> p.filePath("src/new.txt").sourceFile(s -> s.filePath("src/old.txt").isMove(true)),
            p -> p.filePath("copy-of-notes.txt").sourceFile(s -> s.filePath("notes.txt")))
        .deleteFiles(d -> d.filePath("notes.txt"))
        .setFileModes(m -> m.filePath("src/app.sh").fileMode(FileModeTypeEnum.EXECUTABLE)));
    assertThat(second.filesAdded()).extracting(f -> f.absolutePath()).containsExactlyInAnyOrder("src/new.txt", "copy-of-notes.txt");
    assertThat(second.filesDeleted()).extracting(f -> f.absolutePath()).containsExactlyInAnyOrder("src/old.txt", "notes.txt");
    assertThat(second.filesUpdated()).extracting(f -> f.absolutePath()).containsExactly("src/app.sh");

    GetFolderResponse folder = sdk.getFolder(b -> b.repositoryName("commits").folderPath("src"));
    assertThat(folder.files()).extracting(f -> f.relativePath() + ":" + f.fileModeAsString())
        .containsExactlyInAnyOrder("app.sh:EXECUTABLE", "new.txt:NORMAL");
    JsonNode root = aws.run("codecommit", "get-folder", "--repository-name", "commits", "--folder-path", "/").json();
    assertThat(root.get("subFolders").get(0).get("absolutePath").asText()).isEqualTo("src");
    assertThat(aws.run("codecommit", "get-folder", "--repository-name", "commits", "--folder-path", "nope").errorCode())
        .isEqualTo("FolderDoesNotExistException");

    assertThat(error(() -> sdk.createCommit(b -> b.repositoryName("commits").branchName("main").parentCommitId(second.commitId())
        .putFiles(p -> p.filePath("src/new.txt").sourceFile(s -> s.filePath("src/new.txt")))))).isEqualTo("NoChangeException");
    assertThat(error(() -> sdk.createCommit(b -> b.repositoryName("commits").branchName("main").parentCommitId(second.commitId())
        .deleteFiles(d -> d.filePath("missing.txt"))))).isEqualTo("FileDoesNotExistException");
    assertThat(error(() -> sdk.createCommit(b -> b.repositoryName("commits").branchName("main").parentCommitId(second.commitId()))))
        .isEqualTo("FileEntryRequiredException");
    assertThat(error(() -> sdk.createCommit(b -> b.repositoryName("commits").branchName("main").parentCommitId(first.commitId())
        .putFiles(p -> p.filePath("z.txt").fileContent(SdkBytes.fromUtf8String("z")))))).isEqualTo("ParentCommitIdOutdatedException");
    assertThat(error(() -> sdk.createCommit(b -> b.repositoryName("commits").branchName("main").parentCommitId(second.commitId())
        .putFiles(p -> p.filePath("x/y.txt").fileContent(SdkBytes.fromUtf8String("1")), p -> p.filePath("x").fileContent(SdkBytes.fromUtf8String("2"))))))
        .isEqualTo("PutFileEntryConflictException");

    Git git = Git.withCredentialHelper(scratch, aws);
    Path clone = scratch.resolve("commits");
    git.ok(scratch, "clone", "-q", url("commits"), clone.toString());
    assertThat(clone.resolve("src/new.txt")).hasContent("old");
    assertThat(Files.isExecutable(clone.resolve("src/app.sh"))).isTrue();
    assertThat(clone.resolve("notes.txt")).doesNotExist();
    assertThat(git.ok(clone, "log", "--format=%s").lines().toList()).containsExactly("rework", "initial");

    var commits = sdk.batchGetCommits(b -> b.repositoryName("commits").commitIds(first.commitId(), second.commitId(), "deadbeef"));
    assertThat(commits.commits()).hasSize(2);
    assertThat(commits.errors().get(0).errorCode()).isEqualTo("InvalidCommitIdException");
  }

  @Test
  void aPushIsVisibleToGetDifferencesAndFileHistory() {
    sdk.createRepository(b -> b.repositoryName("diffs"));
    Git git = Git.withCredentialHelper(scratch, aws);
    Path work = scratch.resolve("diffs");
    git.ok(scratch, "clone", "-q", url("diffs"), work.toString());
    String first = git.commitFile(work, "keep.txt", "keep\n", "first");
    git.commitFile(work, "gone.txt", "gone\n", "add gone");
    git.commitFile(work, "lib/change.txt", "v1\n", "v1");
    String base = git.ok(work, "rev-parse", "HEAD").strip();
    git.ok(work, "rm", "-q", "gone.txt");
    git.commitFile(work, "lib/change.txt", "v2\n", "v2");
    git.commitFile(work, "lib/added.txt", "new\n", "added");
    git.ok(work, "push", "-q", "origin", "main");

    List<Difference> differences = sdk.getDifferencesPaginator(b -> b.repositoryName("diffs").beforeCommitSpecifier(base)
        .afterCommitSpecifier("main")).stream().flatMap(page -> page.differences().stream()).toList();
    assertThat(differences).extracting(d -> d.changeType() + " " + (d.afterBlob() != null ? d.afterBlob().path() : d.beforeBlob().path()))
        .containsExactlyInAnyOrder("D gone.txt", "M lib/change.txt", "A lib/added.txt");
    assertThat(differences.stream().filter(d -> d.changeType() == ChangeTypeEnum.M).findFirst().orElseThrow().afterBlob().mode())
        .isEqualTo("100644");

    JsonNode scoped = aws.run("codecommit", "get-differences", "--repository-name", "diffs", "--before-commit-specifier", base,
        "--after-commit-specifier", "refs/heads/main", "--after-path", "lib").json();
    assertThat(scoped.get("differences")).hasSize(2);
    JsonNode initial = aws.run("codecommit", "get-differences", "--repository-name", "diffs", "--after-commit-specifier", first).json();
    assertThat(initial.get("differences").get(0).get("changeType").asText()).isEqualTo("A");

    List<String> paged = new ArrayList<>();
    String token = null;
    do {
      String next = token;
      var page = sdk.getDifferences(b -> b.repositoryName("diffs").beforeCommitSpecifier(base).afterCommitSpecifier("main")
          .maxResults(1).nextToken(next));
      page.differences().forEach(d -> paged.add(d.changeTypeAsString()));
      token = page.nextToken();
    } while (token != null);
    assertThat(paged).hasSize(3);

    assertThat(aws.run("codecommit", "get-differences", "--repository-name", "diffs", "--after-commit-specifier", "no-such-branch")
        .errorCode()).isEqualTo("CommitDoesNotExistException");
    assertThat(aws.run("codecommit", "get-differences", "--repository-name", "diffs", "--after-commit-specifier", "main",
        "--after-path", "nowhere").errorCode()).isEqualTo("PathDoesNotExistException");

    JsonNode history = aws.run("codecommit", "list-file-commit-history", "--repository-name", "diffs", "--file-path", "lib/change.txt").json();
    List<String> messages = new ArrayList<>();
    history.get("revisionDag").forEach(v -> messages.add(v.get("commit").get("message").asText().strip()));
    assertThat(messages).containsExactly("v2", "v1");
    assertThat(aws.run("codecommit", "get-file", "--repository-name", "diffs", "--file-path", "gone.txt").errorCode())
        .isEqualTo("FileDoesNotExistException");
    assertThat(aws.run("codecommit", "get-file", "--repository-name", "diffs", "--file-path", "gone.txt", "--commit-specifier", base)
        .succeeded()).isTrue();
    assertThat(aws.run("codecommit", "get-commit", "--repository-name", "diffs", "--commit-id", "0123456789012345678901234567890123456789")
        .errorCode()).isEqualTo("CommitIdDoesNotExistException");
    assertThat(aws.run("codecommit", "get-blob", "--repository-name", "diffs", "--blob-id", "xyz").errorCode()).isEqualTo("InvalidBlobIdException");
  }

  @Test
  void deleteFileRemovesItAndCanKeepTheFolder() {
    sdk.createRepository(b -> b.repositoryName("deletes"));
    PutFileResponse put = sdk.putFile(b -> b.repositoryName("deletes").branchName("main").filePath("only/file.txt")
        .fileContent(SdkBytes.fromUtf8String("x")));
    JsonNode deleted = aws.run("codecommit", "delete-file", "--repository-name", "deletes", "--branch-name", "main",
        "--file-path", "only/file.txt", "--parent-commit-id", put.commitId(), "--keep-empty-folders").json();
    assertThat(deleted.get("blobId").asText()).isEqualTo(put.blobId());
    assertThat(aws.run("codecommit", "get-folder", "--repository-name", "deletes", "--folder-path", "only").json()
        .get("files").get(0).get("relativePath").asText()).isEqualTo(".gitkeep");
    assertThat(aws.run("codecommit", "delete-file", "--repository-name", "deletes", "--branch-name", "main",
        "--file-path", "only/file.txt", "--parent-commit-id", deleted.get("commitId").asText()).errorCode())
        .isEqualTo("FileDoesNotExistException");
  }

  @Test
  void aPolicyOnMainStopsPutFileAndCreateCommitAsItStopsAPush() {
    sdk.createRepository(b -> b.repositoryName("guarded-data"));
    PutFileResponse seed = sdk.putFile(b -> b.repositoryName("guarded-data").branchName("main").filePath("a.txt")
        .fileContent(SdkBytes.fromUtf8String("a")));
    sdk.createBranch(b -> b.repositoryName("guarded-data").branchName("feature/ok").commitId(seed.commitId()));
    aws.run("iam", "create-user", "--user-name", "api-writer").json();
    aws.run("iam", "put-user-policy", "--user-name", "api-writer", "--policy-name", "no-main", "--policy-document", """
        {"Version": "2012-10-17", "Statement": [
          {"Effect": "Allow", "Action": "codecommit:*", "Resource": "*"},
          {"Effect": "Deny", "Action": ["codecommit:GitPush", "codecommit:PutFile", "codecommit:CreateCommit", "codecommit:DeleteFile"],
           "Resource": "*", "Condition": {"StringEqualsIfExists": {"codecommit:References": ["refs/heads/main"]},
                                          "Null": {"codecommit:References": "false"}}}]}""").json();
    JsonNode key = aws.run("iam", "create-access-key", "--user-name", "api-writer").json().get("AccessKey");
    AwsCli writer = aws.as(key.get("AccessKeyId").asText(), key.get("SecretAccessKey").asText(), null);

    AwsCli.Result toMain = writer.run("codecommit", "put-file", "--repository-name", "guarded-data", "--branch-name", "main",
        "--file-path", "b.txt", "--file-content", "b", "--parent-commit-id", seed.commitId());
    assertThat(toMain.errorCode()).isEqualTo("AccessDeniedException");
    assertThat(writer.run("codecommit", "create-commit", "--repository-name", "guarded-data", "--branch-name", "main",
        "--parent-commit-id", seed.commitId(), "--put-files", "filePath=c.txt,fileContent=c").errorCode()).isEqualTo("AccessDeniedException");
    Git git = Git.withCredentialHelper(scratch, writer);
    Path work = scratch.resolve("guarded");
    git.ok(scratch, "clone", "-q", url("guarded-data"), work.toString());
    git.commitFile(work, "d.txt", "d\n", "by push");
    assertThat(git.run(work, "push", "origin", "main").stderr()).contains("[remote rejected]");

    JsonNode onFeature = writer.run("codecommit", "put-file", "--repository-name", "guarded-data", "--branch-name", "feature/ok",
        "--file-path", "b.txt", "--file-content", "b", "--parent-commit-id", seed.commitId()).json();
    assertThat(onFeature.get("commitId").asText()).hasSize(40);
    assertThat(sdk.getBranch(b -> b.repositoryName("guarded-data").branchName("main")).branch().commitId()).isEqualTo(seed.commitId());
  }
}
