package io.commitd.server.pullrequests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.commitd.server.testing.AwsCli;
import io.commitd.server.testing.Git;
import io.commitd.server.testing.TestServer;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.codecommit.CodeCommitClient;
import software.amazon.awssdk.services.codecommit.model.CodeCommitException;
import software.amazon.awssdk.services.codecommit.model.Comment;
import software.amazon.awssdk.services.codecommit.model.PullRequest;
import software.amazon.awssdk.services.codecommit.model.PullRequestStatusEnum;
import software.amazon.awssdk.services.codecommit.model.RelativeFileVersionEnum;

/**
 * CodeCommit's review workflow end to end with the aws CLI, the SDK and git: open a pull request,
 * discuss a line, push a new revision, resolve conflicts and merge it by three-way, squash or
 * fast-forward.
 */
class ReviewWorkflowIT {
  static TestServer server;
  static AwsCli aws;
  static CodeCommitClient codeCommit;

  @TempDir Path scratch;

  @BeforeAll
  static void start() {
    server = TestServer.start();
    aws = server.rootCli();
    codeCommit = server.rootSdk().codeCommit();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  Git git() {
    return Git.withCredentialHelper(scratch, aws);
  }

  /** main with app.txt, and feature/auth that changes its second line. */
  Path repository(String name) {
    aws.run("codecommit", "create-repository", "--repository-name", name).json();
    Git git = git();
    Path work = scratch.resolve(name);
    git.ok(scratch, "clone", "-q", server.endpoint() + "/v1/repos/" + name, work.toString());
    git.commitFile(work, "app.txt", "one\ntwo\nthree\n", "first");
    git.ok(work, "push", "-q", "origin", "HEAD:refs/heads/main");
    git.ok(work, "checkout", "-q", "-b", "feature/auth");
    git.commitFile(work, "app.txt", "one\nTWO (auth)\nthree\n", "auth");
    git.ok(work, "push", "-q", "origin", "feature/auth");
    return work;
  }

  static JsonNode openPullRequest(String repository) {
    return aws.run("codecommit", "create-pull-request", "--title", "Add auth", "--targets",
        "repositoryName=" + repository + ",sourceReference=feature/auth,destinationReference=main").json().get("pullRequest");
  }

  @Test
  void aPullRequestIsDiscussedRevisedResolvedAndMergedByThreeWay() {
    Path work = repository("reviewed");
    Git git = git();
    JsonNode pr = openPullRequest("reviewed");
    String id = pr.get("pullRequestId").asText();
    JsonNode target = pr.get("pullRequestTargets").get(0);
    String before = target.get("destinationCommit").asText();
    String after = target.get("sourceCommit").asText();

    // Discuss line 2 of the new version.
    JsonNode posted = aws.run("codecommit", "post-comment-for-pull-request", "--pull-request-id", id,
        "--repository-name", "reviewed", "--before-commit-id", before, "--after-commit-id", after,
        "--location", "filePath=app.txt,filePosition=2,relativeFileVersion=AFTER", "--content", "Why upper case?").json();
    String commentId = posted.get("comment").get("commentId").asText();
    assertThat(posted.get("location").get("filePosition").asLong()).isEqualTo(2);
    assertThat(posted.get("afterBlobId").asText()).hasSize(40);
    String replyId = aws.run("codecommit", "post-comment-reply", "--in-reply-to", commentId, "--content", "It is a heading.")
        .json().get("comment").get("commentId").asText();
    aws.run("codecommit", "put-comment-reaction", "--comment-id", commentId, "--reaction-value", ":thumbsup:");

    Comment comment = codeCommit.getComment(r -> r.commentId(commentId)).comment();
    assertThat(comment.callerReactions()).containsExactly("\uD83D\uDC4D");
    assertThat(comment.reactionCounts()).containsEntry("\uD83D\uDC4D", 1);
    assertThat(codeCommit.getCommentReactions(r -> r.commentId(commentId)).reactionsForComment().get(0).reaction().shortCode())
        .isEqualTo(":thumbsup:");
    var threads = codeCommit.getCommentsForPullRequest(r -> r.pullRequestId(id)).commentsForPullRequestData();
    assertThat(threads).hasSize(1);
    assertThat(threads.get(0).location().relativeFileVersion()).isEqualTo(RelativeFileVersionEnum.AFTER);
    assertThat(threads.get(0).comments()).extracting(Comment::commentId).containsExactly(commentId, replyId);

    // A new revision.
    git.commitFile(work, "app.txt", "one\nTWO (auth, v2)\nthree\n", "auth v2");
    git.ok(work, "push", "-q", "origin", "feature/auth");
    assertThat(codeCommit.getPullRequest(r -> r.pullRequestId(id)).pullRequest().revisionId())
        .isNotEqualTo(pr.get("revisionId").asText());

    // main moves and conflicts with the pull request.
    git.ok(work, "checkout", "-q", "main");
    String mainTip = git.commitFile(work, "app.txt", "one\n2 (main)\nthree\n", "main changes line two");
    git.ok(work, "push", "-q", "origin", "main");
    JsonNode conflicts = aws.run("codecommit", "get-merge-conflicts", "--repository-name", "reviewed",
        "--source-commit-specifier", "feature/auth", "--destination-commit-specifier", "main",
        "--merge-option", "THREE_WAY_MERGE", "--conflict-detail-level", "LINE_LEVEL").json();
    assertThat(conflicts.get("mergeable").asBoolean()).isFalse();
    assertThat(conflicts.get("conflictMetadataList").get(0).get("filePath").asText()).isEqualTo("app.txt");
    assertThat(aws.run("codecommit", "merge-pull-request-by-three-way", "--pull-request-id", id, "--repository-name", "reviewed")
        .errorCode()).isEqualTo("ManualMergeRequiredException");

    // Resolve through the API and merge.
    // aws-cli v1 takes a blob inside JSON as its text and base64-encodes it itself.
    String resolved = "one\\nTWO (auth, v2; main)\\nthree\\n";
    JsonNode merged = aws.run("codecommit", "merge-pull-request-by-three-way", "--pull-request-id", id, "--repository-name", "reviewed",
        "--conflict-resolution", "{\"replaceContents\":[{\"filePath\":\"app.txt\",\"replacementType\":\"USE_NEW_CONTENT\",\"content\":\""
            + resolved + "\"}]}", "--commit-message", "Merge auth").json().get("pullRequest");
    assertThat(merged.get("pullRequestStatus").asText()).isEqualTo("CLOSED");
    JsonNode metadata = merged.get("pullRequestTargets").get(0).get("mergeMetadata");
    assertThat(metadata.get("isMerged").asBoolean()).isTrue();
    assertThat(metadata.get("mergeOption").asText()).isEqualTo("THREE_WAY_MERGE");

    Path clone = scratch.resolve("clone");
    git.ok(scratch, "clone", "-q", server.endpoint() + "/v1/repos/reviewed", clone.toString());
    String parents = git.ok(clone, "log", "-1", "--format=%P", "origin/main").strip();
    assertThat(parents.split(" ")).hasSize(2).startsWith(mainTip);
    assertThat(git.ok(clone, "show", "origin/main:app.txt")).isEqualTo("one\nTWO (auth, v2; main)\nthree\n");
    assertThat(metadata.get("mergeCommitId").asText()).isEqualTo(git.ok(clone, "rev-parse", "origin/main").strip());
  }

  @Test
  void aPullRequestIsMergedBySquashIntoOneCommitOnMain() {
    Path work = repository("squashed");
    String id = openPullRequest("squashed").get("pullRequestId").asText();
    String mainTip = git().ok(work, "rev-parse", "main").strip();

    PullRequest merged = codeCommit.mergePullRequestBySquash(r -> r.pullRequestId(id).repositoryName("squashed")
        .commitMessage("Squash auth")).pullRequest();

    assertThat(merged.pullRequestStatus()).isEqualTo(PullRequestStatusEnum.CLOSED);
    assertThat(merged.pullRequestTargets().get(0).mergeMetadata().isMerged()).isTrue();
    var head = codeCommit.getBranch(r -> r.repositoryName("squashed").branchName("main")).branch().commitId();
    var commit = codeCommit.getCommit(r -> r.repositoryName("squashed").commitId(head)).commit();
    assertThat(commit.parents()).containsExactly(mainTip);
    assertThat(commit.message()).startsWith("Squash auth");
  }

  @Test
  void aPullRequestIsMergedByFastForwardAndTheStaleOrClosedOnesAreRefused() {
    repository("forwarded");
    JsonNode pr = openPullRequest("forwarded");
    String id = pr.get("pullRequestId").asText();
    String source = pr.get("pullRequestTargets").get(0).get("sourceCommit").asText();

    assertThat(error(() -> codeCommit.mergePullRequestByFastForward(r -> r.pullRequestId(id).repositoryName("forwarded")
        .sourceCommitId("0".repeat(40))))).isEqualTo("TipOfSourceReferenceIsDifferentException");
    PullRequest merged = codeCommit.mergePullRequestByFastForward(r -> r.pullRequestId(id).repositoryName("forwarded")
        .sourceCommitId(source)).pullRequest();

    assertThat(merged.pullRequestTargets().get(0).mergeMetadata().mergeCommitId()).isEqualTo(source);
    assertThat(codeCommit.getBranch(r -> r.repositoryName("forwarded").branchName("main")).branch().commitId()).isEqualTo(source);
    assertThat(error(() -> codeCommit.mergePullRequestByFastForward(r -> r.pullRequestId(id).repositoryName("forwarded"))))
        .isEqualTo("PullRequestAlreadyClosedException");
  }

  @Test
  void commentsOnComparedCommitsFollowCodeCommitsRules() {
    Path work = repository("discussed");
    Git git = git();
    String before = git.ok(work, "rev-parse", "main").strip();
    String after = git.ok(work, "rev-parse", "feature/auth").strip();

    String id = codeCommit.postCommentForComparedCommit(r -> r.repositoryName("discussed").beforeCommitId(before).afterCommitId(after)
        .content("Looks fine").clientRequestToken("c-1")).comment().commentId();
    assertThat(codeCommit.postCommentForComparedCommit(r -> r.repositoryName("discussed").beforeCommitId(before).afterCommitId(after)
        .content("Looks fine").clientRequestToken("c-1")).comment().commentId()).isEqualTo(id);
    assertThat(codeCommit.getCommentsForComparedCommit(r -> r.repositoryName("discussed").afterCommitId(after))
        .commentsForComparedCommitData().get(0).comments()).extracting(Comment::content).containsExactly("Looks fine");

    assertThat(codeCommit.updateComment(r -> r.commentId(id).content("Looks great")).comment().content()).isEqualTo("Looks great");
    Comment deleted = codeCommit.deleteCommentContent(r -> r.commentId(id)).comment();
    assertThat(deleted.deleted()).isTrue();
    assertThat(error(() -> codeCommit.getComment(r -> r.commentId(id)))).isEqualTo("CommentDeletedException");
    assertThat(error(() -> codeCommit.postCommentForComparedCommit(r -> r.repositoryName("discussed").afterCommitId(after)
        .content("x".repeat(10_241))))).isEqualTo("CommentContentSizeLimitExceededException");
    assertThat(error(() -> codeCommit.postCommentForComparedCommit(r -> r.repositoryName("discussed").beforeCommitId(before)
        .afterCommitId(after).content("where?").location(l -> l.filePath("missing.txt").filePosition(1L)))))
        .isEqualTo("PathDoesNotExistException");
    assertThat(error(() -> codeCommit.getComment(r -> r.commentId("not-a-uuid")))).isEqualTo("InvalidCommentIdException");
    String other = codeCommit.postCommentForComparedCommit(r -> r.repositoryName("discussed").afterCommitId(after).content("hi"))
        .comment().commentId();
    assertThat(error(() -> codeCommit.putCommentReaction(r -> r.commentId(other).reactionValue(":unicorn:"))))
        .isEqualTo("InvalidReactionValueException");
  }

  static String error(Runnable call) {
    try {
      call.run();
      return "no error";
    } catch (CodeCommitException e) {
      return e.awsErrorDetails().errorCode();
    }
  }
}
