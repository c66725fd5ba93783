package io.commitd.git.merge;

import java.util.ArrayList;
import java.util.List;
import org.eclipse.jgit.lib.AnyObjectId;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Repository;

/**
 * The merges {@code GetMergeOptions} offers: a fast-forward when the destination is an ancestor of
 * the source, and squash and three-way merges when the merge goes through at the detail level and
 * strategy asked for. Why an option is missing is what {@link MergeConflicts} tells.
 */
public record MergeOptions(
    List<MergeOption> mergeOptions,
    ObjectId sourceCommitId,
    ObjectId destinationCommitId,
    ObjectId baseCommitId) {

  public MergeOptions {
    mergeOptions = List.copyOf(mergeOptions);
  }

  public static MergeOptions evaluate(
      Repository repository,
      AnyObjectId source,
      AnyObjectId destination,
      ConflictDetailLevel conflictDetailLevel,
      ConflictResolutionStrategy conflictResolutionStrategy) {
    try (ObjectReader reader = repository.newObjectReader()) {
      MergeAnalysis analysis =
          MergeConflicts.analyze(
              reader, source, destination, conflictDetailLevel, conflictResolutionStrategy);
      List<MergeOption> options = new ArrayList<>();
      if (analysis.mergeBase().fastForwardPossible()) {
        options.add(MergeOption.FAST_FORWARD_MERGE);
      }
      if (analysis.mergeable()) {
        options.add(MergeOption.SQUASH_MERGE);
        options.add(MergeOption.THREE_WAY_MERGE);
      }
      return new MergeOptions(
          options,
          analysis.sourceCommitId(),
          analysis.destinationCommitId(),
          analysis.baseCommitId());
    }
  }
}
