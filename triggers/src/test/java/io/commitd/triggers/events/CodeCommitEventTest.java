package io.commitd.triggers.events;

import static io.commitd.triggers.events.JsonAssertions.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.commitd.triggers.pattern.EventPattern;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Expected JSON follows the examples in the CodeCommit User Guide, "Monitoring CodeCommit events". */
class CodeCommitEventTest {

    static final RepositoryIdentity REPO = new RepositoryIdentity("MyDemoRepo",
            "12345678-1234-5678-abcd-12345678abcd", "arn:aws:codecommit:us-east-2:123456789012:MyDemoRepo");
    static final UUID ID = UUID.fromString("01234567-0123-0123-0123-012345678901");
    static final Instant TIME = Instant.parse("2019-06-12T10:23:43.789Z");
    static final String MARY = "arn:aws:iam::123456789012:user/Mary_Major";

    static CodeCommitEvent event(EventDetail detail) {
        return CodeCommitEvent.about(REPO, detail, ID, TIME, "123456789012", "us-east-2");
    }

    @Test
    void aCreatedBranchIsAnnouncedInTheDocumentedEnvelope() {
        var detail = RepositoryStateChange.referenceCreated(REPO, "refs/heads/myBranch", "3e5983DESTINATION", MARY);

        assertThat(event(detail).toJsonNode()).isEqualTo(json("""
                {
                  'version': '0',
                  'id': '01234567-0123-0123-0123-012345678901',
                  'detail-type': 'CodeCommit Repository State Change',
                  'source': 'aws.codecommit',
                  'account': '123456789012',
                  'time': '2019-06-12T10:23:43Z',
                  'region': 'us-east-2',
                  'resources': ['arn:aws:codecommit:us-east-2:123456789012:MyDemoRepo'],
                  'detail': {
                    'event': 'referenceCreated',
                    'repositoryName': 'MyDemoRepo',
                    'repositoryId': '12345678-1234-5678-abcd-12345678abcd',
                    'referenceType': 'branch',
                    'referenceName': 'myBranch',
                    'referenceFullName': 'refs/heads/myBranch',
                    'commitId': '3e5983DESTINATION',
                    'callerUserArn': 'arn:aws:iam::123456789012:user/Mary_Major'
                  }
                }"""));
    }

    @Test
    void theEnvelopeKeepsItsDocumentedFieldOrderAndWholeSecondTime() {
        var detail = RepositoryStateChange.referenceCreated(REPO, "refs/heads/main", "abc", MARY);

        assertThat(event(detail).toJson())
                .startsWith("{\"version\":\"0\",\"id\":\"01234567-0123-0123-0123-012345678901\","
                        + "\"detail-type\":\"CodeCommit Repository State Change\",\"source\":\"aws.codecommit\","
                        + "\"account\":\"123456789012\",\"time\":\"2019-06-12T10:23:43Z\",\"region\":\"us-east-2\",");
    }

    @Test
    void anUpdatedReferenceCarriesItsOldCommitAndAnyMergeDetails() {
        var detail = RepositoryStateChange.referenceUpdated(REPO, "refs/heads/myBranch", "3e5983DESTINATION",
                "7f0103fMERGE", MARY).withMerge(new MergeDetails("3e5a9bf1BASE", "26a8f2SOURCE",
                        "3e5983DESTINATION", "THREE_WAY_MERGE", "LINE_LEVEL", "AUTOMERGE"));

        assertThat(EventJson.tree(detail)).isEqualTo(json("""
                {
                  'event': 'referenceUpdated',
                  'repositoryName': 'MyDemoRepo',
                  'repositoryId': '12345678-1234-5678-abcd-12345678abcd',
                  'referenceType': 'branch',
                  'referenceName': 'myBranch',
                  'referenceFullName': 'refs/heads/myBranch',
                  'commitId': '7f0103fMERGE',
                  'oldCommitId': '3e5983DESTINATION',
                  'baseCommitId': '3e5a9bf1BASE',
                  'sourceCommitId': '26a8f2SOURCE',
                  'destinationCommitId': '3e5983DESTINATION',
                  'mergeOption': 'THREE_WAY_MERGE',
                  'conflictDetailsLevel': 'LINE_LEVEL',
                  'conflictResolutionStrategy': 'AUTOMERGE',
                  'callerUserArn': 'arn:aws:iam::123456789012:user/Mary_Major'
                }"""));
    }

    @Test
    void aCreatedReferenceHasNoOldCommitAndADeletedOneNoCommit() {
        var created = EventJson.tree(RepositoryStateChange.referenceCreated(REPO, "refs/tags/v1", "abc", MARY));
        var deleted = EventJson.tree(RepositoryStateChange.referenceDeleted(REPO, "refs/heads/old", "26a8f2", MARY));

        assertThat(created.has("oldCommitId")).isFalse();
        assertThat(created.get("referenceType").asText()).isEqualTo("tag");
        assertThat(created.get("referenceName").asText()).isEqualTo("v1");
        assertThat(deleted.has("commitId")).isFalse();
        assertThat(deleted.get("oldCommitId").asText()).isEqualTo("26a8f2");
        assertThat(deleted.get("event").asText()).isEqualTo("referenceDeleted");
    }

    @Test
    void branchNamesKeepTheirSlashes() {
        var detail = RepositoryStateChange.referenceCreated(REPO, "refs/heads/feature/x", "abc", MARY);

        assertThat(detail.referenceName()).isEqualTo("feature/x");
    }

    @Test
    void onlyBranchesAndTagsAreReferencesCodeCommitReports() {
        assertThatThrownBy(() -> RepositoryStateChange.referenceCreated(REPO, "refs/notes/commits", "abc", MARY))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void anUnreferencedMergeCommitHasNoReferenceFields() {
        var detail = RepositoryStateChange.unreferencedMergeCommitCreated(REPO, "7f0103fMERGE",
                new MergeDetails("3e5a9bf1BASE", "26a8f2SOURCE", "3e5983DESTINATION", "SQUASH_MERGE",
                        "LINE_LEVEL", "AUTOMERGE"), null);

        assertThat(EventJson.tree(detail)).isEqualTo(json("""
                {
                  'event': 'unreferencedMergeCommitCreated',
                  'repositoryName': 'MyDemoRepo',
                  'repositoryId': '12345678-1234-5678-abcd-12345678abcd',
                  'commitId': '7f0103fMERGE',
                  'baseCommitId': '3e5a9bf1BASE',
                  'sourceCommitId': '26a8f2SOURCE',
                  'destinationCommitId': '3e5983DESTINATION',
                  'mergeOption': 'SQUASH_MERGE',
                  'conflictDetailsLevel': 'LINE_LEVEL',
                  'conflictResolutionStrategy': 'AUTOMERGE'
                }"""));
    }

    @Test
    void aMergedPullRequestSaysTrueAsAString() {
        var detail = PullRequestStateChange.builder(PullRequestEventType.PULL_REQUEST_MERGE_STATUS_UPDATED)
                .author("arn:aws:sts::123456789012:assumed-role/Admin/Mary_Major")
                .callerUserArn("arn:aws:sts::123456789012:assumed-role/Admin/Mary_Major")
                .dates("Mon Mar 11 14:42:31 UTC 2019", "Mon Mar 11 14:42:31 UTC 2019")
                .description("An example description.")
                .destination("refs/heads/main", "4376719EXAMPLE")
                .source("refs/heads/test-branch", "0701696EXAMPLE")
                .merged(true)
                .mergeOption("FAST_FORWARD_MERGE")
                .notificationBody("A pull request event occurred.")
                .pullRequestId("1")
                .pullRequestStatus("Closed")
                .repositoryNames(List.of("MyDemoRepo"))
                .revisionId("bdc0cb9beEXAMPLE")
                .title("My Example Pull Request")
                .build();

        assertThat(event(detail).toJsonNode().get("detail-type").asText())
                .isEqualTo("CodeCommit Pull Request State Change");
        assertThat(EventJson.tree(detail)).isEqualTo(json("""
                {
                  'author': 'arn:aws:sts::123456789012:assumed-role/Admin/Mary_Major',
                  'callerUserArn': 'arn:aws:sts::123456789012:assumed-role/Admin/Mary_Major',
                  'creationDate': 'Mon Mar 11 14:42:31 UTC 2019',
                  'description': 'An example description.',
                  'destinationCommit': '4376719EXAMPLE',
                  'destinationReference': 'refs/heads/main',
                  'event': 'pullRequestMergeStatusUpdated',
                  'isMerged': 'True',
                  'lastModifiedDate': 'Mon Mar 11 14:42:31 UTC 2019',
                  'mergeOption': 'FAST_FORWARD_MERGE',
                  'notificationBody': 'A pull request event occurred.',
                  'pullRequestId': '1',
                  'pullRequestStatus': 'Closed',
                  'repositoryNames': ['MyDemoRepo'],
                  'revisionId': 'bdc0cb9beEXAMPLE',
                  'sourceCommit': '0701696EXAMPLE',
                  'sourceReference': 'refs/heads/test-branch',
                  'title': 'My Example Pull Request'
                }"""));
    }

    @Test
    void anOpenPullRequestIsNotMergedByDefault() {
        var detail = PullRequestStateChange.builder(PullRequestEventType.PULL_REQUEST_CREATED).pullRequestId("20").build();

        assertThat(EventJson.tree(detail).get("isMerged").asText()).isEqualTo("False");
    }

    @Test
    void approvalEventsCarryTheirOwnFields() {
        var approval = EventJson.tree(PullRequestStateChange.builder(PullRequestEventType.PULL_REQUEST_APPROVAL_STATE_CHANGED)
                .pullRequestId("227").approvalStatus("APPROVE").build());
        var rule = EventJson.tree(PullRequestStateChange.builder(PullRequestEventType.PULL_REQUEST_APPROVAL_RULE_CREATED)
                .pullRequestId("227").approvalRule("0a9b5dfc-EXAMPLE", "1-approver-needed", "f742eebbEXAMPLE").build());
        var override = EventJson.tree(PullRequestStateChange.builder(PullRequestEventType.PULL_REQUEST_APPROVAL_RULE_OVERRIDDEN)
                .pullRequestId("227").overrideStatus("OVERRIDE").build());

        assertThat(approval.get("approvalStatus").asText()).isEqualTo("APPROVE");
        assertThat(approval.has("overrideStatus")).isFalse();
        assertThat(rule.get("approvalRuleId").asText()).isEqualTo("0a9b5dfc-EXAMPLE");
        assertThat(rule.get("approvalRuleName").asText()).isEqualTo("1-approver-needed");
        assertThat(rule.get("approvalRuleContentSha256").asText()).isEqualTo("f742eebbEXAMPLE");
        assertThat(override.get("event").asText()).isEqualTo("pullRequestApprovalRuleOverridden");
        assertThat(override.get("overrideStatus").asText()).isEqualTo("OVERRIDE");
    }

    @Test
    void aCommentOnAPullRequestTravelsUnderItsOwnDetailType() {
        var detail = CommentEvent.onPullRequest(CommentEventType.COMMENT_ON_PULL_REQUEST_CREATED, REPO, "201",
                        "463bEXAMPLE", "3c5dEXAMPLE", "f4d5EXAMPLE", MARY)
                .inReplyTo("695bEXAMPLE")
                .withNotificationBody("A comment event occurred.")
                .withCallerTags("Mary Major", "mary_major@example.com");

        assertThat(detail.detailType()).isEqualTo("CodeCommit Comment on Pull Request");
        assertThat(EventJson.tree(detail)).isEqualTo(json("""
                {
                  'afterCommitId': 'f4d5EXAMPLE',
                  'beforeCommitId': '3c5dEXAMPLE',
                  'callerUserArn': 'arn:aws:iam::123456789012:user/Mary_Major',
                  'commentId': '463bEXAMPLE',
                  'event': 'commentOnPullRequestCreated',
                  'inReplyTo': '695bEXAMPLE',
                  'notificationBody': 'A comment event occurred.',
                  'pullRequestId': '201',
                  'repositoryId': '12345678-1234-5678-abcd-12345678abcd',
                  'repositoryName': 'MyDemoRepo',
                  'displayName': 'Mary Major',
                  'emailAddress': 'mary_major@example.com'
                }"""));
    }

    @Test
    void aCommentOnACommitHasNoPullRequest() {
        var detail = CommentEvent.onCommit(CommentEventType.COMMENT_ON_COMMIT_UPDATED, REPO, "a7e5471e",
                "03314446", "53812581", MARY);

        assertThat(detail.detailType()).isEqualTo("CodeCommit Comment on Commit");
        assertThat(EventJson.tree(detail).has("pullRequestId")).isFalse();
        assertThat(EventJson.tree(detail).has("inReplyTo")).isFalse();
        assertThatThrownBy(() -> new CommentEvent(CommentEventType.COMMENT_ON_COMMIT_CREATED, null, null, null,
                "c", null, null, "1", null, null, null, null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aTemplateAssociationListsRepositoriesByNameAndId() {
        var detail = new ApprovalRuleTemplateChange(ApprovalRuleTemplateEventType.ASSOCIATED_WITH_REPOSITORY,
                "f742eebbEXAMPLE", "d7385967-EXAMPLE", "2-approvers-required-for-main", MARY,
                "Wed Nov 06 19:02:14 UTC 2019", "Wed Nov 06 19:02:14 UTC 2019", "An approval rule template event.",
                Map.of("MyDemoRepo", "12345678-1234-5678-abcd-12345678abcd"));

        assertThat(event(detail).toJsonNode().get("detail-type").asText())
                .isEqualTo("CodeCommit Approval Rule Template Change");
        assertThat(EventJson.tree(detail)).isEqualTo(json("""
                {
                  'approvalRuleTemplateContentSha256': 'f742eebbEXAMPLE',
                  'approvalRuleTemplateId': 'd7385967-EXAMPLE',
                  'approvalRuleTemplateName': '2-approvers-required-for-main',
                  'callerUserArn': 'arn:aws:iam::123456789012:user/Mary_Major',
                  'creationDate': 'Wed Nov 06 19:02:14 UTC 2019',
                  'event': 'approvalRuleTemplateAssociatedWithRepository',
                  'lastModifiedDate': 'Wed Nov 06 19:02:14 UTC 2019',
                  'notificationBody': 'An approval rule template event.',
                  'repositories': {'MyDemoRepo': '12345678-1234-5678-abcd-12345678abcd'}
                }"""));
    }

    @Test
    void aCreatedTemplateConcernsNoResourceAndNoRepository() {
        var detail = new ApprovalRuleTemplateChange(ApprovalRuleTemplateEventType.CREATED, "f742", "d738",
                "t", MARY, null, null, null, null);
        var event = CodeCommitEvent.about(List.of(), detail, ID, TIME, "123456789012", "us-east-2").toJsonNode();

        assertThat(event.get("resources")).isEqualTo(json("[]"));
        assertThat(event.get("detail").get("repositories")).isEqualTo(json("{}"));
    }

    @Test
    void detailDatesReadLikeJavaDates() {
        assertThat(EventTimes.detailDate(Instant.parse("2019-11-06T19:02:14Z"))).isEqualTo("Wed Nov 06 19:02:14 UTC 2019");
    }

    @Test
    void eventsMatchTheEventBridgePatternsUsersWriteForThem() {
        var json = event(RepositoryStateChange.referenceUpdated(REPO, "refs/heads/main", "a", "b", MARY)).toJsonNode();

        assertThat(EventPattern.parse("""
                {"source": ["aws.codecommit"], "detail-type": ["CodeCommit Repository State Change"],
                 "resources": ["arn:aws:codecommit:us-east-2:123456789012:MyDemoRepo"],
                 "detail": {"event": ["referenceCreated", "referenceUpdated"], "referenceType": ["branch"],
                            "referenceName": ["main"]}}""").matches(json)).isTrue();
        assertThat(EventPattern.parse("""
                {"detail": {"referenceType": ["tag"]}}""").matches(json)).isFalse();
    }
}
