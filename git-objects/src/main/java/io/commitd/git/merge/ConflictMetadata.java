package io.commitd.git.merge;

/**
 * What botocore calls {@code ConflictMetadata}: the facts about one path both branches changed.
 *
 * @param numberOfConflicts the conflicting hunks (one for the whole file at {@code FILE_LEVEL})
 *     plus one for a file-mode conflict and one for an object-type conflict
 */
public record ConflictMetadata(
    String filePath,
    Sides<Long> fileSizes,
    Sides<FileModeType> fileModes,
    Sides<ObjectType> objectTypes,
    int numberOfConflicts,
    Sides<Boolean> isBinaryFile,
    boolean contentConflict,
    boolean fileModeConflict,
    boolean objectTypeConflict,
    MergeOperations mergeOperations) {}
