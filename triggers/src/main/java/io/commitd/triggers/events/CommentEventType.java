package io.commitd.triggers.events;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * The {@code event} values of comment events. Comments on commits and on pull requests share
 * a detail shape but travel under different detail-types.
 */
public enum CommentEventType {
    COMMENT_ON_COMMIT_CREATED("commentOnCommitCreated", CommentEventType.ON_COMMIT),
    COMMENT_ON_COMMIT_UPDATED("commentOnCommitUpdated", CommentEventType.ON_COMMIT),
    COMMENT_ON_PULL_REQUEST_CREATED("commentOnPullRequestCreated", CommentEventType.ON_PULL_REQUEST),
    COMMENT_ON_PULL_REQUEST_UPDATED("commentOnPullRequestUpdated", CommentEventType.ON_PULL_REQUEST);

    static final String ON_COMMIT = "CodeCommit Comment on Commit";
    static final String ON_PULL_REQUEST = "CodeCommit Comment on Pull Request";

    private final String wireName;
    private final String detailType;

    CommentEventType(String wireName, String detailType) {
        this.wireName = wireName;
        this.detailType = detailType;
    }

    @JsonValue
    public String wireName() {
        return wireName;
    }

    public String detailType() {
        return detailType;
    }

    public boolean isOnPullRequest() {
        return detailType.equals(ON_PULL_REQUEST);
    }
}
