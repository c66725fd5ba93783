package io.commitd.server.approvals;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.commitd.server.testing.AwsCli;
import io.commitd.server.testing.Git;
import io.commitd.server.testing.Sdk;
import io.commitd.server.testing.TestServer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.codecommit.CodeCommitClient;
import software.amazon.awssdk.services.codecommit.model.ApprovalState;
import software.amazon.awssdk.services.codecommit.model.Evaluation;
import software.amazon.awssdk.services.codecommit.model.RevisionNotCurrentException;

/**
 * Approval rule templates, pull-request approvals, overrides and the approval gate, with the real
 * aws CLI, the SDK for Java v2 and git: two reviewers — an IAM user and a role session matched by a
 * wildcard — approve, a new revision needs them again, and a branch tagged
 * {@code commitd:protected-refs} takes only an approved pull request's source commit.
 */
class ApprovalRulesIT {
  static final String ACCOUNT = TestServer.ACCOUNT_ID;
  static final String REVIEWER_POLICY =
      "{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"codecommit:*\",\"Resource\":\"*\"}}";
  static final String TEMPLATE = """
      {"Version": "2018-11-08", "DestinationReferences": ["refs/heads/main"],
       "Statements": [{"Type": "Approvers", "NumberOfApprovalsNeeded": 2,
         "ApprovalPoolMembers": ["arn:aws:iam::%s:user/alice", "arn:aws:sts::%s:assumed-role/Reviewers/*"]}]}"""
      .formatted(ACCOUNT, ACCOUNT);

  static TestServer server;
  static AwsCli root;
  static AwsCli alice;
  static AwsCli bobAsReviewer;
  static CodeCommitClient bobSdk;

  @TempDir Path scratch;

  @BeforeAll
  static void start() {
    server = TestServer.start();
    root = server.rootCli();
    alice = user("alice", REVIEWER_POLICY);
    AwsCli bob = user("bob", "{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"sts:AssumeRole\","
        + "\"Resource\":\"*\"}}");
    String roleArn = root.run("iam", "create-role", "--role-name", "Reviewers", "--assume-role-policy-document",
        "{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"arn:aws:iam::" + ACCOUNT
            + ":root\"},\"Action\":\"sts:AssumeRole\"}}").json().get("Role").get("Arn").asText();
    root.run("iam", "put-role-policy", "--role-name", "Reviewers", "--policy-name", "review", "--policy-document",
        REVIEWER_POLICY).json();
    JsonNode credentials = bob.run("sts", "assume-role", "--role-arn", roleArn, "--role-session-name", "bob").json()
        .get("Credentials");
    bobAsReviewer = bob.as(credentials.get("AccessKeyId").asText(), credentials.get("SecretAccessKey").asText(),
        credentials.get("SessionToken").asText());
    bobSdk = new Sdk(server.endpoint(), credentials.get("AccessKeyId").asText(),
        credentials.get("SecretAccessKey").asText(), credentials.get("SessionToken").asText()).codeCommit();
  }

  @AfterAll
  static void stop() {
    if (bobSdk != null) {
      bobSdk.close();
    }
    server.close();
  }

  static AwsCli user(String name, String policy) {
    root.run("iam", "create-user", "--user-name", name).json();
    root.run("iam", "put-user-policy", "--user-name", name, "--policy-name", "access", "--policy-document", policy).json();
    JsonNode key = root.run("iam", "create-access-key", "--user-name", name).json().get("AccessKey");
    return root.as(key.get("AccessKeyId").asText(), key.get("SecretAccessKey").asText(), null);
  }

  /** A repository with main and a feature branch one commit ahead, cloned in {@code work}. */
  Path repositoryWithFeature(Git git, String name, String feature) {
    root.run("codecommit", "create-repository", "--repository-name", name).json();
    Path work = scratch.resolve(name);
    git.ok(scratch, "clone", "-q", server.endpoint() + "/v1/repos/" + name, work.toString());
    git.commitFile(work, "README.md", "hello\n", "first");
    git.ok(work, "push", "-q", "origin", "HEAD:refs/heads/main");
    git.ok(work, "checkout", "-q", "-b", feature);
    git.commitFile(work, "login.txt", "login\n", "add login");
    git.ok(work, "push", "-q", "origin", feature);
    return work;
  }

  static JsonNode pullRequest(String id) {
    return root.run("codecommit", "get-pull-request", "--pull-request-id", id).json().get("pullRequest");
  }

  static JsonNode evaluate(AwsCli cli, String id, String revision) {
    return cli.run("codecommit", "evaluate-pull-request-approval-rules", "--pull-request-id", id, "--revision-id", revision)
        .json().get("evaluation");
  }

  static void approve(AwsCli cli, String id, String revision) {
    cli.run("codecommit", "update-pull-request-approval-state", "--pull-request-id", id, "--revision-id", revision,
        "--approval-state", "APPROVE").json();
  }

  @Test
  void aTemplateRequiresTwoReviewersAndAProtectedBranchTakesOnlyTheApprovedRevision() {
    Git git = Git.withCredentialHelper(scratch, root);
    Path work = repositoryWithFeature(git, "web", "feature/login");

    JsonNode template = root.run("codecommit", "create-approval-rule-template", "--approval-rule-template-name",
        "Two reviewers", "--approval-rule-template-description", "Main needs two", "--approval-rule-template-content",
        TEMPLATE).json().get("approvalRuleTemplate");
    assertThat(template.get("lastModifiedUser").asText()).isEqualTo("arn:aws:iam::" + ACCOUNT + ":root");
    assertThat(root.run("codecommit", "list-approval-rule-templates").json().get("approvalRuleTemplateNames"))
        .extracting(JsonNode::asText).containsExactly("Two reviewers");
    root.run("codecommit", "associate-approval-rule-template-with-repository", "--approval-rule-template-name",
        "Two reviewers", "--repository-name", "web").json();
    assertThat(root.run("codecommit", "list-repositories-for-approval-rule-template", "--approval-rule-template-name",
        "Two reviewers").json().get("repositoryNames")).extracting(JsonNode::asText).containsExactly("web");

    // A new pull request into main gets the template's rule.
    JsonNode pr = root.run("codecommit", "create-pull-request", "--title", "Login", "--targets",
        "repositoryName=web,sourceReference=feature/login,destinationReference=main").json().get("pullRequest");
    String id = pr.get("pullRequestId").asText();
    String firstRevision = pr.get("revisionId").asText();
    JsonNode rule = pr.get("approvalRules").get(0);
    assertThat(rule.get("approvalRuleName").asText()).isEqualTo("Two reviewers");
    assertThat(rule.get("originApprovalRuleTemplate").get("approvalRuleTemplateId").asText())
        .isEqualTo(template.get("approvalRuleTemplateId").asText());
    assertThat(rule.get("ruleContentSha256").asText()).isEqualTo(template.get("ruleContentSha256").asText());

    JsonNode evaluation = evaluate(root, id, firstRevision);
    assertThat(evaluation.get("approved").asBoolean()).isFalse();
    assertThat(evaluation.get("approvalRulesNotSatisfied")).extracting(JsonNode::asText).containsExactly("Two reviewers");
    assertThat(root.run("codecommit", "update-pull-request-approval-state", "--pull-request-id", id, "--revision-id",
        firstRevision, "--approval-state", "APPROVE").errorCode()).isEqualTo("PullRequestCannotBeApprovedByAuthorException");
    assertThat(root.run("codecommit", "delete-pull-request-approval-rule", "--pull-request-id", id, "--approval-rule-name",
        "Two reviewers").errorCode()).isEqualTo("CannotDeleteApprovalRuleFromTemplateException");

    // Alice, and Bob through the Reviewers role (matched by the pool's wildcard), approve.
    approve(alice, id, firstRevision);
    assertThat(evaluate(root, id, firstRevision).get("approved").asBoolean()).isFalse();
    bobSdk.updatePullRequestApprovalState(r -> r.pullRequestId(id).revisionId(firstRevision)
        .approvalState(ApprovalState.APPROVE));
    Evaluation approved = bobSdk.evaluatePullRequestApprovalRules(r -> r.pullRequestId(id).revisionId(firstRevision))
        .evaluation();
    assertThat(approved.approved()).isTrue();
    assertThat(approved.approvalRulesSatisfied()).containsExactly("Two reviewers");
    assertThat(root.run("codecommit", "get-pull-request-approval-states", "--pull-request-id", id, "--revision-id",
        firstRevision).json().get("approvals")).extracting(a -> a.get("userArn").asText()).containsExactlyInAnyOrder(
        "arn:aws:iam::" + ACCOUNT + ":user/alice", "arn:aws:sts::" + ACCOUNT + ":assumed-role/Reviewers/bob");

    // A new revision leaves the approvals behind.
    String second = git.commitFile(work, "login.txt", "login v2\n", "better login");
    git.ok(work, "push", "-q", "origin", "feature/login");
    String secondRevision = pullRequest(id).get("revisionId").asText();
    assertThat(secondRevision).isNotEqualTo(firstRevision);
    assertThat(evaluate(root, id, secondRevision).get("approved").asBoolean()).isFalse();
    assertThatThrownBy(() -> bobSdk.evaluatePullRequestApprovalRules(r -> r.pullRequestId(id).revisionId(firstRevision)))
        .isInstanceOf(RevisionNotCurrentException.class);
    assertThat(alice.run("codecommit", "update-pull-request-approval-state", "--pull-request-id", id, "--revision-id",
        firstRevision, "--approval-state", "APPROVE").errorCode()).isEqualTo("RevisionNotCurrentException");
    assertThat(root.run("codecommit", "merge-pull-request-by-fast-forward", "--pull-request-id", id, "--repository-name",
        "web").errorCode()).as("a merge of the unapproved revision").isEqualTo("PullRequestApprovalRulesNotSatisfiedException");

    // main is protected: an unreviewed push is refused on main's own line, naming the tag.
    root.run("codecommit", "tag-resource", "--resource-arn", "arn:aws:codecommit:us-east-1:" + ACCOUNT + ":web",
        "--tags", "commitd:protected-refs=refs/heads/main refs/heads/release/*").json();
    git.ok(work, "checkout", "-q", "main");
    git.commitFile(work, "hotfix.txt", "quick\n", "unreviewed hotfix");
    Git.Result refused = git.run(work, "push", "origin", "main");
    assertThat(refused.exitCode()).isNotZero();
    assertThat(refused.stderr()).containsPattern("main -> main \\(.*refs/heads/main is protected by the repository tag"
        + " commitd:protected-refs");
    AwsCli.Result putFile = root.run("codecommit", "put-file", "--repository-name", "web", "--branch-name", "main",
        "--file-path", "x.txt", "--file-content", "eA==", "--parent-commit-id", pullRequest(id).get("pullRequestTargets")
            .get(0).get("destinationCommit").asText());
    assertThat(putFile.errorCode()).isEqualTo("PullRequestApprovalRulesNotSatisfiedException");
    git.ok(work, "reset", "-q", "--hard", "origin/main");

    // The pull request's revision, not yet approved again, is refused naming the rule.
    Git.Result notApproved = git.run(work, "push", "origin", second + ":refs/heads/main");
    assertThat(notApproved.exitCode()).isNotZero();
    assertThat(notApproved.stderr()).contains("pull request " + id + " is not approved: approval rule 'Two reviewers'"
        + " needs 2 approvals from the pool, has 0");

    // Approved again, exactly that revision is accepted, and the pull request is then merged.
    approve(alice, id, secondRevision);
    approve(bobAsReviewer, id, secondRevision);
    git.ok(work, "push", "-q", "origin", second + ":refs/heads/main");
    JsonNode merged = pullRequest(id);
    assertThat(merged.get("pullRequestStatus").asText()).isEqualTo("CLOSED");
    assertThat(merged.get("pullRequestTargets").get(0).get("mergeMetadata").get("isMerged").asBoolean()).isTrue();

    // The tag's wildcard protects release branches from API writers too; other branches are free.
    assertThat(root.run("codecommit", "create-branch", "--repository-name", "web", "--branch-name", "release/1",
        "--commit-id", second).errorCode()).isEqualTo("PullRequestApprovalRulesNotSatisfiedException");
    root.run("codecommit", "create-branch", "--repository-name", "web", "--branch-name", "scratch", "--commit-id", second)
        .json();
    assertThat(root.run("codecommit", "delete-branch", "--repository-name", "web", "--branch-name", "scratch")
        .succeeded()).isTrue();
    List<String> history = new ArrayList<>();
    root.run("codecommit", "describe-pull-request-events", "--pull-request-id", id).json().get("pullRequestEvents")
        .forEach(event -> history.add(event.get("pullRequestEventType").asText()));
    assertThat(history).contains("PULL_REQUEST_APPROVAL_STATE_CHANGED", "PULL_REQUEST_MERGE_STATE_CHANGED");
  }

  @Test
  void rulesOfItsOwnAnOverrideAndTheTemplateLifecycle() {
    Git git = Git.withCredentialHelper(scratch, root);
    repositoryWithFeature(git, "api", "feature/rate-limit");
    JsonNode pr = root.run("codecommit", "create-pull-request", "--title", "Rate limit", "--targets",
        "repositoryName=api,sourceReference=feature/rate-limit,destinationReference=main").json().get("pullRequest");
    String id = pr.get("pullRequestId").asText();
    String revision = pr.get("revisionId").asText();
    assertThat(pr.get("approvalRules")).isEmpty();

    String content = "{\"Version\":\"2018-11-08\",\"Statements\":[{\"Type\":\"Approvers\",\"NumberOfApprovalsNeeded\":1}]}";
    JsonNode rule = root.run("codecommit", "create-pull-request-approval-rule", "--pull-request-id", id,
        "--approval-rule-name", "One", "--approval-rule-content", content).json().get("approvalRule");
    assertThat(root.run("codecommit", "create-pull-request-approval-rule", "--pull-request-id", id, "--approval-rule-name",
        "One", "--approval-rule-content", content).errorCode()).isEqualTo("ApprovalRuleNameAlreadyExistsException");
    assertThat(root.run("codecommit", "create-pull-request-approval-rule", "--pull-request-id", id, "--approval-rule-name",
        "Bad", "--approval-rule-content", "{\"Version\":\"2018-11-08\"").errorCode())
        .isEqualTo("InvalidApprovalRuleContentException");
    String twoNeeded = content.replace("\"NumberOfApprovalsNeeded\":1", "\"NumberOfApprovalsNeeded\":2");
    assertThat(root.run("codecommit", "update-pull-request-approval-rule-content", "--pull-request-id", id,
        "--approval-rule-name", "One", "--existing-rule-content-sha256", "0".repeat(64), "--new-rule-content", twoNeeded)
        .errorCode()).isEqualTo("InvalidRuleContentSha256Exception");
    JsonNode updated = root.run("codecommit", "update-pull-request-approval-rule-content", "--pull-request-id", id,
        "--approval-rule-name", "One", "--existing-rule-content-sha256", rule.get("ruleContentSha256").asText(),
        "--new-rule-content", twoNeeded).json().get("approvalRule");
    assertThat(updated.get("approvalRuleContent").asText()).isEqualTo(twoNeeded);

    // Unmet rules stop an API merge with CodeCommit's error, not an IAM denial.
    root.run("codecommit", "create-pull-request-approval-rule", "--pull-request-id", id, "--approval-rule-name", "Two",
        "--approval-rule-content", content).json();
    assertThat(root.run("codecommit", "merge-pull-request-by-fast-forward", "--pull-request-id", id, "--repository-name", "api")
        .errorCode()).isEqualTo("PullRequestApprovalRulesNotSatisfiedException");

    // Alice overrides the rules; the override is recorded and satisfies the evaluation.
    assertThat(alice.run("codecommit", "override-pull-request-approval-rules", "--pull-request-id", id, "--revision-id",
        revision, "--override-status", "OVERRIDE").succeeded()).isTrue();
    assertThat(alice.run("codecommit", "override-pull-request-approval-rules", "--pull-request-id", id, "--revision-id",
        revision, "--override-status", "OVERRIDE").errorCode()).isEqualTo("OverrideAlreadySetException");
    JsonNode state = root.run("codecommit", "get-pull-request-override-state", "--pull-request-id", id, "--revision-id",
        revision).json();
    assertThat(state.get("overridden").asBoolean()).isTrue();
    assertThat(state.get("overrider").asText()).isEqualTo("arn:aws:iam::" + ACCOUNT + ":user/alice");
    JsonNode evaluation = evaluate(root, id, revision);
    assertThat(evaluation.get("approved").asBoolean()).isTrue();
    assertThat(evaluation.get("overridden").asBoolean()).isTrue();
    JsonNode overridden = root.run("codecommit", "describe-pull-request-events", "--pull-request-id", id,
        "--pull-request-event-type", "PULL_REQUEST_APPROVAL_RULE_OVERRIDDEN").json().get("pullRequestEvents").get(0);
    assertThat(overridden.get("approvalRuleOverriddenEventMetadata").get("overrideStatus").asText()).isEqualTo("OVERRIDE");

    assertThat(root.run("codecommit", "delete-pull-request-approval-rule", "--pull-request-id", id, "--approval-rule-name",
        "One").json().get("approvalRuleId").asText()).isEqualTo(rule.get("approvalRuleId").asText());
    assertThat(root.run("codecommit", "delete-pull-request-approval-rule", "--pull-request-id", id, "--approval-rule-name",
        "One").json().get("approvalRuleId").asText()).isEmpty();

    // The override lets the merge through although rule Two is still unmet; the pull request is merged.
    JsonNode merged = root.run("codecommit", "merge-pull-request-by-three-way", "--pull-request-id", id, "--repository-name", "api")
        .json().get("pullRequest");
    assertThat(merged.get("pullRequestTargets").get(0).get("mergeMetadata").get("isMerged").asBoolean()).isTrue();

    // Templates: rename, describe, change content, batch association with errors, delete once unused.
    root.run("codecommit", "create-approval-rule-template", "--approval-rule-template-name", "Ops", "--approval-rule-template-content",
        content).json();
    assertThat(root.run("codecommit", "create-approval-rule-template", "--approval-rule-template-name", "Ops",
        "--approval-rule-template-content", content).errorCode()).isEqualTo("ApprovalRuleTemplateNameAlreadyExistsException");
    root.run("codecommit", "update-approval-rule-template-name", "--old-approval-rule-template-name", "Ops",
        "--new-approval-rule-template-name", "Operations").json();
    assertThat(root.run("codecommit", "update-approval-rule-template-description", "--approval-rule-template-name",
        "Operations", "--approval-rule-template-description", "For ops").json().get("approvalRuleTemplate")
        .get("approvalRuleTemplateDescription").asText()).isEqualTo("For ops");
    assertThat(root.run("codecommit", "update-approval-rule-template-content", "--approval-rule-template-name", "Operations",
        "--new-rule-content", twoNeeded).json().get("approvalRuleTemplate").get("approvalRuleTemplateContent").asText())
        .isEqualTo(twoNeeded);
    JsonNode batch = root.run("codecommit", "batch-associate-approval-rule-template-with-repositories",
        "--approval-rule-template-name", "Operations", "--repository-names", "api", "missing").json();
    assertThat(batch.get("associatedRepositoryNames")).extracting(JsonNode::asText).containsExactly("api");
    assertThat(batch.get("errors").get(0).get("errorCode").asText()).isEqualTo("RepositoryDoesNotExistException");
    assertThat(root.run("codecommit", "list-associated-approval-rule-templates-for-repository", "--repository-name", "api")
        .json().get("approvalRuleTemplateNames")).extracting(JsonNode::asText).containsExactly("Operations");
    assertThat(root.run("codecommit", "delete-approval-rule-template", "--approval-rule-template-name", "Operations")
        .errorCode()).isEqualTo("ApprovalRuleTemplateInUseException");
    root.run("codecommit", "batch-disassociate-approval-rule-template-from-repositories", "--approval-rule-template-name",
        "Operations", "--repository-names", "api").json();
    assertThat(root.run("codecommit", "delete-approval-rule-template", "--approval-rule-template-name", "Operations")
        .json().get("approvalRuleTemplateId").asText()).isNotEmpty();
    assertThat(root.run("codecommit", "get-approval-rule-template", "--approval-rule-template-name", "Operations")
        .errorCode()).isEqualTo("ApprovalRuleTemplateDoesNotExistException");
  }
}
