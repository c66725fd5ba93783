package io.commitd.triggers.events;

/**
 * What CodeCommit adds to a state change made by a merge through its API (MergeBranchesBy…,
 * MergePullRequestBy…): the three commits involved and how the merge was asked for.
 * Any field may be null and is then left out of the JSON.
 */
public record MergeDetails(
        String baseCommitId,
        String sourceCommitId,
        String destinationCommitId,
        String mergeOption,
        String conflictDetailsLevel,
        String conflictResolutionStrategy) {
}
