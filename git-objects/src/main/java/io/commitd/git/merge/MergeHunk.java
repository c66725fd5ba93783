package io.commitd.git.merge;

/**
 * One changed region of a file both branches changed, seen from each side. {@code base} is {@code
 * null} when the file did not exist at the merge base.
 */
public record MergeHunk(
    boolean isConflict,
    MergeHunkDetail source,
    MergeHunkDetail destination,
    MergeHunkDetail base) {}
