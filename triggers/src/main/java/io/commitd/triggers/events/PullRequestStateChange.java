package io.commitd.triggers.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;
import java.util.Objects;

/**
 * The detail of "CodeCommit Pull Request State Change". Every event carries the pull request's
 * current state; the approval fields appear only on the approval events that concern them
 * ({@code approvalStatus} on approval-state changes, {@code overrideStatus} on overrides, the
 * {@code approvalRule…} fields on rule creation, update and deletion). {@code isMerged} is the
 * string "True" or "False", as CodeCommit sends it.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder(alphabetic = true)
public record PullRequestStateChange(
        PullRequestEventType event,
        String approvalRuleContentSha256,
        String approvalRuleId,
        String approvalRuleName,
        String approvalStatus,
        String author,
        String callerUserArn,
        String creationDate,
        String description,
        String destinationCommit,
        String destinationReference,
        @JsonProperty("isMerged") String isMerged,
        String lastModifiedDate,
        String mergeOption,
        String notificationBody,
        String overrideStatus,
        String pullRequestId,
        String pullRequestStatus,
        List<String> repositoryNames,
        String revisionId,
        String sourceCommit,
        String sourceReference,
        String title) implements EventDetail {

    public static final String DETAIL_TYPE = "CodeCommit Pull Request State Change";

    public PullRequestStateChange {
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(pullRequestId, "pullRequestId");
        repositoryNames = repositoryNames == null ? null : List.copyOf(repositoryNames);
    }

    @Override
    public String detailType() {
        return DETAIL_TYPE;
    }

    public static Builder builder(PullRequestEventType event) {
        return new Builder(event);
    }

    /** CodeCommit's spelling of a boolean in this detail. */
    public static String mergedFlag(boolean merged) {
        return merged ? "True" : "False";
    }

    /** Collects the many optional fields of a pull-request detail. */
    public static final class Builder {
        private final PullRequestEventType event;
        private String approvalRuleContentSha256;
        private String approvalRuleId;
        private String approvalRuleName;
        private String approvalStatus;
        private String author;
        private String callerUserArn;
        private String creationDate;
        private String description;
        private String destinationCommit;
        private String destinationReference;
        private String isMerged = mergedFlag(false);
        private String lastModifiedDate;
        private String mergeOption;
        private String notificationBody;
        private String overrideStatus;
        private String pullRequestId;
        private String pullRequestStatus;
        private List<String> repositoryNames;
        private String revisionId;
        private String sourceCommit;
        private String sourceReference;
        private String title;

        private Builder(PullRequestEventType event) {
            this.event = Objects.requireNonNull(event, "event");
        }

        /** The rule's id, name and the SHA-256 of its content, for the approval-rule events. */
        public Builder approvalRule(String id, String name, String contentSha256) {
            this.approvalRuleId = id;
            this.approvalRuleName = name;
            this.approvalRuleContentSha256 = contentSha256;
            return this;
        }

        /** APPROVE or REVOKE. */
        public Builder approvalStatus(String approvalStatus) {
            this.approvalStatus = approvalStatus;
            return this;
        }

        public Builder author(String author) {
            this.author = author;
            return this;
        }

        public Builder callerUserArn(String callerUserArn) {
            this.callerUserArn = callerUserArn;
            return this;
        }

        /** Dates as CodeCommit writes them; see {@link EventTimes#detailDate}. */
        public Builder dates(String creationDate, String lastModifiedDate) {
            this.creationDate = creationDate;
            this.lastModifiedDate = lastModifiedDate;
            return this;
        }

        public Builder description(String description) {
            this.description = description;
            return this;
        }

        /** The target's full ref name and the commit it points at. */
        public Builder destination(String reference, String commit) {
            this.destinationReference = reference;
            this.destinationCommit = commit;
            return this;
        }

        /** The source's full ref name and the commit it points at. */
        public Builder source(String reference, String commit) {
            this.sourceReference = reference;
            this.sourceCommit = commit;
            return this;
        }

        public Builder merged(boolean merged) {
            this.isMerged = mergedFlag(merged);
            return this;
        }

        /** FAST_FORWARD_MERGE, SQUASH_MERGE or THREE_WAY_MERGE, once merged. */
        public Builder mergeOption(String mergeOption) {
            this.mergeOption = mergeOption;
            return this;
        }

        public Builder notificationBody(String notificationBody) {
            this.notificationBody = notificationBody;
            return this;
        }

        /** OVERRIDE or REVOKE. */
        public Builder overrideStatus(String overrideStatus) {
            this.overrideStatus = overrideStatus;
            return this;
        }

        public Builder pullRequestId(String pullRequestId) {
            this.pullRequestId = pullRequestId;
            return this;
        }

        /** Open or Closed, capitalised as in the events. */
        public Builder pullRequestStatus(String pullRequestStatus) {
            this.pullRequestStatus = pullRequestStatus;
            return this;
        }

        public Builder repositoryNames(List<String> repositoryNames) {
            this.repositoryNames = repositoryNames;
            return this;
        }

        public Builder revisionId(String revisionId) {
            this.revisionId = revisionId;
            return this;
        }

        public Builder title(String title) {
            this.title = title;
            return this;
        }

        public PullRequestStateChange build() {
            return new PullRequestStateChange(event, approvalRuleContentSha256, approvalRuleId, approvalRuleName,
                    approvalStatus, author, callerUserArn, creationDate, description, destinationCommit,
                    destinationReference, isMerged, lastModifiedDate, mergeOption, notificationBody, overrideStatus,
                    pullRequestId, pullRequestStatus, repositoryNames, revisionId, sourceCommit, sourceReference,
                    title);
        }
    }
}
