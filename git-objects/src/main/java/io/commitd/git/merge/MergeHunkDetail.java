package io.commitd.git.merge;

import java.util.Arrays;
import java.util.Base64;

/**
 * A run of lines of one side of a merge hunk. Lines count from 0 and {@code endLine} is exclusive,
 * as in the service's documented example ({@code startLine 0, endLine 3} for a three-line hunk); an
 * empty run ({@code startLine == endLine}) marks where lines were inserted on another side.
 *
 * @param hunkContent the raw bytes of those lines; the wire carries them base64-encoded
 */
public record MergeHunkDetail(int startLine, int endLine, byte[] hunkContent) {
  public MergeHunkDetail {
    hunkContent = hunkContent.clone();
  }

  @Override
  public byte[] hunkContent() {
    return hunkContent.clone();
  }

  /** The content as the wire carries it. */
  public String hunkContentBase64() {
    return Base64.getEncoder().encodeToString(hunkContent);
  }

  // A record compares arrays by identity; hunks are values, so compare the bytes.
  @Override
  public boolean equals(Object other) {
    return other instanceof MergeHunkDetail that
        && startLine == that.startLine
        && endLine == that.endLine
        && Arrays.equals(hunkContent, that.hunkContent);
  }

  @Override
  public int hashCode() {
    return 31 * (31 * startLine + endLine) + Arrays.hashCode(hunkContent);
  }

  @Override
  public String toString() {
    return "MergeHunkDetail[startLine="
        + startLine
        + ", endLine="
        + endLine
        + ", hunkContent="
        + hunkContent.length
        + " bytes]";
  }
}
