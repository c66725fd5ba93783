package io.commitd.reviews;

import io.commitd.storage.errors.AwsException;
import io.commitd.storage.git.RepositoryStore;
import io.commitd.storage.repos.RepositoryCatalog;
import io.commitd.storage.repos.RepositoryRecord;
import io.commitd.triggers.events.CommentEvent;
import io.commitd.triggers.events.CommentEventType;
import io.commitd.triggers.events.RepositoryIdentity;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;

/**
 * Comments on compared commits and in pull requests, replies, edits by their authors, deletion
 * that keeps the thread, and one reaction per user and comment.
 */
public final class CommentService {
  private final CommentStore store;
  private final RepositoryCatalog catalog;
  private final RepositoryStore repositories;
  private final String region;

  public CommentService(CommentStore store, RepositoryCatalog catalog, RepositoryStore repositories, String region) {
    this.store = store;
    this.catalog = catalog;
    this.repositories = repositories;
    this.region = region;
  }

  public CommentStore store() {
    return store;
  }

  /** Posts a comment; the same client request token answers the comment it made before. */
  public CommentRecord post(NewComment request) {
    if (request.clientRequestToken() != null) {
      Optional<CommentRecord> earlier = store.findByToken(request.repository().accountId(), request.clientRequestToken());
      if (earlier.isPresent()) {
        return sameComment(earlier.get(), request.content(), request.afterCommitId());
      }
    }
    if (request.afterCommitId().equals(request.beforeCommitId())) {
      throw AwsException.badRequest("BeforeCommitIdAndAfterCommitIdAreSameException",
          "The before commit ID and the after commit ID are the same, which is not valid. The before commit ID and the after commit ID must be different commit IDs.");
    }
    RepositoryRecord repository = request.repository();
    String beforeBlob;
    String afterBlob;
    try (Repository git = repositories.open(repository.repositoryId()); RevWalk walk = new RevWalk(git)) {
      RevCommit after = commit(walk, request.afterCommitId());
      RevCommit before = request.beforeCommitId() == null ? null : commit(walk, request.beforeCommitId());
      beforeBlob = request.filePath() == null || before == null ? null : blob(git, before, request.filePath());
      afterBlob = request.filePath() == null ? null : blob(git, after, request.filePath());
      if (request.filePath() != null) {
        String anchored = "BEFORE".equals(request.relativeFileVersion()) ? beforeBlob : afterBlob;
        if (anchored == null) {
          throw AwsException.badRequest("PathDoesNotExistException", "The specified path does not exist: " + request.filePath());
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Long pullRequestId = request.pullRequest() == null ? null : request.pullRequest().pullRequestId();
    CommentRecord comment = new CommentRecord(UUID.randomUUID().toString(), repository.accountId(), repository.repositoryId(),
        pullRequestId, request.beforeCommitId(), request.afterCommitId(), beforeBlob, afterBlob, request.filePath(),
        request.filePosition(), request.filePath() == null ? null : request.relativeFileVersion(), request.content(),
        request.authorArn(), null, false, request.clientRequestToken(), request.at(), request.at());
    if (!store.create(comment, event(comment, repository, true, request.authorArn()))) {
      return sameComment(store.findByToken(repository.accountId(), request.clientRequestToken()).orElseThrow(),
          request.content(), request.afterCommitId());
    }
    return comment;
  }

  /** Replies in {@code parentId}'s thread, on the same comparison. */
  public CommentRecord reply(String parentId, String content, String clientRequestToken, String authorArn, Instant at) {
    CommentRecord parent = require(parentId);
    if (clientRequestToken != null) {
      Optional<CommentRecord> earlier = store.findByToken(parent.accountId(), clientRequestToken);
      if (earlier.isPresent()) {
        return sameComment(earlier.get(), content, parent.afterCommitId());
      }
    }
    CommentRecord reply = new CommentRecord(UUID.randomUUID().toString(), parent.accountId(), parent.repositoryId(),
        parent.pullRequestId(), parent.beforeCommitId(), parent.afterCommitId(), parent.beforeBlobId(), parent.afterBlobId(),
        parent.filePath(), parent.filePosition(), parent.relativeFileVersion(), content, authorArn, parent.commentId(), false,
        clientRequestToken, at, at);
    RepositoryRecord repository = repositoryOf(reply);
    if (!store.create(reply, event(reply, repository, true, authorArn))) {
      return sameComment(store.findByToken(parent.accountId(), clientRequestToken).orElseThrow(), content, parent.afterCommitId());
    }
    return reply;
  }

  /** The comment, or CodeCommit's errors for a malformed, unknown or deleted one. */
  public CommentRecord requireLive(String commentId) {
    CommentRecord comment = require(commentId);
    if (comment.deleted()) {
      throw AwsException.badRequest("CommentDeletedException", "This comment has already been deleted. You cannot edit or delete a deleted comment.");
    }
    return comment;
  }

  public CommentRecord require(String commentId) {
    if (commentId == null || commentId.isEmpty()) {
      throw AwsException.badRequest("CommentIdRequiredException", "The comment ID is missing or null. A comment ID is required.");
    }
    try {
      UUID.fromString(commentId);
    } catch (IllegalArgumentException e) {
      throw AwsException.badRequest("InvalidCommentIdException", "The comment ID is not in a valid format. Make sure that you have provided the full comment ID.");
    }
    return store.find(commentId).orElseThrow(() -> AwsException.badRequest("CommentDoesNotExistException",
        "No comment exists with the provided ID. Verify that you have used the correct ID, and then try again."));
  }

  /** Replaces the content; only the author may. */
  public CommentRecord update(String commentId, String content, String callerArn, Instant at) {
    CommentRecord comment = requireLive(commentId);
    if (!comment.authorArn().equals(callerArn)) {
      throw AwsException.badRequest("CommentNotCreatedByCallerException",
          "You cannot modify or delete this comment. Only comment authors can modify or delete their comments.");
    }
    CommentRecord updated = comment.withContent(content, false, at);
    store.updateContent(updated, event(updated, repositoryOf(updated), false, callerArn));
    return updated;
  }

  /** Clears the content and marks the comment deleted; its replies stay. */
  public CommentRecord deleteContent(String commentId, Instant at) {
    CommentRecord comment = requireLive(commentId);
    CommentRecord deleted = comment.withContent("", true, at);
    store.updateContent(deleted, null);
    return deleted;
  }

  /** Sets or removes the caller's one reaction to a live comment. */
  public void react(String commentId, String reactionValue, String callerArn, Instant at) {
    CommentRecord comment = requireLive(commentId);
    if (Reaction.isRemoval(reactionValue)) {
      store.react(comment.commentId(), callerArn, null, at);
      return;
    }
    Reaction reaction = Reaction.of(reactionValue).orElseThrow(() -> AwsException.badRequest("InvalidReactionValueException",
        "The value of the reaction is not valid: " + reactionValue));
    store.react(comment.commentId(), callerArn, reaction.name(), at);
  }

  /** The comments on a comparison (not in pull requests), replies included. */
  public List<CommentRecord> onComparison(RepositoryRecord repository, String beforeCommitId, String afterCommitId) {
    return store.onComparison(repository.repositoryId(), beforeCommitId, afterCommitId);
  }

  private static CommentRecord sameComment(CommentRecord earlier, String content, String afterCommitId) {
    if (!Objects.equals(earlier.content(), content) || !earlier.afterCommitId().equals(afterCommitId)) {
      throw AwsException.badRequest("IdempotencyParameterMismatchException",
          "The client request token is not valid. Either the token is not in a valid format, or the token has been used in a previous request and cannot be reused.");
    }
    return earlier;
  }

  private RepositoryRecord repositoryOf(CommentRecord comment) {
    return catalog.findById(comment.repositoryId()).orElseThrow(() -> AwsException.badRequest("RepositoryDoesNotExistException",
        "The repository of the comment no longer exists."));
  }

  private String event(CommentRecord comment, RepositoryRecord repository, boolean created, String callerArn) {
    RepositoryIdentity identity = new RepositoryIdentity(repository.name(), repository.repositoryId(), repository.arn(region));
    CommentEvent detail;
    if (comment.pullRequestId() != null) {
      detail = CommentEvent.onPullRequest(created ? CommentEventType.COMMENT_ON_PULL_REQUEST_CREATED
              : CommentEventType.COMMENT_ON_PULL_REQUEST_UPDATED, identity, Long.toString(comment.pullRequestId()),
          comment.commentId(), comment.beforeCommitId(), comment.afterCommitId(), callerArn);
    } else {
      detail = CommentEvent.onCommit(created ? CommentEventType.COMMENT_ON_COMMIT_CREATED : CommentEventType.COMMENT_ON_COMMIT_UPDATED,
          identity, comment.commentId(), comment.beforeCommitId(), comment.afterCommitId(), callerArn);
    }
    if (comment.inReplyTo() != null) {
      detail = detail.inReplyTo(comment.inReplyTo());
    }
    return OutboxEvents.payload(detail, List.of(repository.arn(region)));
  }

  private static RevCommit commit(RevWalk walk, String commitId) throws IOException {
    if (commitId == null || commitId.isEmpty()) {
      throw AwsException.badRequest("CommitIdRequiredException", "A commit ID is required, but was not specified.");
    }
    if (!ObjectId.isId(commitId)) {
      throw AwsException.badRequest("InvalidCommitIdException", "The specified commit ID is not valid: " + commitId);
    }
    try {
      return walk.parseCommit(ObjectId.fromString(commitId));
    } catch (org.eclipse.jgit.errors.MissingObjectException | org.eclipse.jgit.errors.IncorrectObjectTypeException e) {
      throw AwsException.badRequest("CommitDoesNotExistException", "The specified commit does not exist: " + commitId);
    }
  }

  private static String blob(Repository git, RevCommit commit, String path) throws IOException {
    try (TreeWalk walk = TreeWalk.forPath(git, path, commit.getTree())) {
      return walk == null ? null : walk.getObjectId(0).name();
    }
  }
}
