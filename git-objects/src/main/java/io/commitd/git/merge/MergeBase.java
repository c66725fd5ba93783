package io.commitd.git.merge;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.eclipse.jgit.errors.IncorrectObjectTypeException;
import org.eclipse.jgit.errors.MissingObjectException;
import org.eclipse.jgit.lib.AnyObjectId;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.revwalk.filter.RevFilter;

/**
 * Where two histories meet.
 *
 * @param baseCommitId the best common ancestor, or {@code null} when the histories share none (the
 *     merge then treats every path as added on both sides). With several equally good ancestors
 *     (criss-cross merges) the first JGit finds is used; CodeCommit documents no recursive merge.
 * @param fastForwardPossible the destination is the source or one of its ancestors, so the
 *     destination branch can simply move to the source commit
 * @param sourceInDestination the source is the destination or one of its ancestors: there is
 *     nothing to merge
 */
public record MergeBase(
    ObjectId sourceCommitId,
    ObjectId destinationCommitId,
    ObjectId baseCommitId,
    boolean fastForwardPossible,
    boolean sourceInDestination) {

  public static MergeBase find(ObjectReader reader, AnyObjectId source, AnyObjectId destination) {
    try (RevWalk walk = new RevWalk(reader)) {
      RevCommit sourceCommit = commit(walk, source);
      RevCommit destinationCommit = commit(walk, destination);
      walk.setRevFilter(RevFilter.MERGE_BASE);
      walk.markStart(sourceCommit);
      walk.markStart(destinationCommit);
      RevCommit base = walk.next();
      ObjectId baseId = base == null ? null : base.copy();
      return new MergeBase(
          sourceCommit.copy(),
          destinationCommit.copy(),
          baseId,
          destinationCommit.equals(base),
          sourceCommit.equals(base));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static RevCommit commit(RevWalk walk, AnyObjectId id) throws IOException {
    try {
      return walk.parseCommit(id);
    } catch (MissingObjectException | IncorrectObjectTypeException e) {
      throw MergeErrors.commitDoesNotExist(id.name());
    }
  }
}
