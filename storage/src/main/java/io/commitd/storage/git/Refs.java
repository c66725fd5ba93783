package io.commitd.storage.git;

import java.io.IOException;
import org.eclipse.jgit.internal.storage.file.RefDirectory;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;

/**
 * Reads refs so that a ref being packed is never missed. JGit's file ref storage reads
 * {@code packed-refs} before the loose ref file; when a repack packs the ref in between (it writes
 * {@code packed-refs}, then deletes the loose file), {@link Repository#exactRef} finds neither and
 * answers that the branch does not exist, or the value it had when it was last packed. C git reads
 * loose refs first for this reason. Maintenance packs refs right after a first push, so an API call
 * that followed the push could fail with {@code CommitDoesNotExistException}.
 */
public final class Refs {
  private Refs() {}

  /**
   * {@link Repository#exactRef}, read again when the first read did not come from a loose file:
   * the second read takes the {@code packed-refs} that a concurrent pack wrote before it deleted the
   * loose file the first read missed.
   */
  public static Ref exact(Repository git, String name) throws IOException {
    Ref ref = git.exactRef(name);
    if (git.getRefDatabase() instanceof RefDirectory && (ref == null || ref.getLeaf().getStorage() != Ref.Storage.LOOSE)) {
      return git.exactRef(name);
    }
    return ref;
  }
}
