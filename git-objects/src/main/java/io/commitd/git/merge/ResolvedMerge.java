package io.commitd.git.merge;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jgit.lib.FileMode;

/**
 * The merged tree's entries once the strategy and a person's choices have settled every path both
 * sides changed: the checks CodeCommit makes on a conflict resolution, and its effect.
 */
final class ResolvedMerge {
  /** The most entries a conflict resolution may hold, as CodeCommit's 100-file commit limit. */
  static final int MAX_RESOLUTION_ENTRIES = 100;

  /** The largest replacement content, as botocore's {@code FileContent} shape allows. */
  static final int MAX_CONTENT_BYTES = 6 * 1024 * 1024;

  private final Map<String, ReplaceContentEntry> replacements = new HashMap<>();
  private final Map<String, DeleteFileEntry> deletions = new HashMap<>();
  private final Map<String, FileModeType> modes = new HashMap<>();

  private ResolvedMerge(ConflictResolution resolution) {
    if (resolution.entryCount() > MAX_RESOLUTION_ENTRIES) {
      throw MergeErrors.maximumConflictResolutionEntriesExceeded(MAX_RESOLUTION_ENTRIES);
    }
    for (ReplaceContentEntry entry : resolution.replaceContents()) {
      replacements.put(claim(entry.filePath()), checked(entry));
    }
    for (DeleteFileEntry entry : resolution.deleteFiles()) {
      deletions.put(claim(entry.filePath()), entry);
    }
    for (SetFileModeEntry entry : resolution.setFileModes()) {
      String path = claim(entry.filePath());
      if (entry.fileMode() == null) {
        throw MergeErrors.fileModeRequired();
      }
      modes.put(path, entry.fileMode());
    }
  }

  /**
   * Checks the resolution, then settles each path both sides changed: by the person's entry when
   * there is one, else by the strategy.
   *
   * @throws io.commitd.storage.errors.AwsException {@code ManualMergeRequiredException} when a
   *     conflict remains; the resolution's own errors when it is malformed or names a path that has
   *     nothing to resolve
   */
  static Map<String, MergedEntry> entries(
      TreeMerge merge, ConflictResolutionStrategy strategy, ConflictResolution resolution) {
    return new ResolvedMerge(resolution).settle(merge, strategy);
  }

  private Map<String, MergedEntry> settle(TreeMerge merge, ConflictResolutionStrategy strategy) {
    Map<String, FileMerge> files = new LinkedHashMap<>();
    merge.changedOnBothSides().forEach(file -> files.put(file.path(), file));
    for (Map<String, ?> chosen : List.of(replacements, deletions, modes)) {
      for (String path : chosen.keySet()) {
        if (!files.containsKey(path)) {
          throw MergeErrors.invalidConflictResolution(
              "The file " + path + " has no conflict to resolve.");
        }
      }
    }
    Map<String, MergedEntry> entries = new LinkedHashMap<>(merge.unchallenged());
    for (FileMerge file : files.values()) {
      FileMerge.Resolution resolution =
          choice(file, strategy).orElseThrow(MergeErrors::manualMergeRequired);
      resolution.entry().ifPresent(entry -> entries.put(file.path(), entry));
    }
    return entries;
  }

  private Optional<FileMerge.Resolution> choice(
      FileMerge file, ConflictResolutionStrategy strategy) {
    String path = file.path();
    if (replacements.containsKey(path)) {
      return Optional.of(replace(file, replacements.get(path)));
    }
    if (deletions.containsKey(path)) {
      return Optional.of(FileMerge.Resolution.deleted());
    }
    if (modes.containsKey(path)) {
      return withMode(file, strategy, modes.get(path).toFileMode());
    }
    return file.resolve(strategy);
  }

  private static FileMerge.Resolution replace(FileMerge file, ReplaceContentEntry entry) {
    FileMode chosenMode = entry.fileMode() == null ? null : entry.fileMode().toFileMode();
    if (entry.replacementType() == ReplacementType.USE_NEW_CONTENT) {
      FileMode mode = chosenMode != null ? chosenMode : modeForNewContent(file);
      return FileMerge.Resolution.keep(MergedEntry.newContent(mode, entry.content()));
    }
    TreeEntry kept =
        switch (entry.replacementType()) {
          case KEEP_BASE -> file.base();
          case KEEP_SOURCE -> file.source();
          default -> file.destination();
        };
    FileMerge.Resolution resolution = FileMerge.Resolution.of(kept);
    if (chosenMode == null || resolution.entry().isEmpty()) {
      return resolution;
    }
    return FileMerge.Resolution.keep(fileWithMode(file, resolution.entry().get(), chosenMode));
  }

  private static Optional<FileMerge.Resolution> withMode(
      FileMerge file, ConflictResolutionStrategy strategy, FileMode mode) {
    Optional<FileMerge.Resolution> byStrategy = file.resolve(strategy);
    if (byStrategy.isPresent()) {
      MergedEntry entry =
          byStrategy
              .get()
              .entry()
              .orElseThrow(
                  () ->
                      MergeErrors.invalidConflictResolution(
                          "The file " + file.path() + " is deleted by the merge; it has no mode."));
      return Optional.of(FileMerge.Resolution.keep(fileWithMode(file, entry, mode)));
    }
    // Choosing the mode settles a file whose content merges and only its mode conflicts.
    return file.mergedContentWithMode(mode).map(FileMerge.Resolution::keep);
  }

  private static MergedEntry fileWithMode(FileMerge file, MergedEntry entry, FileMode mode) {
    if (entry.isTree() || entry.mode() == FileMode.GITLINK) {
      throw MergeErrors.invalidConflictResolution(
          "The path " + file.path() + " is not a file; it has no file mode.");
    }
    return entry.withMode(mode);
  }

  // New content keeps the mode the file has where it is going, else where it comes from.
  private static FileMode modeForNewContent(FileMerge file) {
    if (file.destination().isBlob()) {
      return file.destination().mode();
    }
    return file.source().isBlob() ? file.source().mode() : FileMode.REGULAR_FILE;
  }

  private String claim(String filePath) {
    String path = ConflictPaths.normalize(filePath);
    if (replacements.containsKey(path) || deletions.containsKey(path) || modes.containsKey(path)) {
      throw MergeErrors.multipleConflictResolutionEntries(path);
    }
    return path;
  }

  private static ReplaceContentEntry checked(ReplaceContentEntry entry) {
    if (entry.replacementType() == null) {
      throw MergeErrors.replacementTypeRequired();
    }
    byte[] content = entry.content();
    if (entry.replacementType() == ReplacementType.USE_NEW_CONTENT) {
      if (content == null) {
        throw MergeErrors.replacementContentRequired();
      }
      if (content.length > MAX_CONTENT_BYTES) {
        throw MergeErrors.fileContentSizeLimitExceeded(MAX_CONTENT_BYTES);
      }
    } else if (content != null) {
      // Content only makes sense with USE_NEW_CONTENT; anything else is a confused request.
      throw MergeErrors.invalidReplacementContent();
    }
    return entry;
  }
}
