package io.commitd.git.merge;

/**
 * One fact about a path on each side of a merge: the shape of botocore's {@code FileSizes}, {@code
 * FileModes}, {@code ObjectTypes} and {@code IsBinaryFile}. A side where the path does not exist
 * (or the fact does not apply, like the mode of a directory) is {@code null}.
 */
public record Sides<T>(T source, T destination, T base) {}
