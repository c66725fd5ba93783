package io.commitd.git.merge;

import java.util.List;

/**
 * The choices a person made for conflicting files, applied on top of the resolution strategy. Each
 * path may appear in one entry only.
 */
public record ConflictResolution(
    List<ReplaceContentEntry> replaceContents,
    List<DeleteFileEntry> deleteFiles,
    List<SetFileModeEntry> setFileModes) {

  /** No choices: the strategy alone decides. */
  public static final ConflictResolution NONE =
      new ConflictResolution(List.of(), List.of(), List.of());

  /** Absent lists are empty lists, as the wire's optional members are. */
  public ConflictResolution {
    replaceContents = replaceContents == null ? List.of() : List.copyOf(replaceContents);
    deleteFiles = deleteFiles == null ? List.of() : List.copyOf(deleteFiles);
    setFileModes = setFileModes == null ? List.of() : List.copyOf(setFileModes);
  }

  public int entryCount() {
    return replaceContents.size() + deleteFiles.size() + setFileModes.size();
  }
}
