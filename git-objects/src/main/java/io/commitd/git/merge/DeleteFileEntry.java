package io.commitd.git.merge;

/** Resolves a conflicting file by leaving it out of the merge. */
public record DeleteFileEntry(String filePath) {}
