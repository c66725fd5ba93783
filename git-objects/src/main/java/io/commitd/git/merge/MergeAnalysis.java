package io.commitd.git.merge;

import java.util.List;
import java.util.Optional;
import org.eclipse.jgit.lib.ObjectId;

/**
 * What merging a source into a destination would meet: every path both sides changed differently,
 * at a detail level, and whether the merge goes through under a strategy.
 *
 * @param changedOnBothSides in path order; at {@code LINE_LEVEL} this includes files whose changes
 *     merge cleanly (they have hunks but no conflicts)
 * @param mergeable every path merges by itself or is resolved by the strategy
 */
public record MergeAnalysis(
    MergeBase mergeBase,
    ConflictDetailLevel conflictDetailLevel,
    ConflictResolutionStrategy conflictResolutionStrategy,
    List<Conflict> changedOnBothSides,
    boolean mergeable) {

  public MergeAnalysis {
    changedOnBothSides = List.copyOf(changedOnBothSides);
  }

  public ObjectId sourceCommitId() {
    return mergeBase.sourceCommitId();
  }

  public ObjectId destinationCommitId() {
    return mergeBase.destinationCommitId();
  }

  /** The merge base, or {@code null} for unrelated histories. */
  public ObjectId baseCommitId() {
    return mergeBase.baseCommitId();
  }

  /**
   * The paths with at least one conflict at the detail level, whatever the strategy would do with
   * them: what {@code GetMergeConflicts} lists.
   */
  public List<Conflict> conflicting() {
    return changedOnBothSides.stream().filter(Conflict::hasConflicts).toList();
  }

  /** The analysis of one path, for {@code DescribeMergeConflicts}. */
  public Optional<Conflict> conflict(String filePath) {
    return changedOnBothSides.stream().filter(c -> c.filePath().equals(filePath)).findFirst();
  }

  /**
   * Whether a merge by this option goes through: a fast-forward needs the destination to be an
   * ancestor of the source, the other merges need every conflict settled.
   */
  public boolean mergeableBy(MergeOption option) {
    return option == MergeOption.FAST_FORWARD_MERGE ? mergeBase.fastForwardPossible() : mergeable;
  }

  /** What {@code GetMergeConflicts} lists for an option: nothing for a fast-forward. */
  public List<Conflict> conflictingFor(MergeOption option) {
    return option == MergeOption.FAST_FORWARD_MERGE ? List.of() : conflicting();
  }
}
