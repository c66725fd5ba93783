package io.commitd.storage.dfs;

import static org.eclipse.jgit.transport.ReceiveCommand.Result.LOCK_FAILURE;
import static org.eclipse.jgit.transport.ReceiveCommand.Result.NOT_ATTEMPTED;
import static org.eclipse.jgit.transport.ReceiveCommand.Result.OK;
import static org.eclipse.jgit.transport.ReceiveCommand.Result.REJECTED_MISSING_OBJECT;
import static org.eclipse.jgit.transport.ReceiveCommand.Result.REJECTED_NONFASTFORWARD;
import static org.eclipse.jgit.transport.ReceiveCommand.Result.REJECTED_OTHER_REASON;

import io.commitd.storage.db.Database;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.jgit.errors.MissingObjectException;
import org.eclipse.jgit.lib.BatchRefUpdate;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ProgressMonitor;
import org.eclipse.jgit.revwalk.RevObject;
import org.eclipse.jgit.revwalk.RevTag;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.transport.ReceiveCommand;

/**
 * A batch of ref updates as SQL compare-and-swaps. Atomic batches run in one transaction: one
 * stale old value rolls every change back (that command LOCK_FAILURE, the others aborted).
 * Non-atomic batches swap each ref in its own transaction.
 */
final class SqlBatchRefUpdate extends BatchRefUpdate {
  private final SqlRefDatabase refs;
  private final Database database;
  private final String repositoryId;

  SqlBatchRefUpdate(SqlRefDatabase refs, Database database, String repositoryId) {
    super(refs);
    this.refs = refs;
    this.database = database;
    this.repositoryId = repositoryId;
  }

  @Override
  public void execute(RevWalk walk, ProgressMonitor monitor, List<String> options)
      throws IOException {
    if (options != null) {
      setPushOptions(options);
    }
    List<ReceiveCommand> pending = pending();
    if (pending.isEmpty()) {
      return;
    }
    try {
      if (!rejectInvalid(walk, pending)) {
        return;
      }
      List<Swap> swaps = new ArrayList<>();
      for (ReceiveCommand command : pending()) {
        swaps.add(Swap.of(command, walk));
      }
      if (isAtomic()) {
        swapAll(swaps);
      } else {
        for (Swap swap : swaps) {
          swapAll(List.of(swap));
        }
      }
    } catch (IOException e) {
      List<ReceiveCommand> unfinished = pending();
      if (!unfinished.isEmpty()) {
        unfinished.get(0).setResult(LOCK_FAILURE, "storage error: " + e.getMessage());
        ReceiveCommand.abort(unfinished);
      }
      throw e;
    } finally {
      // The cached ref list is now behind the database.
      refs.refresh();
    }
  }

  /**
   * Applies the swaps in one transaction; on the first that loses, rolls back and marks it
   * LOCK_FAILURE and the rest aborted.
   */
  private void swapAll(List<Swap> swaps) throws IOException {
    long now = System.currentTimeMillis();
    Swap loser =
        DatabaseCalls.io(
            () ->
                database.inTransaction(
                    c -> {
                      Swap lost = firstLost(c, swaps, now);
                      if (lost != null) {
                        c.rollback();
                      }
                      return lost;
                    }));
    if (loser == null) {
      swaps.forEach(swap -> swap.command().setResult(OK));
      return;
    }
    loser.command().setResult(LOCK_FAILURE);
    List<ReceiveCommand> others = new ArrayList<>();
    swaps.forEach(swap -> others.add(swap.command()));
    ReceiveCommand.abort(others);
  }

  private Swap firstLost(Connection c, List<Swap> swaps, long now) throws SQLException {
    for (Swap swap : swaps) {
      if (!RefRows.compareAndPut(c, repositoryId, swap.name(), swap.expected(), swap.next(), now)) {
        return swap;
      }
    }
    return null;
  }

  /** Rejects commands JGit's own batches would reject before touching storage. */
  private boolean rejectInvalid(RevWalk walk, List<ReceiveCommand> pending) throws IOException {
    for (ReceiveCommand command : pending) {
      if (!ObjectId.zeroId().equals(command.getNewId())) {
        try {
          walk.parseAny(command.getNewId());
        } catch (MissingObjectException e) {
          command.setResult(REJECTED_MISSING_OBJECT);
          if (abortAll(pending)) {
            return false;
          }
          continue;
        }
      }
      if (!isAllowNonFastForwards()) {
        command.updateType(walk);
        if (command.getType() == ReceiveCommand.Type.UPDATE_NONFASTFORWARD) {
          command.setResult(REJECTED_NONFASTFORWARD);
          if (abortAll(pending)) {
            return false;
          }
          continue;
        }
      }
      if (command.getType() == ReceiveCommand.Type.CREATE
          && refs.isNameConflicting(command.getRefName())) {
        command.setResult(REJECTED_OTHER_REASON, "ref name conflicts with an existing ref");
        if (abortAll(pending)) {
          return false;
        }
      }
    }
    return true;
  }

  /** In an atomic batch one rejection fails all; true when it did. */
  private boolean abortAll(List<ReceiveCommand> pending) {
    if (isAtomic()) {
      ReceiveCommand.abort(pending);
      return true;
    }
    return false;
  }

  private List<ReceiveCommand> pending() {
    return ReceiveCommand.filter(getCommands(), NOT_ATTEMPTED);
  }

  /** One command as a compare-and-swap: the old value it expects and the new value it sets. */
  private record Swap(
      ReceiveCommand command, String name, RefRows.Value expected, RefRows.Value next) {
    static Swap of(ReceiveCommand command, RevWalk walk) throws IOException {
      RefRows.Value expected =
          command.getOldSymref() != null
              ? RefRows.Value.symbolic(command.getOldSymref())
              : RefRows.Value.unpeeled(command.getOldId());
      return new Swap(command, command.getRefName(), expected, next(command, walk));
    }

    private static RefRows.Value next(ReceiveCommand command, RevWalk walk) throws IOException {
      if (command.getNewSymref() != null) {
        return RefRows.Value.symbolic(command.getNewSymref());
      }
      ObjectId id = command.getNewId();
      if (ObjectId.zeroId().equals(id)) {
        return RefRows.Value.ABSENT;
      }
      // Store the peeled target now, as DfsRefUpdate does, so advertisements need no object reads.
      RevObject object = walk.parseAny(id);
      ObjectId peeled = object instanceof RevTag ? walk.peel(object).copy() : null;
      return new RefRows.Value(id, null, true, peeled);
    }
  }
}
