package io.commitd.server.pullrequests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.commitd.server.testing.AwsCli;
import io.commitd.server.testing.Git;
import io.commitd.server.testing.TestServer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.codecommit.CodeCommitClient;
import software.amazon.awssdk.services.codecommit.model.CodeCommitException;
import software.amazon.awssdk.services.codecommit.model.PullRequest;
import software.amazon.awssdk.services.codecommit.model.PullRequestEventType;
import software.amazon.awssdk.services.codecommit.model.PullRequestStatusEnum;
import software.amazon.awssdk.services.codecommit.model.Target;

/** Pull requests with the real aws CLI, the SDK for Java v2 and git: open, follow new revisions, close, merge by push. */
class PullRequestsIT {
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

  /** A repository with main and a feature branch one commit ahead, cloned in {@code work}. */
  Path repositoryWithFeature(String name, String feature) {
    aws.run("codecommit", "create-repository", "--repository-name", name).json();
    Git git = Git.withCredentialHelper(scratch, aws);
    Path work = scratch.resolve(name);
    git.ok(scratch, "clone", "-q", server.endpoint() + "/v1/repos/" + name, work.toString());
    git.commitFile(work, "README.md", "hello\n", "first");
    git.ok(work, "push", "-q", "origin", "HEAD:refs/heads/main");
    git.ok(work, "checkout", "-q", "-b", feature);
    git.commitFile(work, "auth.txt", "auth\n", "add auth");
    git.ok(work, "push", "-q", "origin", feature);
    return work;
  }

  static JsonNode createPullRequest(String repository, String source, String title) {
    return aws.run("codecommit", "create-pull-request", "--title", title, "--description", "Adds it",
        "--targets", "repositoryName=" + repository + ",sourceReference=" + source + ",destinationReference=main")
        .json().get("pullRequest");
  }

  @Test
  void aPullRequestIsOpenedReadListedAndFollowsNewRevisions() {
    Path work = repositoryWithFeature("app", "feature/auth");
    Git git = Git.withCredentialHelper(scratch, aws);

    JsonNode pr = createPullRequest("app", "feature/auth", "Add auth");
    String id = pr.get("pullRequestId").asText();
    JsonNode target = pr.get("pullRequestTargets").get(0);
    assertThat(pr.get("pullRequestStatus").asText()).isEqualTo("OPEN");
    assertThat(pr.get("authorArn").asText()).isEqualTo("arn:aws:iam::" + TestServer.ACCOUNT_ID + ":root");
    assertThat(target.get("sourceReference").asText()).isEqualTo("refs/heads/feature/auth");
    assertThat(target.get("destinationReference").asText()).isEqualTo("refs/heads/main");
    assertThat(target.get("mergeMetadata").get("isMerged").asBoolean()).isFalse();
    assertThat(target.get("mergeBase").asText()).isEqualTo(target.get("destinationCommit").asText());
    String firstRevision = pr.get("revisionId").asText();

    assertThat(aws.run("codecommit", "list-pull-requests", "--repository-name", "app", "--pull-request-status", "OPEN")
        .json().get("pullRequestIds").get(0).asText()).isEqualTo(id);
    assertThat(aws.run("codecommit", "list-pull-requests", "--repository-name", "app", "--author-arn",
        "arn:aws:iam::" + TestServer.ACCOUNT_ID + ":user/nobody").json().get("pullRequestIds")).isEmpty();

    String second = git.commitFile(work, "auth.txt", "auth v2\n", "improve auth");
    git.ok(work, "push", "-q", "origin", "feature/auth");

    JsonNode updated = aws.run("codecommit", "get-pull-request", "--pull-request-id", id).json().get("pullRequest");
    assertThat(updated.get("revisionId").asText()).isNotEqualTo(firstRevision);
    assertThat(updated.get("pullRequestTargets").get(0).get("sourceCommit").asText()).isEqualTo(second);
    JsonNode events = aws.run("codecommit", "describe-pull-request-events", "--pull-request-id", id,
        "--pull-request-event-type", "PULL_REQUEST_SOURCE_REFERENCE_UPDATED").json().get("pullRequestEvents");
    assertThat(events).hasSize(1);
    assertThat(events.get(0).get("pullRequestSourceReferenceUpdatedEventMetadata").get("afterCommitId").asText()).isEqualTo(second);

    JsonNode retitled = aws.run("codecommit", "update-pull-request-title", "--pull-request-id", id, "--title", "Auth, v2")
        .json().get("pullRequest");
    assertThat(retitled.get("title").asText()).isEqualTo("Auth, v2");
    assertThat(aws.run("codecommit", "update-pull-request-description", "--pull-request-id", id, "--description", "Now better")
        .json().get("pullRequest").get("description").asText()).isEqualTo("Now better");
  }

  @Test
  void aPullRequestMergedByAPlainGitPushIsMarkedMerged() {
    Path work = repositoryWithFeature("pushed", "feature/x");
    Git git = Git.withCredentialHelper(scratch, aws);
    String id = createPullRequest("pushed", "feature/x", "X").get("pullRequestId").asText();

    git.ok(work, "push", "-q", "origin", "feature/x:main");

    PullRequest pr = codeCommit.getPullRequest(r -> r.pullRequestId(id)).pullRequest();
    assertThat(pr.pullRequestStatus()).isEqualTo(PullRequestStatusEnum.CLOSED);
    assertThat(pr.pullRequestTargets().get(0).mergeMetadata().isMerged()).isTrue();
    assertThat(pr.pullRequestTargets().get(0).mergeMetadata().mergedBy())
        .isEqualTo("arn:aws:iam::" + TestServer.ACCOUNT_ID + ":root");
    assertThat(codeCommit.describePullRequestEvents(r -> r.pullRequestId(id)).pullRequestEvents())
        .extracting(e -> e.pullRequestEventType())
        .containsExactly(PullRequestEventType.PULL_REQUEST_CREATED, PullRequestEventType.PULL_REQUEST_MERGE_STATE_CHANGED,
            PullRequestEventType.PULL_REQUEST_STATUS_CHANGED);
    assertThat(error(() -> codeCommit.updatePullRequestTitle(r -> r.pullRequestId(id).title("late"))))
        .isEqualTo("PullRequestAlreadyClosedException");
    assertThat(error(() -> codeCommit.updatePullRequestStatus(r -> r.pullRequestId(id).pullRequestStatus(PullRequestStatusEnum.OPEN))))
        .isEqualTo("InvalidPullRequestStatusUpdateException");
  }

  @Test
  void theSameClientRequestTokenAnswersTheSamePullRequest() {
    repositoryWithFeature("idempotent", "topic");
    String first = codeCommit.createPullRequest(r -> r.title("T").clientRequestToken("token-1")
        .targets(target("idempotent", "topic", "main")))
        .pullRequest().pullRequestId();
    String again = codeCommit.createPullRequest(r -> r.title("T").clientRequestToken("token-1")
        .targets(target("idempotent", "topic", "main")))
        .pullRequest().pullRequestId();

    assertThat(again).isEqualTo(first);
    assertThat(error(() -> codeCommit.createPullRequest(r -> r.title("Other").clientRequestToken("token-1")
        .targets(target("idempotent", "topic", "main")))))
        .isEqualTo("IdempotencyParameterMismatchException");
  }

  @Test
  void closingAndBadInputGetCodeCommitsAnswers() {
    repositoryWithFeature("strict", "topic");
    String id = createPullRequest("strict", "topic", "T").get("pullRequestId").asText();

    PullRequest closed = codeCommit.updatePullRequestStatus(r -> r.pullRequestId(id).pullRequestStatus(PullRequestStatusEnum.CLOSED))
        .pullRequest();
    assertThat(closed.pullRequestStatus()).isEqualTo(PullRequestStatusEnum.CLOSED);
    assertThat(codeCommit.listPullRequests(r -> r.repositoryName("strict").pullRequestStatus(PullRequestStatusEnum.CLOSED))
        .pullRequestIds()).containsExactly(id);

    List<String> errors = new ArrayList<>();
    errors.add(aws.run("codecommit", "create-pull-request", "--title", "same", "--targets",
        "repositoryName=strict,sourceReference=main,destinationReference=main").errorCode());
    errors.add(aws.run("codecommit", "create-pull-request", "--title", "missing", "--targets",
        "repositoryName=strict,sourceReference=nope,destinationReference=main").errorCode());
    errors.add(aws.run("codecommit", "create-pull-request", "--title", "tag", "--targets",
        "repositoryName=strict,sourceReference=refs/tags/v1,destinationReference=main").errorCode());
    errors.add(error(() -> codeCommit.createPullRequest(r -> r.title("x".repeat(151))
        .targets(target("strict", "topic", "main")))));
    errors.add(error(() -> codeCommit.getPullRequest(r -> r.pullRequestId("not-a-number"))));
    errors.add(error(() -> codeCommit.getPullRequest(r -> r.pullRequestId("987654"))));
    errors.add(error(() -> codeCommit.listPullRequests(r -> r.repositoryName("strict").maxResults(0))));
    errors.add(error(() -> codeCommit.describePullRequestEvents(r -> r.pullRequestId(id).pullRequestEventType("NOPE"))));

    assertThat(errors).containsExactly("SourceAndDestinationAreSameException", "ReferenceDoesNotExistException",
        "ReferenceTypeNotSupportedException", "InvalidTitleException", "InvalidPullRequestIdException",
        "PullRequestDoesNotExistException", "InvalidMaxResultsException", "InvalidPullRequestEventTypeException");
  }

  static Target target(String repository, String source, String destination) {
    return Target.builder().repositoryName(repository).sourceReference(source).destinationReference(destination).build();
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
