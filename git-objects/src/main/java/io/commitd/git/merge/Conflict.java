package io.commitd.git.merge;

import java.util.List;

/** A path both branches changed, and its hunks: botocore's {@code Conflict}. */
public record Conflict(ConflictMetadata conflictMetadata, List<MergeHunk> mergeHunks) {
  public Conflict {
    mergeHunks = List.copyOf(mergeHunks);
  }

  public String filePath() {
    return conflictMetadata.filePath();
  }

  /** Whether the detail level finds anything to resolve in this path. */
  public boolean hasConflicts() {
    return conflictMetadata.numberOfConflicts() > 0;
  }
}
