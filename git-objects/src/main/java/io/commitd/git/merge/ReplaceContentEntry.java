package io.commitd.git.merge;

import java.util.Arrays;
import java.util.Objects;

/**
 * Resolves a conflicting file by keeping one version of it or giving it new content.
 *
 * @param replacementType {@code null} when the request named none (refused when checked)
 * @param content the new content for {@code USE_NEW_CONTENT}, decoded from base64; else null
 * @param fileMode the mode to give the file, or {@code null} to keep the kept version's mode (for
 *     new content: the destination's, else the source's, else {@code NORMAL})
 */
public record ReplaceContentEntry(
    String filePath, ReplacementType replacementType, byte[] content, FileModeType fileMode) {

  public ReplaceContentEntry {
    content = content == null ? null : content.clone();
  }

  @Override
  public byte[] content() {
    return content == null ? null : content.clone();
  }

  // A record compares arrays by identity; entries are values, so compare the bytes.
  @Override
  public boolean equals(Object other) {
    return other instanceof ReplaceContentEntry that
        && Objects.equals(filePath, that.filePath)
        && replacementType == that.replacementType
        && Arrays.equals(content, that.content)
        && fileMode == that.fileMode;
  }

  @Override
  public int hashCode() {
    return Objects.hash(filePath, replacementType, Arrays.hashCode(content), fileMode);
  }

  @Override
  public String toString() {
    return "ReplaceContentEntry[filePath="
        + filePath
        + ", replacementType="
        + replacementType
        + ", content="
        + (content == null ? "null" : content.length + " bytes")
        + ", fileMode="
        + fileMode
        + "]";
  }
}
