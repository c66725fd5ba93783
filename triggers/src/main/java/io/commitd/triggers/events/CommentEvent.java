package io.commitd.triggers.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.Objects;

/**
 * The detail of "CodeCommit Comment on Commit" and "CodeCommit Comment on Pull Request".
 * {@code pullRequestId} is present exactly on pull-request comments; {@code inReplyTo} only on
 * replies; {@code displayName} and {@code emailAddress} only when the caller's session carried
 * those tags.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder(alphabetic = true)
public record CommentEvent(
        CommentEventType event,
        String afterCommitId,
        String beforeCommitId,
        String callerUserArn,
        String commentId,
        String inReplyTo,
        String notificationBody,
        String pullRequestId,
        String repositoryId,
        String repositoryName,
        String displayName,
        String emailAddress) implements EventDetail {

    public CommentEvent {
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(commentId, "commentId");
        if (event.isOnPullRequest() != (pullRequestId != null)) {
            throw new IllegalArgumentException(event.wireName()
                    + (event.isOnPullRequest() ? " needs a pullRequestId" : " must not have a pullRequestId"));
        }
    }

    @Override
    public String detailType() {
        return event.detailType();
    }

    /** A comment on the comparison of two commits. */
    public static CommentEvent onCommit(CommentEventType event, RepositoryIdentity repository, String commentId,
            String beforeCommitId, String afterCommitId, String callerUserArn) {
        return new CommentEvent(event, afterCommitId, beforeCommitId, callerUserArn, commentId, null, null, null,
                repository.id(), repository.name(), null, null);
    }

    /** A comment in a pull request, on the comparison of its destination and source commits. */
    public static CommentEvent onPullRequest(CommentEventType event, RepositoryIdentity repository, String pullRequestId,
            String commentId, String beforeCommitId, String afterCommitId, String callerUserArn) {
        return new CommentEvent(event, afterCommitId, beforeCommitId, callerUserArn, commentId, null, null,
                pullRequestId, repository.id(), repository.name(), null, null);
    }

    public CommentEvent inReplyTo(String parentCommentId) {
        return new CommentEvent(event, afterCommitId, beforeCommitId, callerUserArn, commentId, parentCommentId,
                notificationBody, pullRequestId, repositoryId, repositoryName, displayName, emailAddress);
    }

    public CommentEvent withNotificationBody(String body) {
        return new CommentEvent(event, afterCommitId, beforeCommitId, callerUserArn, commentId, inReplyTo, body,
                pullRequestId, repositoryId, repositoryName, displayName, emailAddress);
    }

    /** The caller's {@code displayName} and {@code emailAddress} session tags. */
    public CommentEvent withCallerTags(String tagDisplayName, String tagEmailAddress) {
        return new CommentEvent(event, afterCommitId, beforeCommitId, callerUserArn, commentId, inReplyTo,
                notificationBody, pullRequestId, repositoryId, repositoryName, tagDisplayName, tagEmailAddress);
    }
}
