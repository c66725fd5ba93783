package io.commitd.git.merge;

import java.util.ArrayList;
import java.util.List;

/**
 * The paging of conflict listings. The continuation token is the offset of the next item, written
 * in decimal: the analysis is recomputed for each request from immutable commits, so an offset into
 * it stays meaningful.
 */
public final class ConflictPages {
  /** The page size when the request names none. */
  public static final int DEFAULT_MAX_CONFLICT_FILES = 100;

  /** The hunks returned when the request names no maximum. */
  public static final int DEFAULT_MAX_MERGE_HUNKS = 100;

  private ConflictPages() {}

  /**
   * A page of conflict files for {@code GetMergeConflicts} and {@code BatchDescribeMergeConflicts}.
   *
   * @param maxConflictFiles {@code null} for the default; otherwise at least 1
   */
  public static <T> Page<T> conflictFiles(
      List<T> files, Integer maxConflictFiles, String nextToken) {
    if (maxConflictFiles != null && maxConflictFiles < 1) {
      throw MergeErrors.invalidMaxConflictFiles();
    }
    return page(
        files, maxConflictFiles == null ? DEFAULT_MAX_CONFLICT_FILES : maxConflictFiles, nextToken);
  }

  /**
   * A page of one file's hunks for {@code DescribeMergeConflicts}.
   *
   * @param maxMergeHunks {@code null} for the default; otherwise at least 1
   */
  public static Page<MergeHunk> mergeHunks(
      List<MergeHunk> hunks, Integer maxMergeHunks, String nextToken) {
    return page(hunks, maxMergeHunks(maxMergeHunks), nextToken);
  }

  /**
   * The conflicts with their hunks cut so that, together, they hold at most {@code maxMergeHunks}:
   * {@code BatchDescribeMergeConflicts} bounds the hunks of a whole page, and files past the bound
   * keep their metadata with no hunks.
   */
  public static List<Conflict> limitHunks(List<Conflict> conflicts, Integer maxMergeHunks) {
    int remaining = maxMergeHunks(maxMergeHunks);
    List<Conflict> limited = new ArrayList<>();
    for (Conflict conflict : conflicts) {
      List<MergeHunk> hunks = conflict.mergeHunks();
      List<MergeHunk> kept = hunks.subList(0, Math.min(remaining, hunks.size()));
      remaining -= kept.size();
      limited.add(new Conflict(conflict.conflictMetadata(), kept));
    }
    return limited;
  }

  private static int maxMergeHunks(Integer maxMergeHunks) {
    if (maxMergeHunks != null && maxMergeHunks < 1) {
      throw MergeErrors.invalidMaxMergeHunks();
    }
    return maxMergeHunks == null ? DEFAULT_MAX_MERGE_HUNKS : maxMergeHunks;
  }

  private static <T> Page<T> page(List<T> items, int max, String nextToken) {
    int from = offset(nextToken, items.size());
    int to = (int) Math.min((long) from + max, items.size());
    return new Page<>(items.subList(from, to), to < items.size() ? Integer.toString(to) : null);
  }

  private static int offset(String token, int size) {
    if (token == null) {
      return 0;
    }
    try {
      int offset = Integer.parseInt(token);
      if (offset < 0 || offset > size) {
        throw MergeErrors.invalidContinuationToken();
      }
      return offset;
    } catch (NumberFormatException e) {
      throw MergeErrors.invalidContinuationToken();
    }
  }
}
