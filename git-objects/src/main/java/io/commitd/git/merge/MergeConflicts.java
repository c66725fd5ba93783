package io.commitd.git.merge;

import org.eclipse.jgit.lib.AnyObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Repository;

/**
 * The conflicts of merging one commit into another, as {@code GetMergeConflicts}, {@code
 * DescribeMergeConflicts} and {@code BatchDescribeMergeConflicts} report them. Reads objects only;
 * nothing is written.
 */
public final class MergeConflicts {
  private MergeConflicts() {}

  public static MergeAnalysis analyze(
      Repository repository,
      AnyObjectId source,
      AnyObjectId destination,
      ConflictDetailLevel conflictDetailLevel,
      ConflictResolutionStrategy conflictResolutionStrategy) {
    try (ObjectReader reader = repository.newObjectReader()) {
      return analyze(reader, source, destination, conflictDetailLevel, conflictResolutionStrategy);
    }
  }

  public static MergeAnalysis analyze(
      ObjectReader reader,
      AnyObjectId source,
      AnyObjectId destination,
      ConflictDetailLevel conflictDetailLevel,
      ConflictResolutionStrategy conflictResolutionStrategy) {
    MergeBase mergeBase = MergeBase.find(reader, source, destination);
    TreeMerge merge = TreeMerge.of(reader, mergeBase, conflictDetailLevel);
    return analysisOf(merge, conflictDetailLevel, conflictResolutionStrategy);
  }

  static MergeAnalysis analysisOf(
      TreeMerge merge, ConflictDetailLevel level, ConflictResolutionStrategy strategy) {
    boolean mergeable =
        merge.changedOnBothSides().stream().allMatch(file -> file.resolve(strategy).isPresent());
    return new MergeAnalysis(
        merge.mergeBase(),
        level,
        strategy,
        merge.changedOnBothSides().stream().map(FileMerge::conflict).toList(),
        mergeable);
  }
}
