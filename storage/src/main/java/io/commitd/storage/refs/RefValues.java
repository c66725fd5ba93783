package io.commitd.storage.refs;

import io.commitd.storage.git.Refs;
import java.io.IOException;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.ReflogEntry;
import org.eclipse.jgit.lib.ReflogReader;
import org.eclipse.jgit.lib.Repository;

/** Reads whether a journaled change shows in the repository: the evidence reconciliation trusts. */
final class RefValues {
  private RefValues() {}

  static boolean hasMoved(Repository git, RefChange change) throws IOException {
    Ref ref = Refs.exact(git, change.refName());
    String newTarget = RefChange.targetOf(change.newValue());
    if (newTarget != null) {
      return ref != null && ref.isSymbolic() && ref.getTarget().getName().equals(newTarget);
    }
    String current = ref == null || ref.getObjectId() == null ? ObjectId.zeroId().name() : ref.getObjectId().name();
    if (current.equals(change.newValue())) {
      return true;
    }
    // The ref may have moved on since; its reflog still shows this change.
    ReflogReader reflog = git.getRefDatabase().getReflogReader(change.refName());
    if (reflog == null) {
      return false;
    }
    for (ReflogEntry entry : reflog.getReverseEntries()) {
      if (entry.getOldId().name().equals(change.oldValue()) && entry.getNewId().name().equals(change.newValue())) {
        return true;
      }
    }
    return false;
  }
}
