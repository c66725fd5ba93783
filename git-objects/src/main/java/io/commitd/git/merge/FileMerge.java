package io.commitd.git.merge;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.eclipse.jgit.diff.RawText;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectReader;

/**
 * One path both branches changed, differently: what conflicts in it at a detail level, and what it
 * becomes under each resolution strategy.
 *
 * <p>At {@code FILE_LEVEL} the whole file is the unit of conflict, so a file whose contents differ
 * counts one conflict and one hunk spanning each version. At {@code LINE_LEVEL} each changed region
 * is a hunk and each region both sides changed differently is a conflict.
 */
final class FileMerge {
  private static final byte[] NO_CONTENT = new byte[0];

  private final ConflictDetailLevel level;
  private final TreeEntry base;
  private final TreeEntry source;
  private final TreeEntry destination;
  private final boolean objectTypeConflict;
  private final boolean fileModeConflict;
  private final boolean deleteModifyConflict;

  /** For each side holding a file (not a symlink, directory or submodule): is it binary. */
  private final Sides<Boolean> binary;

  /** Present when both sides hold text files with different content. */
  private final LineMerge lines;

  private final Conflict conflict;

  private FileMerge(
      ObjectReader reader,
      String path,
      ConflictDetailLevel level,
      TreeEntry base,
      TreeEntry source,
      TreeEntry destination) {
    this.level = level;
    this.base = base;
    this.source = source;
    this.destination = destination;
    boolean bothPresent = source.isPresent() && destination.isPresent();
    this.objectTypeConflict =
        bothPresent && ObjectType.of(source.mode()) != ObjectType.of(destination.mode());
    this.deleteModifyConflict = source.isPresent() != destination.isPresent();
    this.fileModeConflict =
        bothPresent
            && !objectTypeConflict
            && !source.sameModeAs(destination)
            && !source.sameModeAs(base)
            && !destination.sameModeAs(base);

    byte[] baseContent = fileContent(reader, base);
    byte[] sourceContent = fileContent(reader, source);
    byte[] destinationContent = fileContent(reader, destination);
    this.binary =
        new Sides<>(isBinary(sourceContent), isBinary(destinationContent), isBinary(baseContent));
    boolean baseIsText = !base.isPresent() || Boolean.FALSE.equals(binary.base());
    this.lines =
        Boolean.FALSE.equals(binary.source())
                && Boolean.FALSE.equals(binary.destination())
                && baseIsText
                && !source.id().equals(destination.id())
            ? LineMerge.of(
                baseContent == null ? NO_CONTENT : baseContent, sourceContent, destinationContent)
            : null;

    this.conflict = new Conflict(metadata(reader, path), hunks());
  }

  static FileMerge analyze(
      ObjectReader reader,
      String path,
      ConflictDetailLevel level,
      TreeEntry base,
      TreeEntry source,
      TreeEntry destination) {
    return new FileMerge(reader, path, level, base, source, destination);
  }

  Conflict conflict() {
    return conflict;
  }

  String path() {
    return conflict.filePath();
  }

  TreeEntry base() {
    return base;
  }

  TreeEntry source() {
    return source;
  }

  TreeEntry destination() {
    return destination;
  }

  /**
   * What the path becomes under a strategy (possibly deleted), or empty when a conflict is left
   * for a person.
   *
   * <p>A path the detail level finds no conflict in merges whatever the strategy. Otherwise {@code
   * AUTOMERGE} merges changes that do not overlap, and the accept strategies take their side: at
   * {@code LINE_LEVEL} only for the lines and modes in conflict, keeping the other side's changes
   * elsewhere in the file; at {@code FILE_LEVEL} the whole file.
   */
  Optional<Resolution> resolve(ConflictResolutionStrategy strategy) {
    if (!conflict.hasConflicts()) {
      return merged(LineMerge.Favor.NEITHER);
    }
    return switch (strategy) {
      case NONE -> Optional.empty();
      case AUTOMERGE -> merged(LineMerge.Favor.NEITHER);
      case ACCEPT_SOURCE -> accept(LineMerge.Favor.SOURCE, source);
      case ACCEPT_DESTINATION -> accept(LineMerge.Favor.DESTINATION, destination);
    };
  }

  /** The merged content with a mode chosen by the person resolving, if the content merges. */
  Optional<MergedEntry> mergedContentWithMode(FileMode mode) {
    return mergedContent(LineMerge.Favor.NEITHER).map(entry -> entry.withMode(mode));
  }

  private Optional<Resolution> accept(LineMerge.Favor favor, TreeEntry side) {
    if (level == ConflictDetailLevel.FILE_LEVEL || objectTypeConflict || deleteModifyConflict) {
      return Optional.of(Resolution.of(side));
    }
    return mergedContent(favor)
        .map(entry -> entry.withMode(fileModeConflict ? side.mode() : mergedMode()))
        .or(() -> Optional.of(MergedEntry.existing(side)))
        .map(Resolution::keep);
  }

  private Optional<Resolution> merged(LineMerge.Favor favor) {
    if (fileModeConflict) {
      return Optional.empty();
    }
    return mergedContent(favor).map(entry -> entry.withMode(mergedMode())).map(Resolution::keep);
  }

  // Only meaningful without a mode conflict: the mode of whichever side changed it.
  private FileMode mergedMode() {
    return source.sameModeAs(base) ? destination.mode() : source.mode();
  }

  /** The merged object, carrying the source's mode until the caller picks one. */
  private Optional<MergedEntry> mergedContent(LineMerge.Favor favor) {
    if (objectTypeConflict || deleteModifyConflict) {
      return Optional.empty();
    }
    if (source.id().equals(destination.id()) || destination.id().equals(base.id())) {
      return Optional.of(MergedEntry.existing(source.mode(), source.id()));
    }
    if (source.id().equals(base.id())) {
      return Optional.of(MergedEntry.existing(source.mode(), destination.id()));
    }
    if (lines != null) {
      return lines.merged(favor).map(bytes -> MergedEntry.newContent(source.mode(), bytes));
    }
    return switch (favor) {
      case NEITHER -> Optional.empty();
      case SOURCE -> Optional.of(MergedEntry.existing(source.mode(), source.id()));
      case DESTINATION -> Optional.of(MergedEntry.existing(source.mode(), destination.id()));
    };
  }

  private ConflictMetadata metadata(ObjectReader reader, String path) {
    boolean contentConflict = contentConflict();
    int contentConflicts =
        !contentConflict
            ? 0
            : (level == ConflictDetailLevel.LINE_LEVEL && lines != null)
                ? lines.conflictCount()
                : 1;
    int numberOfConflicts =
        contentConflicts + (fileModeConflict ? 1 : 0) + (objectTypeConflict ? 1 : 0);
    return new ConflictMetadata(
        path,
        new Sides<>(size(reader, source), size(reader, destination), size(reader, base)),
        new Sides<>(
            FileModeType.of(source.mode()),
            FileModeType.of(destination.mode()),
            FileModeType.of(base.mode())),
        new Sides<>(
            ObjectType.of(source.mode()),
            ObjectType.of(destination.mode()),
            ObjectType.of(base.mode())),
        numberOfConflicts,
        binary,
        contentConflict,
        fileModeConflict,
        objectTypeConflict,
        new MergeOperations(
            ChangeType.between(base.mode(), source.mode()),
            ChangeType.between(base.mode(), destination.mode())));
  }

  private boolean contentConflict() {
    if (objectTypeConflict) {
      return false;
    }
    if (deleteModifyConflict) {
      return true;
    }
    if (source.id().equals(destination.id())) {
      return false;
    }
    if (level == ConflictDetailLevel.FILE_LEVEL) {
      return true;
    }
    boolean bothChangedContent =
        !source.id().equals(base.id()) && !destination.id().equals(base.id());
    return bothChangedContent && (lines == null || lines.conflictCount() > 0);
  }

  private List<MergeHunk> hunks() {
    if (lines == null) {
      return List.of();
    }
    if (level == ConflictDetailLevel.FILE_LEVEL) {
      return contentConflict() ? List.of(wholeFileHunk()) : List.of();
    }
    List<MergeHunk> hunks = new ArrayList<>();
    for (LineMerge.Region region : lines.regions()) {
      hunks.add(
          new MergeHunk(
              region.conflict(),
              new MergeHunkDetail(
                  region.source().begin(),
                  region.source().end(),
                  lines.sourceLines(region.source())),
              new MergeHunkDetail(
                  region.destination().begin(),
                  region.destination().end(),
                  lines.destinationLines(region.destination())),
              baseDetail(region.base())));
    }
    return hunks;
  }

  private MergeHunk wholeFileHunk() {
    LineMerge.Range source = new LineMerge.Range(0, lines.sourceLineCount());
    LineMerge.Range destination = new LineMerge.Range(0, lines.destinationLineCount());
    return new MergeHunk(
        true,
        new MergeHunkDetail(source.begin(), source.end(), lines.sourceLines(source)),
        new MergeHunkDetail(
            destination.begin(), destination.end(), lines.destinationLines(destination)),
        baseDetail(new LineMerge.Range(0, lines.baseLineCount())));
  }

  private MergeHunkDetail baseDetail(LineMerge.Range range) {
    return base.isPresent()
        ? new MergeHunkDetail(range.begin(), range.end(), lines.baseLines(range))
        : null;
  }

  private static byte[] fileContent(ObjectReader reader, TreeEntry entry) {
    return entry.isFile() ? Blobs.content(reader, entry.id()) : null;
  }

  private static Boolean isBinary(byte[] content) {
    return content == null ? null : RawText.isBinary(content);
  }

  private static Long size(ObjectReader reader, TreeEntry entry) {
    return entry.isBlob() ? Blobs.size(reader, entry.id()) : null;
  }

  /** What a conflicting path becomes: an entry, or deleted. */
  record Resolution(Optional<MergedEntry> entry) {
    static Resolution keep(MergedEntry entry) {
      return new Resolution(Optional.of(entry));
    }

    static Resolution deleted() {
      return new Resolution(Optional.empty());
    }

    static Resolution of(TreeEntry side) {
      return side.isPresent() ? keep(MergedEntry.existing(side)) : deleted();
    }
  }
}
