package io.commitd.git.merge;

/**
 * Resolves a file-mode conflict by choosing the mode.
 *
 * @param fileMode {@code null} when the request named none (refused when checked)
 */
public record SetFileModeEntry(String filePath, FileModeType fileMode) {}
