package io.commitd.git.merge;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.eclipse.jgit.diff.DiffAlgorithm;
import org.eclipse.jgit.diff.Edit;
import org.eclipse.jgit.diff.EditList;
import org.eclipse.jgit.diff.RawText;
import org.eclipse.jgit.diff.RawTextComparator;
import org.eclipse.jgit.merge.ContentMergeStrategy;
import org.eclipse.jgit.merge.MergeAlgorithm;
import org.eclipse.jgit.merge.MergeFormatter;
import org.eclipse.jgit.merge.MergeResult;
import org.eclipse.jgit.util.IntList;
import org.eclipse.jgit.util.RawParseUtils;

/**
 * The line-by-line three-way merge of one text file: which regions each side changed, which of them
 * overlap, and the merged content.
 *
 * <p>The regions are computed here rather than read from JGit's {@link MergeResult} because a merge
 * result keeps only the lines of the side that wins each chunk, while a CodeCommit hunk names the
 * lines of all three versions. The rule for when two changes conflict is JGit's (changes that
 * overlap or touch in the base conflict), and the merged content itself comes from JGit's {@link
 * MergeAlgorithm}, so the two views agree.
 */
final class LineMerge {
  private static final DiffAlgorithm DIFF =
      DiffAlgorithm.getAlgorithm(DiffAlgorithm.SupportedAlgorithm.HISTOGRAM);
  private static final RawTextComparator LINES = RawTextComparator.DEFAULT;

  /** Lines {@code [begin, end)} of one version, counted from 0. */
  record Range(int begin, int end) {}

  /** A region some side changed, in the lines of each version. */
  record Region(Range base, Range source, Range destination, boolean conflict) {}

  /** Whose version wins where both sides changed the same lines. */
  enum Favor {
    NEITHER,
    SOURCE,
    DESTINATION
  }

  private final Version base;
  private final Version source;
  private final Version destination;
  private final List<Region> regions;
  private final boolean jgitFindsConflicts;

  private LineMerge(byte[] base, byte[] source, byte[] destination) {
    this.base = new Version(base);
    this.source = new Version(source);
    this.destination = new Version(destination);
    this.regions = regionsOf(this.base.text, this.source.text, this.destination.text);
    this.jgitFindsConflicts = merge(ContentMergeStrategy.CONFLICT).containsConflicts();
  }

  /**
   * Merges {@code source} into {@code destination}; a file absent at the base has empty base
   * content.
   */
  static LineMerge of(byte[] base, byte[] source, byte[] destination) {
    return new LineMerge(base, source, destination);
  }

  List<Region> regions() {
    return regions;
  }

  /**
   * The regions both sides changed differently. Should JGit's merge find a conflict where the
   * regions show none, the file still counts one, so that a file is never called mergeable without
   * merged content.
   */
  int conflictCount() {
    int count = (int) regions.stream().filter(Region::conflict).count();
    return count == 0 && jgitFindsConflicts ? 1 : count;
  }

  /** The merged content, unless both sides changed the same lines and neither is favored. */
  Optional<byte[]> merged(Favor favor) {
    ContentMergeStrategy strategy =
        switch (favor) {
          case NEITHER -> ContentMergeStrategy.CONFLICT;
          case SOURCE -> ContentMergeStrategy.THEIRS;
          case DESTINATION -> ContentMergeStrategy.OURS;
        };
    MergeResult<RawText> result = merge(strategy);
    if (result.containsConflicts()) {
      return Optional.empty();
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      new MergeFormatter()
          .formatMerge(
              out, result, List.of("base", "destination", "source"), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return Optional.of(out.toByteArray());
  }

  int baseLineCount() {
    return base.text.size();
  }

  int sourceLineCount() {
    return source.text.size();
  }

  int destinationLineCount() {
    return destination.text.size();
  }

  byte[] baseLines(Range range) {
    return base.bytes(range);
  }

  byte[] sourceLines(Range range) {
    return source.bytes(range);
  }

  byte[] destinationLines(Range range) {
    return destination.bytes(range);
  }

  // The destination is "ours" and the source "theirs": the merge brings the source in.
  private MergeResult<RawText> merge(ContentMergeStrategy strategy) {
    MergeAlgorithm algorithm = new MergeAlgorithm(DIFF);
    algorithm.setContentMergeStrategy(strategy);
    return algorithm.merge(LINES, base.text, destination.text, source.text);
  }

  private static List<Region> regionsOf(RawText base, RawText source, RawText destination) {
    EditList toSource = DIFF.diff(LINES, base, source);
    EditList toDestination = DIFF.diff(LINES, base, destination);
    List<Region> regions = new ArrayList<>();
    int s = 0;
    int d = 0;
    int sourceShift = 0;
    int destinationShift = 0;
    while (s < toSource.size() || d < toDestination.size()) {
      Edit nextSource = s < toSource.size() ? toSource.get(s) : null;
      Edit nextDestination = d < toDestination.size() ? toDestination.get(d) : null;
      int sourceEnd = s;
      int destinationEnd = d;
      if (nextDestination == null
          || (nextSource != null && nextSource.getEndA() < nextDestination.getBeginA())) {
        sourceEnd = s + 1;
      } else if (nextSource == null || nextDestination.getEndA() < nextSource.getBeginA()) {
        destinationEnd = d + 1;
      } else {
        // Both sides changed lines that overlap or touch: grow the region, as JGit's merge
        // does, until neither side's next change reaches into the other's last one.
        sourceEnd = s + 1;
        destinationEnd = d + 1;
        while (true) {
          Edit lastSource = toSource.get(sourceEnd - 1);
          Edit lastDestination = toDestination.get(destinationEnd - 1);
          if (destinationEnd < toDestination.size()
              && lastSource.getEndA() >= toDestination.get(destinationEnd).getBeginA()) {
            destinationEnd++;
          } else if (sourceEnd < toSource.size()
              && lastDestination.getEndA() >= toSource.get(sourceEnd).getBeginA()) {
            sourceEnd++;
          } else {
            break;
          }
        }
      }
      List<Edit> sourceEdits = toSource.subList(s, sourceEnd);
      List<Edit> destinationEdits = toDestination.subList(d, destinationEnd);
      Range baseRange = baseRangeOf(sourceEdits, destinationEdits);
      int sourceDelta = lengthChange(sourceEdits);
      int destinationDelta = lengthChange(destinationEdits);
      Range sourceRange =
          new Range(baseRange.begin + sourceShift, baseRange.end + sourceShift + sourceDelta);
      Range destinationRange =
          new Range(
              baseRange.begin + destinationShift,
              baseRange.end + destinationShift + destinationDelta);
      boolean conflict =
          !sourceEdits.isEmpty()
              && !destinationEdits.isEmpty()
              && !sameLines(source, sourceRange, destination, destinationRange);
      regions.add(new Region(baseRange, sourceRange, destinationRange, conflict));
      sourceShift += sourceDelta;
      destinationShift += destinationDelta;
      s = sourceEnd;
      d = destinationEnd;
    }
    return List.copyOf(regions);
  }

  private static Range baseRangeOf(List<Edit> sourceEdits, List<Edit> destinationEdits) {
    int begin = Integer.MAX_VALUE;
    int end = Integer.MIN_VALUE;
    for (List<Edit> edits : List.of(sourceEdits, destinationEdits)) {
      if (!edits.isEmpty()) {
        begin = Math.min(begin, edits.get(0).getBeginA());
        end = Math.max(end, edits.get(edits.size() - 1).getEndA());
      }
    }
    return new Range(begin, end);
  }

  private static int lengthChange(List<Edit> edits) {
    return edits.stream().mapToInt(e -> e.getLengthB() - e.getLengthA()).sum();
  }

  private static boolean sameLines(RawText a, Range ra, RawText b, Range rb) {
    if (ra.end - ra.begin != rb.end - rb.begin) {
      return false;
    }
    for (int i = 0; i < ra.end - ra.begin; i++) {
      if (!LINES.equals(a, ra.begin + i, b, rb.begin + i)) {
        return false;
      }
    }
    return true;
  }

  /** One version's bytes, split into lines the same way {@link RawText} splits them. */
  private static final class Version {
    final byte[] content;
    final IntList lineStarts;
    final RawText text;

    Version(byte[] content) {
      this.content = content;
      this.lineStarts = RawParseUtils.lineMap(content, 0, content.length);
      this.text = new RawText(content, lineStarts);
    }

    // lineMap puts a sentinel first and the end of the content last, so line i starts at i + 1.
    byte[] bytes(Range range) {
      return Arrays.copyOfRange(
          content, lineStarts.get(range.begin + 1), lineStarts.get(range.end + 1));
    }
  }
}
