package io.commitd.server.codecommit.data;

import io.commitd.iam.auth.Requester;
import io.commitd.server.codecommit.OperationRequest;
import io.commitd.storage.errors.AwsException;
import io.commitd.storage.refs.RefUpdatePipeline;
import io.commitd.storage.refs.RefUpdateRequest;
import io.commitd.storage.refs.RefUpdateVerdict;
import io.commitd.storage.refs.Refusal;
import io.commitd.storage.repos.RepositoryRecord;
import java.io.IOException;
import java.util.List;
import java.util.function.Supplier;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.transport.ReceiveCommand;

/**
 * Moves refs for an API call through the ref-update pipeline — the same path as a push — as the
 * operation's own action, and turns the pipeline's typed verdict into CodeCommit's error.
 */
public final class RefMover {
  private final RefUpdatePipeline<Requester> pipeline;

  public RefMover(RefUpdatePipeline<Requester> pipeline) {
    this.pipeline = pipeline;
  }

  /**
   * @param oldId the value the ref must have now ({@code ObjectId.zeroId()} when it must not exist)
   * @param newId the value to set ({@code ObjectId.zeroId()} deletes the ref)
   * @param raced the caller's error for a lost compare-and-swap
   */
  public void move(OperationRequest request, RepositoryRecord repository, Repository git, String refName, ObjectId oldId,
      ObjectId newId, Supplier<AwsException> raced) throws IOException {
    moveAll(request, repository, git, List.of(new ReceiveCommand(oldId, newId, refName)), raced);
  }

  /** Moves every ref of {@code commands} or none. */
  public void moveAll(OperationRequest request, RepositoryRecord repository, Repository git, List<ReceiveCommand> commands,
      Supplier<AwsException> raced) throws IOException {
    RefUpdateVerdict verdict = pipeline.apply(RefUpdateRequest.of(repository, git, request.requester(),
        action(request), commands, true));
    verdict.firstRefusal().ifPresent(refusal -> {
      throw errorOf(refusal, raced);
    });
  }

  /**
   * Moves refs as the merge of pull request {@code pullRequestId} ({@code MergePullRequestBy*}): the
   * approval gate refuses it with {@code PullRequestApprovalRulesNotSatisfiedException} unless the
   * pull request's approval rules are satisfied or overridden.
   */
  public void moveMerging(OperationRequest request, RepositoryRecord repository, Repository git, String pullRequestId,
      List<ReceiveCommand> commands, Supplier<AwsException> raced) throws IOException {
    RefUpdateVerdict verdict = pipeline.apply(RefUpdateRequest.of(repository, git, request.requester(),
        action(request), commands, true).merging(pullRequestId));
    verdict.firstRefusal().ifPresent(refusal -> {
      throw errorOf(refusal, raced);
    });
  }

  /** Points HEAD at {@code refName}: the repository's default branch. */
  public void linkHead(OperationRequest request, RepositoryRecord repository, Repository git, String refName) throws IOException {
    RefUpdateVerdict verdict = pipeline.apply(RefUpdateRequest.linkHead(repository, git, request.requester(), action(request), refName));
    verdict.firstRefusal().ifPresent(refusal -> {
      throw errorOf(refusal, () -> new AwsException("InternalFailure", 500,
          "The default branch could not be changed because another change happened at the same time. Try again."));
    });
  }

  /** The IAM action of the operation the request is for: the one the front door authorized. */
  private static String action(OperationRequest request) {
    return request.requester().grant().action().toString();
  }

  private static AwsException errorOf(Refusal refusal, Supplier<AwsException> raced) {
    return switch (refusal.reason()) {
      case POLICY_DENIED -> new AwsException("AccessDeniedException", 400, refusal.message());
      case APPROVAL_GATE -> new AwsException("PullRequestApprovalRulesNotSatisfiedException", 400, refusal.message());
      case STALE_VALUE, ABORTED -> raced.get();
      case INVALID_REF -> AwsException.badRequest("InvalidReferenceNameException", refusal.message());
      case INTERNAL_FAILURE -> new AwsException("InternalFailure", 500, refusal.message());
    };
  }
}
