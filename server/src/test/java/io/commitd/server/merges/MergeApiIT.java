package io.commitd.server.merges;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.commitd.server.testing.AwsCli;
import io.commitd.server.testing.Git;
import io.commitd.server.testing.TestServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.codecommit.CodeCommitClient;
import software.amazon.awssdk.services.codecommit.model.BatchDescribeMergeConflictsResponse;
import software.amazon.awssdk.services.codecommit.model.CodeCommitException;
import software.amazon.awssdk.services.codecommit.model.ConflictDetailLevelTypeEnum;
import software.amazon.awssdk.services.codecommit.model.CreateUnreferencedMergeCommitResponse;
import software.amazon.awssdk.services.codecommit.model.GetMergeConflictsResponse;
import software.amazon.awssdk.services.codecommit.model.MergeOptionTypeEnum;
import software.amazon.awssdk.services.codecommit.model.ReplaceContentEntry;
import software.amazon.awssdk.services.codecommit.model.ReplacementTypeEnum;

/**
 * CodeCommit's merge operations against a real server: conflicts found and described, branches
 * merged by fast-forward, squash and three-way with the aws CLI, details with the SDK for Java v2,
 * and a clone with git showing what the merges wrote.
 */
class MergeApiIT {
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
    // Every object the merges wrote is well formed.
    try (var repositories = Files.list(server.dataDir().resolve("repositories"))) {
      for (Path repository : repositories.toList()) {
        Git.anonymous(server.dataDir()).ok(repository, "fsck", "--strict");
      }
    }
    sdk.close();
    server.close();
  }

  /** A repository whose main holds {@code file.txt}, with a branch {@code feature} at the same commit. */
  static String repositoryWithFeatureBranch(String name) {
    sdk.createRepository(b -> b.repositoryName(name));
    String base = put(name, "main", null, "file.txt", "line 1\nline 2\nline 3\n");
    sdk.createBranch(b -> b.repositoryName(name).branchName("feature").commitId(base));
    return base;
  }

  /** Puts a file on a branch whose tip is {@code parent}; returns the new tip. */
  static String put(String repository, String branch, String parent, String path, String content) {
    return sdk.putFile(b -> b.repositoryName(repository).branchName(branch).parentCommitId(parent).filePath(path)
        .fileContent(SdkBytes.fromUtf8String(content))).commitId();
  }

  static String tip(String repository, String branch) {
    return sdk.getBranch(b -> b.repositoryName(repository).branchName(branch)).branch().commitId();
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
  void conflictingEditsAreFoundDescribedAndResolvedByAThreeWayMerge() {
    String base = repositoryWithFeatureBranch("conflicts");
    String mainTip = put("conflicts", "main", base, "file.txt", "line 1\nmain's line 2\nline 3\n");
    String featureTip = put("conflicts", "feature", base, "file.txt", "line 1\nfeature's line 2\nline 3\n");

    JsonNode options = aws.run("codecommit", "get-merge-options", "--repository-name", "conflicts",
        "--source-commit-specifier", "feature", "--destination-commit-specifier", "main", "--conflict-detail-level", "LINE_LEVEL").json();
    assertThat(options.get("mergeOptions")).isEmpty();
    assertThat(options.get("baseCommitId").asText()).isEqualTo(base);

    JsonNode conflicts = aws.run("codecommit", "get-merge-conflicts", "--repository-name", "conflicts",
        "--source-commit-specifier", "feature", "--destination-commit-specifier", "main", "--merge-option", "THREE_WAY_MERGE",
        "--conflict-detail-level", "LINE_LEVEL").json();
    assertThat(conflicts.get("mergeable").asBoolean()).isFalse();
    assertThat(conflicts.get("sourceCommitId").asText()).isEqualTo(featureTip);
    assertThat(conflicts.get("destinationCommitId").asText()).isEqualTo(mainTip);
    assertThat(conflicts.get("conflictMetadataList")).hasSize(1);
    JsonNode metadata = conflicts.get("conflictMetadataList").get(0);
    assertThat(metadata.get("filePath").asText()).isEqualTo("file.txt");
    assertThat(metadata.get("contentConflict").asBoolean()).isTrue();
    assertThat(metadata.get("numberOfConflicts").asInt()).isEqualTo(1);
    assertThat(metadata.get("mergeOperations").get("source").asText()).isEqualTo("M");
    assertThat(metadata.get("fileModes").get("destination").asText()).isEqualTo("NORMAL");

    JsonNode described = aws.run("codecommit", "describe-merge-conflicts", "--repository-name", "conflicts",
        "--source-commit-specifier", "feature", "--destination-commit-specifier", "main", "--merge-option", "THREE_WAY_MERGE",
        "--conflict-detail-level", "LINE_LEVEL", "--file-path", "file.txt").json();
    assertThat(described.get("conflictMetadata").get("filePath").asText()).isEqualTo("file.txt");
    JsonNode hunk = described.get("mergeHunks").get(0);
    assertThat(hunk.get("isConflict").asBoolean()).isTrue();
    assertThat(decode(hunk.get("source").get("hunkContent"))).isEqualTo("feature's line 2\n");
    assertThat(decode(hunk.get("destination").get("hunkContent"))).isEqualTo("main's line 2\n");
    assertThat(decode(hunk.get("base").get("hunkContent"))).isEqualTo("line 2\n");
    assertThat(hunk.get("source").get("startLine").asInt()).isEqualTo(1);
    assertThat(hunk.get("source").get("endLine").asInt()).isEqualTo(2);

    assertThat(aws.run("codecommit", "merge-branches-by-three-way", "--repository-name", "conflicts",
        "--source-commit-specifier", "feature", "--destination-commit-specifier", "main").errorCode())
        .isEqualTo("ManualMergeRequiredException");

    JsonNode merged = aws.run("codecommit", "merge-branches-by-three-way", "--repository-name", "conflicts",
        "--source-commit-specifier", "feature", "--destination-commit-specifier", "main", "--conflict-detail-level", "LINE_LEVEL",
        "--author-name", "Ada", "--email", "ada@example.com", "--commit-message", "Merge feature, both lines",
        "--conflict-resolution", """
            {"replaceContents": [{"filePath": "file.txt", "replacementType": "USE_NEW_CONTENT",
              "content": "line 1\\nmain's line 2\\nfeature's line 2\\nline 3\\n"}]}""").json();
    String mergeCommit = merged.get("commitId").asText();
    assertThat(tip("conflicts", "main")).isEqualTo(mergeCommit);
    assertThat(tip("conflicts", "feature")).isEqualTo(featureTip);

    Git git = Git.withCredentialHelper(scratch, aws);
    Path clone = scratch.resolve("clone");
    git.ok(scratch, "clone", "-q", server.endpoint() + "/v1/repos/conflicts", clone.toString());
    assertThat(git.ok(clone, "log", "-1", "--format=%H|%P|%T|%an <%ae>|%s").strip())
        .isEqualTo(mergeCommit + "|" + mainTip + " " + featureTip + "|" + merged.get("treeId").asText()
            + "|Ada <ada@example.com>|Merge feature, both lines");
    assertThat(clone.resolve("file.txt")).hasContent("line 1\nmain's line 2\nfeature's line 2\nline 3\n");

    JsonNode mergeCommitInfo = aws.run("codecommit", "get-merge-commit", "--repository-name", "conflicts",
        "--source-commit-specifier", "feature", "--destination-commit-specifier", "main").json();
    assertThat(mergeCommitInfo.get("mergedCommitId").asText()).isEqualTo(mergeCommit);
    assertThat(mergeCommitInfo.get("baseCommitId").asText()).isEqualTo(featureTip);
    assertThat(mergeCommitInfo.get("destinationCommitId").asText()).isEqualTo(mergeCommit);
  }

  @Test
  void fastForwardWhenPossibleAndSquashWhenDiverged() {
    String base = repositoryWithFeatureBranch("ff");
    String one = put("ff", "feature", base, "a.txt", "a\n");
    String two = put("ff", "feature", one, "b.txt", "b\n");

    JsonNode options = aws.run("codecommit", "get-merge-options", "--repository-name", "ff",
        "--source-commit-specifier", "feature", "--destination-commit-specifier", "main").json();
    assertThat(options.get("mergeOptions")).extracting(JsonNode::asText)
        .containsExactly("FAST_FORWARD_MERGE", "SQUASH_MERGE", "THREE_WAY_MERGE");

    JsonNode forwarded = aws.run("codecommit", "merge-branches-by-fast-forward", "--repository-name", "ff",
        "--source-commit-specifier", "feature", "--destination-commit-specifier", "main").json();
    assertThat(forwarded.get("commitId").asText()).isEqualTo(two);
    assertThat(tip("ff", "main")).isEqualTo(two);
    JsonNode noMergeCommit = aws.run("codecommit", "get-merge-commit", "--repository-name", "ff",
        "--source-commit-specifier", "feature", "--destination-commit-specifier", "main").json();
    assertThat(noMergeCommit.has("mergedCommitId")).isFalse();
    assertThat(noMergeCommit.get("sourceCommitId").asText()).isEqualTo(two);

    String mainTip = put("ff", "main", two, "main.txt", "main\n");
    String featureTip = put("ff", "feature", two, "feature.txt", "feature\n");
    assertThat(aws.run("codecommit", "merge-branches-by-fast-forward", "--repository-name", "ff",
        "--source-commit-specifier", "feature", "--destination-commit-specifier", "main").errorCode())
        .isEqualTo("ManualMergeRequiredException");
    assertThat(aws.run("codecommit", "get-merge-conflicts", "--repository-name", "ff", "--source-commit-specifier", "feature",
        "--destination-commit-specifier", "main", "--merge-option", "FAST_FORWARD_MERGE").json().get("mergeable").asBoolean()).isFalse();

    JsonNode squashed = aws.run("codecommit", "merge-branches-by-squash", "--repository-name", "ff",
        "--source-commit-specifier", "feature", "--destination-commit-specifier", "main").json();
    String squash = squashed.get("commitId").asText();
    assertThat(tip("ff", "main")).isEqualTo(squash);
    JsonNode commit = aws.run("codecommit", "get-commit", "--repository-name", "ff", "--commit-id", squash).json().get("commit");
    assertThat(commit.get("parents")).extracting(JsonNode::asText).containsExactly(mainTip);
    assertThat(commit.get("message").asText()).isEqualTo("Merged feature into main");
    assertThat(commit.get("author").get("name").asText()).isEqualTo("root");
    assertThat(commit.get("treeId").asText()).isEqualTo(squashed.get("treeId").asText());
    assertThat(decode(aws.run("codecommit", "get-file", "--repository-name", "ff", "--file-path", "feature.txt").json()
        .get("fileContent"))).isEqualTo("feature\n");
    assertThat(tip("ff", "feature")).isEqualTo(featureTip);

    // Merging again finds nothing to merge: the branch stays.
    JsonNode again = aws.run("codecommit", "merge-branches-by-three-way", "--repository-name", "ff",
        "--source-commit-specifier", "main", "--destination-commit-specifier", "main").json();
    assertThat(again.get("commitId").asText()).isEqualTo(squash);
  }

  @Test
  void anUnreferencedMergeCommitMovesNoBranch() {
    String base = repositoryWithFeatureBranch("unreferenced");
    String mainTip = put("unreferenced", "main", base, "main.txt", "main\n");
    String featureTip = put("unreferenced", "feature", base, "feature.txt", "feature\n");

    CreateUnreferencedMergeCommitResponse created = sdk.createUnreferencedMergeCommit(b -> b.repositoryName("unreferenced")
        .sourceCommitSpecifier("feature").destinationCommitSpecifier(mainTip).mergeOption(MergeOptionTypeEnum.THREE_WAY_MERGE)
        .commitMessage("what a merge would be"));
    var commit = sdk.getCommit(b -> b.repositoryName("unreferenced").commitId(created.commitId())).commit();
    assertThat(commit.parents()).containsExactly(mainTip, featureTip);
    assertThat(commit.treeId()).isEqualTo(created.treeId());
    assertThat(commit.message()).isEqualTo("what a merge would be");
    assertThat(tip("unreferenced", "main")).isEqualTo(mainTip);
    assertThat(tip("unreferenced", "feature")).isEqualTo(featureTip);

    assertThat(error(() -> sdk.createUnreferencedMergeCommit(b -> b.repositoryName("unreferenced").sourceCommitSpecifier("feature")
        .destinationCommitSpecifier("main").mergeOption(MergeOptionTypeEnum.FAST_FORWARD_MERGE)))).isEqualTo("InvalidMergeOptionException");
    assertThat(error(() -> sdk.createUnreferencedMergeCommit(b -> b.repositoryName("unreferenced").sourceCommitSpecifier("feature")
        .destinationCommitSpecifier("main")))).isEqualTo("MergeOptionRequiredException");

    // A destination given by commit id names no branch to move: targetBranch says which.
    assertThat(error(() -> sdk.mergeBranchesByThreeWay(b -> b.repositoryName("unreferenced").sourceCommitSpecifier("feature")
        .destinationCommitSpecifier(mainTip)))).isEqualTo("BranchNameRequiredException");
    assertThat(error(() -> sdk.mergeBranchesByThreeWay(b -> b.repositoryName("unreferenced").sourceCommitSpecifier("feature")
        .destinationCommitSpecifier(mainTip).targetBranch("nowhere")))).isEqualTo("BranchDoesNotExistException");
    String merged = sdk.mergeBranchesByThreeWay(b -> b.repositoryName("unreferenced").sourceCommitSpecifier("feature")
        .destinationCommitSpecifier(mainTip).targetBranch("main")).commitId();
    assertThat(tip("unreferenced", "main")).isEqualTo(merged);
    assertThat(sdk.getCommit(b -> b.repositoryName("unreferenced").commitId(merged)).commit().parents())
        .containsExactly(mainTip, featureTip);
  }

  @Test
  void conflictListingsPageAndBatchDescribeReportsEachPath() {
    String base = repositoryWithFeatureBranch("pages");
    String mainTip = put("pages", "main", base, "file.txt", "main\n");
    mainTip = put("pages", "main", mainTip, "other.txt", "main's other\n");
    String featureTip = put("pages", "feature", base, "file.txt", "feature\n");
    put("pages", "feature", featureTip, "other.txt", "feature's other\n");

    GetMergeConflictsResponse first = sdk.getMergeConflicts(b -> b.repositoryName("pages").sourceCommitSpecifier("feature")
        .destinationCommitSpecifier("main").mergeOption(MergeOptionTypeEnum.SQUASH_MERGE).maxConflictFiles(1));
    assertThat(first.conflictMetadataList()).extracting(m -> m.filePath()).containsExactly("file.txt");
    assertThat(first.nextToken()).isNotNull();
    GetMergeConflictsResponse second = sdk.getMergeConflicts(b -> b.repositoryName("pages").sourceCommitSpecifier("feature")
        .destinationCommitSpecifier("main").mergeOption(MergeOptionTypeEnum.SQUASH_MERGE).maxConflictFiles(1).nextToken(first.nextToken()));
    assertThat(second.conflictMetadataList()).extracting(m -> m.filePath()).containsExactly("other.txt");
    assertThat(second.nextToken()).isNull();

    BatchDescribeMergeConflictsResponse batch = sdk.batchDescribeMergeConflicts(b -> b.repositoryName("pages")
        .sourceCommitSpecifier("feature").destinationCommitSpecifier("main").mergeOption(MergeOptionTypeEnum.THREE_WAY_MERGE)
        .conflictDetailLevel(ConflictDetailLevelTypeEnum.LINE_LEVEL).filePaths("other.txt", "missing.txt"));
    assertThat(batch.conflicts()).hasSize(1);
    assertThat(batch.conflicts().get(0).conflictMetadata().filePath()).isEqualTo("other.txt");
    assertThat(batch.conflicts().get(0).mergeHunks().get(0).source().hunkContent()).isEqualTo("ZmVhdHVyZSdzIG90aGVyCg==");
    assertThat(batch.errors()).hasSize(1);
    assertThat(batch.errors().get(0).filePath()).isEqualTo("missing.txt");
    assertThat(batch.errors().get(0).exceptionName()).isEqualTo("FileDoesNotExistException");
    assertThat(batch.destinationCommitId()).isEqualTo(mainTip);

    // ACCEPT_SOURCE settles every conflict.
    String squash = sdk.mergeBranchesBySquash(b -> b.repositoryName("pages").sourceCommitSpecifier("feature")
        .destinationCommitSpecifier("main").conflictResolutionStrategy("ACCEPT_SOURCE").authorName("Bo").email("bo@example.com"))
        .commitId();
    var commit = sdk.getCommit(b -> b.repositoryName("pages").commitId(squash)).commit();
    assertThat(commit.author().name()).isEqualTo("Bo");
    assertThat(commit.parents()).hasSize(1);
    assertThat(sdk.getFile(b -> b.repositoryName("pages").filePath("file.txt")).fileContent().asUtf8String()).isEqualTo("feature\n");
  }

  @Test
  void badInputsGetTheModelsErrors() {
    String base = repositoryWithFeatureBranch("bad");
    put("bad", "main", base, "file.txt", "main\n");
    put("bad", "feature", base, "file.txt", "feature\n");

    assertThat(error(() -> sdk.getMergeOptions(b -> b.repositoryName("nope").sourceCommitSpecifier("feature")
        .destinationCommitSpecifier("main")))).isEqualTo("RepositoryDoesNotExistException");
    assertThat(error(() -> sdk.getMergeOptions(b -> b.repositoryName("bad").destinationCommitSpecifier("main"))))
        .isEqualTo("CommitRequiredException");
    assertThat(error(() -> sdk.getMergeOptions(b -> b.repositoryName("bad").sourceCommitSpecifier("no-such-branch")
        .destinationCommitSpecifier("main")))).isEqualTo("CommitDoesNotExistException");
    assertThat(error(() -> sdk.getMergeOptions(b -> b.repositoryName("bad").sourceCommitSpecifier("bad..name")
        .destinationCommitSpecifier("main")))).isEqualTo("InvalidCommitException");
    assertThat(error(() -> sdk.getMergeConflicts(b -> b.repositoryName("bad").sourceCommitSpecifier("feature")
        .destinationCommitSpecifier("bad..name").mergeOption(MergeOptionTypeEnum.SQUASH_MERGE)))).isEqualTo("InvalidDestinationCommitSpecifierException");
    assertThat(error(() -> sdk.getMergeOptions(b -> b.repositoryName("bad").sourceCommitSpecifier("feature")
        .destinationCommitSpecifier("main").conflictDetailLevel("WORD_LEVEL")))).isEqualTo("InvalidConflictDetailLevelException");
    assertThat(error(() -> sdk.getMergeCommit(b -> b.repositoryName("bad").sourceCommitSpecifier("feature")
        .destinationCommitSpecifier("main").conflictResolutionStrategy("GUESS")))).isEqualTo("InvalidConflictResolutionStrategyException");
    assertThat(error(() -> sdk.getMergeConflicts(b -> b.repositoryName("bad").sourceCommitSpecifier("feature")
        .destinationCommitSpecifier("main").mergeOption("OCTOPUS_MERGE")))).isEqualTo("InvalidMergeOptionException");
    assertThat(error(() -> sdk.getMergeConflicts(b -> b.repositoryName("bad").sourceCommitSpecifier("feature")
        .destinationCommitSpecifier("main").mergeOption(MergeOptionTypeEnum.SQUASH_MERGE).maxConflictFiles(0))))
        .isEqualTo("InvalidMaxConflictFilesException");
    assertThat(error(() -> sdk.getMergeConflicts(b -> b.repositoryName("bad").sourceCommitSpecifier("feature")
        .destinationCommitSpecifier("main").mergeOption(MergeOptionTypeEnum.SQUASH_MERGE).nextToken("not-a-token"))))
        .isEqualTo("InvalidContinuationTokenException");
    assertThat(error(() -> sdk.describeMergeConflicts(b -> b.repositoryName("bad").sourceCommitSpecifier("feature")
        .destinationCommitSpecifier("main").mergeOption(MergeOptionTypeEnum.FAST_FORWARD_MERGE).filePath("file.txt"))))
        .isEqualTo("InvalidMergeOptionException");
    assertThat(error(() -> sdk.describeMergeConflicts(b -> b.repositoryName("bad").sourceCommitSpecifier("feature")
        .destinationCommitSpecifier("main").mergeOption(MergeOptionTypeEnum.SQUASH_MERGE)))).isEqualTo("PathRequiredException");
    assertThat(error(() -> sdk.describeMergeConflicts(b -> b.repositoryName("bad").sourceCommitSpecifier("feature")
        .destinationCommitSpecifier("main").mergeOption(MergeOptionTypeEnum.SQUASH_MERGE).filePath("elsewhere.txt"))))
        .isEqualTo("FileDoesNotExistException");
    assertThat(error(() -> sdk.describeMergeConflicts(b -> b.repositoryName("bad").sourceCommitSpecifier("feature")
        .destinationCommitSpecifier("main").mergeOption(MergeOptionTypeEnum.SQUASH_MERGE).filePath("file.txt").maxMergeHunks(0))))
        .isEqualTo("InvalidMaxMergeHunksException");
    assertThat(error(() -> sdk.mergeBranchesBySquash(b -> b.repositoryName("bad").sourceCommitSpecifier("feature")
        .destinationCommitSpecifier("main").conflictResolution(r -> r.replaceContents(ReplaceContentEntry.builder().filePath("elsewhere.txt")
            .replacementType(ReplacementTypeEnum.KEEP_SOURCE).build()))))).isEqualTo("InvalidConflictResolutionException");
    assertThat(error(() -> sdk.mergeBranchesBySquash(b -> b.repositoryName("bad").sourceCommitSpecifier("feature")
        .destinationCommitSpecifier("main").conflictResolution(r -> r.replaceContents(ReplaceContentEntry.builder().filePath("file.txt")
            .replacementType(ReplacementTypeEnum.USE_NEW_CONTENT).build()))))).isEqualTo("ReplacementContentRequiredException");
    assertThat(error(() -> sdk.mergeBranchesByThreeWay(b -> b.repositoryName("bad").sourceCommitSpecifier("feature")
        .destinationCommitSpecifier("main").email("not an email")))).isEqualTo("InvalidEmailException");
    assertThat(error(() -> sdk.mergeBranchesByFastForward(b -> b.repositoryName("bad").sourceCommitSpecifier("feature")
        .destinationCommitSpecifier("main").targetBranch("bad..branch")))).isEqualTo("InvalidBranchNameException");
    // Moving feature to a squash on main would drop feature's own commit.
    assertThat(aws.run("codecommit", "merge-branches-by-squash", "--repository-name", "bad", "--source-commit-specifier", "feature",
        "--destination-commit-specifier", "main", "--conflict-resolution-strategy", "ACCEPT_SOURCE", "--target-branch", "feature")
        .errorCode()).isEqualTo("InvalidTargetBranchException");
  }

  @Test
  void aPolicyOnReferencesDeniesMergingIntoMain() {
    String base = repositoryWithFeatureBranch("guarded");
    String featureTip = put("guarded", "feature", base, "a.txt", "a\n");
    sdk.createBranch(b -> b.repositoryName("guarded").branchName("staging").commitId(base));
    AwsCli admin = aws;
    admin.run("iam", "create-user", "--user-name", "merger").json();
    admin.run("iam", "put-user-policy", "--user-name", "merger", "--policy-name", "access", "--policy-document", """
        {"Version": "2012-10-17", "Statement": [
          {"Effect": "Allow", "Action": "codecommit:*", "Resource": "*"},
          {"Effect": "Deny", "Action": "codecommit:MergeBranchesByFastForward", "Resource": "*",
           "Condition": {"StringEquals": {"codecommit:References": "refs/heads/main"}}}]}""").json();
    JsonNode key = admin.run("iam", "create-access-key", "--user-name", "merger").json().get("AccessKey");
    AwsCli merger = admin.as(key.get("AccessKeyId").asText(), key.get("SecretAccessKey").asText(), null);

    AwsCli.Result denied = merger.run("codecommit", "merge-branches-by-fast-forward", "--repository-name", "guarded",
        "--source-commit-specifier", "feature", "--destination-commit-specifier", "main");
    assertThat(denied.errorCode()).isEqualTo("AccessDeniedException");
    assertThat(denied.stderr()).contains("codecommit:MergeBranchesByFastForward");
    assertThat(merger.run("codecommit", "merge-branches-by-fast-forward", "--repository-name", "guarded",
        "--source-commit-specifier", "feature", "--destination-commit-specifier", base, "--target-branch", "main").errorCode())
        .isEqualTo("AccessDeniedException");
    assertThat(tip("guarded", "main")).isEqualTo(base);

    assertThat(merger.run("codecommit", "merge-branches-by-fast-forward", "--repository-name", "guarded",
        "--source-commit-specifier", "feature", "--destination-commit-specifier", "staging").json().get("commitId").asText())
        .isEqualTo(featureTip);
    assertThat(tip("guarded", "staging")).isEqualTo(featureTip);
    assertThat(merger.run("codecommit", "merge-branches-by-squash", "--repository-name", "guarded",
        "--source-commit-specifier", "feature", "--destination-commit-specifier", "main").succeeded()).isTrue();
  }
}
