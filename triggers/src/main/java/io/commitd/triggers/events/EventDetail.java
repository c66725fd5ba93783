package io.commitd.triggers.events;

import com.fasterxml.jackson.annotation.JsonIgnore;

/** The {@code detail} of a CodeCommit EventBridge event; it knows which {@code detail-type} it belongs under. */
public sealed interface EventDetail
        permits RepositoryStateChange, PullRequestStateChange, CommentEvent, ApprovalRuleTemplateChange {

    @JsonIgnore
    String detailType();
}
