package io.commitd.git.merge;

import java.util.Objects;
import org.eclipse.jgit.lib.AnyObjectId;
import org.eclipse.jgit.lib.ObjectId;

/**
 * A squash or three-way merge to make: the commits, how to find and settle conflicts, and who makes
 * it. Absent options take the service's defaults ({@code FILE_LEVEL}, {@code NONE}, no resolution,
 * folders not kept).
 *
 * @param sourceName how the request named the source (a branch name, or the commit id), for the
 *     default commit message
 * @param destinationName likewise for the destination
 */
public record MergeRequest(
    ObjectId sourceCommitId,
    ObjectId destinationCommitId,
    String sourceName,
    String destinationName,
    ConflictDetailLevel conflictDetailLevel,
    ConflictResolutionStrategy conflictResolutionStrategy,
    ConflictResolution conflictResolution,
    boolean keepEmptyFolders,
    CommitDetails commitDetails) {

  public MergeRequest {
    Objects.requireNonNull(sourceCommitId, "sourceCommitId");
    Objects.requireNonNull(destinationCommitId, "destinationCommitId");
    Objects.requireNonNull(commitDetails, "commitDetails");
    sourceName = sourceName == null ? sourceCommitId.name() : sourceName;
    destinationName = destinationName == null ? destinationCommitId.name() : destinationName;
    conflictDetailLevel =
        conflictDetailLevel == null ? ConflictDetailLevel.FILE_LEVEL : conflictDetailLevel;
    conflictResolutionStrategy =
        conflictResolutionStrategy == null
            ? ConflictResolutionStrategy.NONE
            : conflictResolutionStrategy;
    conflictResolution = conflictResolution == null ? ConflictResolution.NONE : conflictResolution;
  }

  /** A merge of two commits with every option at its default. */
  public static MergeRequest of(
      AnyObjectId source, AnyObjectId destination, CommitDetails commitDetails) {
    return new MergeRequest(
        source.copy(), destination.copy(), null, null, null, null, null, false, commitDetails);
  }

  public MergeRequest withNames(String source, String destination) {
    return new MergeRequest(
        sourceCommitId,
        destinationCommitId,
        source,
        destination,
        conflictDetailLevel,
        conflictResolutionStrategy,
        conflictResolution,
        keepEmptyFolders,
        commitDetails);
  }

  public MergeRequest withConflictDetailLevel(ConflictDetailLevel level) {
    return new MergeRequest(
        sourceCommitId,
        destinationCommitId,
        sourceName,
        destinationName,
        level,
        conflictResolutionStrategy,
        conflictResolution,
        keepEmptyFolders,
        commitDetails);
  }

  public MergeRequest withConflictResolutionStrategy(ConflictResolutionStrategy strategy) {
    return new MergeRequest(
        sourceCommitId,
        destinationCommitId,
        sourceName,
        destinationName,
        conflictDetailLevel,
        strategy,
        conflictResolution,
        keepEmptyFolders,
        commitDetails);
  }

  public MergeRequest withConflictResolution(ConflictResolution resolution) {
    return new MergeRequest(
        sourceCommitId,
        destinationCommitId,
        sourceName,
        destinationName,
        conflictDetailLevel,
        conflictResolutionStrategy,
        resolution,
        keepEmptyFolders,
        commitDetails);
  }

  public MergeRequest withKeepEmptyFolders(boolean keep) {
    return new MergeRequest(
        sourceCommitId,
        destinationCommitId,
        sourceName,
        destinationName,
        conflictDetailLevel,
        conflictResolutionStrategy,
        conflictResolution,
        keep,
        commitDetails);
  }
}
