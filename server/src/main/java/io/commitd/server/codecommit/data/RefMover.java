package io.commitd.server.codecommit.data;

import io.commitd.iam.auth.Requester;
import io.commitd.server.codecommit.OperationRequest;
import io.commitd.storage.errors.AwsException;
import io.commitd.storage.refs.RefUpdatePipeline;
import io.commitd.storage.refs.RefUpdateRequest;
import io.commitd.storage.repos.RepositoryRecord;
import java.io.IOException;
import java.util.List;
import java.util.function.Supplier;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.transport.ReceiveCommand;

/**
 * Moves one ref for an API call through the ref-update pipeline — the same path as a push — and
 * turns the pipeline's verdict into CodeCommit's error: a policy denial is
 * {@code AccessDeniedException}, a lost compare-and-swap is the caller's {@code raced} error.
 */
public final class RefMover {
  private final RefUpdatePipeline<Requester> pipeline;

  public RefMover(RefUpdatePipeline<Requester> pipeline) {
    this.pipeline = pipeline;
  }

  /**
   * @param oldId the value the ref must have now ({@code ObjectId.zeroId()} when it must not exist)
   * @param newId the value to set ({@code ObjectId.zeroId()} deletes the ref)
   * @param action the IAM action, e.g. {@code codecommit:PutFile}
   */
  public void move(OperationRequest request, RepositoryRecord repository, Repository git, String refName, ObjectId oldId,
      ObjectId newId, String action, Supplier<AwsException> raced) throws IOException {
    ReceiveCommand command = new ReceiveCommand(oldId, newId, refName);
    pipeline.apply(new RefUpdateRequest<>(repository, git, new Requester(request.caller(), request.call().facts()), action,
        List.of(command), true));
    switch (command.getResult()) {
      case OK -> {
        return;
      }
      case LOCK_FAILURE, REJECTED_NONFASTFORWARD -> throw raced.get();
      case REJECTED_OTHER_REASON -> throw new AwsException("AccessDeniedException", 400,
          command.getMessage() == null ? "The ref update was rejected." : command.getMessage());
      default -> throw new IllegalStateException("ref update of " + refName + " ended as " + command.getResult()
          + (command.getMessage() == null ? "" : ": " + command.getMessage()));
    }
  }
}
