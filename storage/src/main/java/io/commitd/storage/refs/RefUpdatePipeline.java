package io.commitd.storage.refs;

import io.commitd.storage.repos.RepositoryCatalog;
import java.io.IOException;
import java.time.Clock;
import java.util.List;
import org.eclipse.jgit.lib.BatchRefUpdate;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.NullProgressMonitor;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.transport.ReceiveCommand;

/**
 * The one path by which any ref changes: authorize, gate, apply by compare-and-swap, record.
 * A push over HTTP or SSH and every API call that moves a ref go through {@link #apply}; there
 * is no second path.
 */
public final class RefUpdatePipeline<A extends Actor> {
  private final RefUpdateCheck<A> authorization;
  private final RefUpdateCheck<A> gate;
  private final RefUpdateRecorder recorder;
  private final RepositoryCatalog catalog;
  private final Clock clock;

  public RefUpdatePipeline(
      RefUpdateCheck<A> authorization,
      RefUpdateCheck<A> gate,
      RefUpdateRecorder recorder,
      RepositoryCatalog catalog,
      Clock clock) {
    this.authorization = authorization;
    this.gate = gate;
    this.recorder = recorder;
    this.catalog = catalog;
    this.clock = clock;
  }

  /**
   * Runs the request through every step. Afterwards each command carries its result: {@code OK}
   * when applied and recorded, a rejection with its reason otherwise.
   */
  public void apply(RefUpdateRequest<A> request) throws IOException {
    authorization.check(request);
    abortIfAtomicAndRejected(request);
    gate.check(request);
    abortIfAtomicAndRejected(request);

    List<ReceiveCommand> pending = request.pending();
    if (pending.isEmpty()) {
      return;
    }
    BatchRefUpdate batch = request.git().getRefDatabase().newBatchUpdate();
    batch.setAtomic(request.atomic());
    batch.setAllowNonFastForwards(true);
    batch.setRefLogIdent(null);
    batch.setRefLogMessage(request.action(), false);
    batch.addCommand(pending);
    try (RevWalk walk = new RevWalk(request.git())) {
      batch.execute(walk, NullProgressMonitor.INSTANCE);
    }

    List<ReceiveCommand> applied =
        pending.stream().filter(c -> c.getResult() == ReceiveCommand.Result.OK).toList();
    if (applied.isEmpty()) {
      return;
    }
    recorder.record(request, applied, clock.instant());
    adoptFirstBranchAsDefault(request, applied);
  }

  private static <A extends Actor> void abortIfAtomicAndRejected(RefUpdateRequest<A> request) {
    if (!request.atomic()) {
      return;
    }
    boolean anyRejected =
        request.commands().stream()
            .anyMatch(
                c -> c.getResult() != ReceiveCommand.Result.NOT_ATTEMPTED
                    && c.getResult() != ReceiveCommand.Result.OK);
    if (anyRejected) {
      ReceiveCommand.abort(request.commands());
    }
  }

  /** CodeCommit makes the first branch that appears in a repository its default branch. */
  private void adoptFirstBranchAsDefault(RefUpdateRequest<A> request, List<ReceiveCommand> applied)
      throws IOException {
    if (request.repository().defaultBranch() != null) {
      return;
    }
    for (ReceiveCommand command : applied) {
      if (command.getType() == ReceiveCommand.Type.CREATE
          && command.getRefName().startsWith(Constants.R_HEADS)) {
        String branch = command.getRefName().substring(Constants.R_HEADS.length());
        if (catalog.setDefaultBranchIfAbsent(request.repository().repositoryId(), branch, clock.instant())) {
          pointHeadAt(request, command.getRefName());
        }
        return;
      }
    }
  }

  private static void pointHeadAt(RefUpdateRequest<?> request, String refName) throws IOException {
    RefUpdate head = request.git().updateRef(Constants.HEAD);
    head.disableRefLog();
    head.link(refName);
  }
}
