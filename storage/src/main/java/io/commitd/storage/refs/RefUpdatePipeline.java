package io.commitd.storage.refs;

import io.commitd.storage.git.Refs;
import io.commitd.storage.git.RepositoryStore;
import io.commitd.storage.refs.RefChangeJournal.OpenChange;
import io.commitd.storage.repos.RepositoryCatalog;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.jgit.lib.BatchRefUpdate;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.NullProgressMonitor;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.transport.ReceiveCommand;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one path by which any ref changes, HEAD included: authorize, gate, journal the intent,
 * apply by compare-and-swap, release the record. A push over HTTP or SSH and every API call that
 * moves a ref go through {@link #apply}; there is no second path.
 */
public final class RefUpdatePipeline<A extends Actor> {
  private static final Logger LOG = LoggerFactory.getLogger(RefUpdatePipeline.class);

  private final RefUpdateCheck<A> authorization;
  private final RefUpdateCheck<A> gate;
  private final RefChangeJournal journal;
  private final RepositoryCatalog catalog;
  private final Clock clock;
  private final List<RefUpdateListener> listeners;

  public RefUpdatePipeline(
      RefUpdateCheck<A> authorization,
      RefUpdateCheck<A> gate,
      RefChangeJournal journal,
      RepositoryCatalog catalog,
      Clock clock) {
    this(authorization, gate, journal, catalog, clock, List.of());
  }

  public RefUpdatePipeline(
      RefUpdateCheck<A> authorization,
      RefUpdateCheck<A> gate,
      RefChangeJournal journal,
      RepositoryCatalog catalog,
      Clock clock,
      List<RefUpdateListener> listeners) {
    this.authorization = authorization;
    this.gate = gate;
    this.journal = journal;
    this.catalog = catalog;
    this.clock = clock;
    this.listeners = List.copyOf(listeners);
  }

  /**
   * Runs the request through every step. Afterwards each command carries its result ({@code OK}
   * when applied and recorded), and the verdict says why any was refused.
   */
  public RefUpdateVerdict apply(RefUpdateRequest<A> request) throws IOException {
    RefUpdateVerdict verdict = new RefUpdateVerdict(request.commands(), request.headTarget() != null);
    authorization.check(request, verdict);
    if (refusedAtomically(request, verdict)) {
      return verdict;
    }
    gate.check(request, verdict);
    if (refusedAtomically(request, verdict)) {
      return verdict;
    }
    List<ReceiveCommand> pending = request.pending();
    if (!pending.isEmpty()) {
      applyCommands(request, pending, verdict);
    }
    if (request.headTarget() != null && !verdict.headRefused() && (!request.atomic() || verdict.allApplied())) {
      linkHead(request, verdict);
    }
    return verdict;
  }

  private void applyCommands(RefUpdateRequest<A> request, List<ReceiveCommand> pending, RefUpdateVerdict verdict)
      throws IOException {
    Instant at = clock.instant();
    List<String> changeIds;
    try {
      changeIds = journal.open(request.repository(), request.actor(), request.action(),
          pending.stream().map(RefChange::of).toList(), at);
    } catch (RuntimeException e) {
      LOG.error("could not journal the ref update of {} in {}", request.refNames(), request.repository().repositoryId(), e);
      verdict.refuseAllPending(RefusalReason.INTERNAL_FAILURE, "the server could not record the ref update");
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
    } catch (IOException | RuntimeException e) {
      // What moved is settled by the journal below, from each command's result and, failing
      // that, by reconciliation against the refs.
      LOG.error("ref update of {} in {} failed", request.refNames(), request.repository().repositoryId(), e);
    }
    List<String> applied = new ArrayList<>();
    List<String> notApplied = new ArrayList<>();
    for (int i = 0; i < pending.size(); i++) {
      ReceiveCommand command = pending.get(i);
      if (command.getResult() == ReceiveCommand.Result.NOT_ATTEMPTED) {
        verdict.refuse(command, RefusalReason.INTERNAL_FAILURE, "the server could not update the ref");
      }
      (command.getResult() == ReceiveCommand.Result.OK ? applied : notApplied).add(changeIds.get(i));
    }
    settle(applied, notApplied);
    List<ReceiveCommand> done = pending.stream().filter(c -> c.getResult() == ReceiveCommand.Result.OK).toList();
    if (!done.isEmpty()) {
      adoptFirstBranchAsDefault(request, done);
      tellListeners(request, done);
    }
  }

  private void tellListeners(RefUpdateRequest<A> request, List<ReceiveCommand> applied) {
    for (RefUpdateListener listener : listeners) {
      try {
        listener.applied(request, applied);
      } catch (RuntimeException e) {
        LOG.error("listener {} failed after the ref update of {} in {}", listener, request.refNames(),
            request.repository().repositoryId(), e);
      }
    }
  }

  /**
   * Releases the records of what moved and forgets the rest. A failure here leaves the intents
   * open; the refs have their final values, and {@link #reconcile} settles them from those.
   */
  private void settle(List<String> applied, List<String> notApplied) {
    try {
      journal.markApplied(applied);
      journal.discard(notApplied);
    } catch (RuntimeException e) {
      LOG.error("could not settle ref changes {} / {}; reconciliation will", applied, notApplied, e);
    }
  }

  private void linkHead(RefUpdateRequest<A> request, RefUpdateVerdict verdict) throws IOException {
    Ref head = Refs.exact(request.git(), Constants.HEAD);
    String oldTarget = head != null && head.isSymbolic() ? head.getTarget().getName() : null;
    List<String> ids;
    try {
      ids = journal.open(request.repository(), request.actor(), request.action(),
          List.of(RefChange.headLink(oldTarget, request.headTarget())), clock.instant());
    } catch (RuntimeException e) {
      LOG.error("could not journal the default-branch change of {}", request.repository().repositoryId(), e);
      verdict.refuseHead(RefusalReason.INTERNAL_FAILURE, "the server could not record the default branch change");
      return;
    }
    pointHeadAt(request.git(), request.headTarget());
    settle(ids, List.of());
    verdict.markHeadLinked();
  }

  /**
   * Settles intents left open by a writer that stopped between journaling and releasing: an intent
   * whose ref has its new value (or whose reflog shows the move) was applied; any other was not.
   *
   * @param before only intents opened before this instant: later ones may still be in flight
   * @return how many intents were settled
   */
  public int reconcile(RepositoryStore store, Instant before) {
    int settled = 0;
    for (OpenChange open : journal.openChanges(before)) {
      boolean applied;
      try (Repository git = store.open(open.repositoryId())) {
        applied = RefValues.hasMoved(git, open.change());
      } catch (IOException e) {
        applied = false;
      }
      LOG.info("reconciled ref change {} of {} in {}: {}", open.changeId(), open.change().refName(), open.repositoryId(),
          applied ? "applied" : "not applied");
      if (applied) {
        journal.markApplied(List.of(open.changeId()));
      } else {
        journal.discard(List.of(open.changeId()));
      }
      settled++;
    }
    return settled;
  }

  private static boolean refusedAtomically(RefUpdateRequest<?> request, RefUpdateVerdict verdict) {
    if (!verdict.anyRefused()) {
      return false;
    }
    if (request.atomic()) {
      ReceiveCommand.abort(request.commands());
      return true;
    }
    return request.pending().isEmpty() && (request.headTarget() == null || verdict.headRefused());
  }

  /** CodeCommit makes the first branch that appears in a repository its default branch. */
  private void adoptFirstBranchAsDefault(RefUpdateRequest<A> request, List<ReceiveCommand> applied) throws IOException {
    if (request.repository().defaultBranch() != null) {
      return;
    }
    for (ReceiveCommand command : applied) {
      if (command.getType() == ReceiveCommand.Type.CREATE && command.getRefName().startsWith(Constants.R_HEADS)) {
        String branch = command.getRefName().substring(Constants.R_HEADS.length());
        if (catalog.setDefaultBranchIfAbsent(request.repository().repositoryId(), branch, clock.instant())) {
          pointHeadAt(request.git(), command.getRefName());
        }
        return;
      }
    }
  }

  private static void pointHeadAt(Repository git, String refName) throws IOException {
    RefUpdate head = git.updateRef(Constants.HEAD);
    head.disableRefLog();
    RefUpdate.Result result = head.link(refName);
    if (result != RefUpdate.Result.NEW && result != RefUpdate.Result.FORCED && result != RefUpdate.Result.NO_CHANGE) {
      throw new IOException("HEAD could not be linked to " + refName + ": " + result);
    }
  }
}
