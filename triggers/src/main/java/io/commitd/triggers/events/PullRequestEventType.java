package io.commitd.triggers.events;

import com.fasterxml.jackson.annotation.JsonValue;

/** The {@code event} values under "CodeCommit Pull Request State Change". */
public enum PullRequestEventType {
    PULL_REQUEST_CREATED("pullRequestCreated"),
    PULL_REQUEST_SOURCE_BRANCH_UPDATED("pullRequestSourceBranchUpdated"),
    PULL_REQUEST_STATUS_CHANGED("pullRequestStatusChanged"),
    PULL_REQUEST_MERGE_STATUS_UPDATED("pullRequestMergeStatusUpdated"),
    PULL_REQUEST_APPROVAL_STATE_CHANGED("pullRequestApprovalStateChanged"),
    PULL_REQUEST_APPROVAL_RULE_CREATED("pullRequestApprovalRuleCreated"),
    PULL_REQUEST_APPROVAL_RULE_UPDATED("pullRequestApprovalRuleUpdated"),
    PULL_REQUEST_APPROVAL_RULE_DELETED("pullRequestApprovalRuleDeleted"),
    PULL_REQUEST_APPROVAL_RULE_OVERRIDDEN("pullRequestApprovalRuleOverridden");

    private final String wireName;

    PullRequestEventType(String wireName) {
        this.wireName = wireName;
    }

    @JsonValue
    public String wireName() {
        return wireName;
    }
}
