package io.commitd.server.codecommit.merges;

import io.commitd.git.merge.Conflict;
import io.commitd.git.merge.ConflictMetadata;
import io.commitd.git.merge.MergeHunk;
import io.commitd.git.merge.MergeHunkDetail;
import io.commitd.git.merge.Sides;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.lib.ObjectId;

/**
 * botocore's {@code ConflictMetadata}, {@code MergeHunk} and {@code Conflict} shapes from the merge
 * engine's values. Absent facts (a side where the path does not exist) are left out, as the service
 * leaves them out; hunk content is base64 on the wire.
 */
final class ConflictShapes {
  private ConflictShapes() {}

  static Map<String, Object> conflict(Conflict conflict) {
    Map<String, Object> shape = new LinkedHashMap<>();
    shape.put("conflictMetadata", metadata(conflict.conflictMetadata()));
    shape.put("mergeHunks", hunks(conflict.mergeHunks()));
    return shape;
  }

  static Map<String, Object> metadata(ConflictMetadata metadata) {
    Map<String, Object> shape = new LinkedHashMap<>();
    shape.put("filePath", metadata.filePath());
    shape.put("fileSizes", sides(metadata.fileSizes()));
    shape.put("fileModes", sides(metadata.fileModes()));
    shape.put("objectTypes", sides(metadata.objectTypes()));
    shape.put("numberOfConflicts", metadata.numberOfConflicts());
    shape.put("isBinaryFile", sides(metadata.isBinaryFile()));
    shape.put("contentConflict", metadata.contentConflict());
    shape.put("fileModeConflict", metadata.fileModeConflict());
    shape.put("objectTypeConflict", metadata.objectTypeConflict());
    Map<String, Object> operations = new LinkedHashMap<>();
    putPresent(operations, "source", metadata.mergeOperations().source());
    putPresent(operations, "destination", metadata.mergeOperations().destination());
    shape.put("mergeOperations", operations);
    return shape;
  }

  static List<Map<String, Object>> hunks(List<MergeHunk> hunks) {
    return hunks.stream().map(ConflictShapes::hunk).toList();
  }

  private static Map<String, Object> hunk(MergeHunk hunk) {
    Map<String, Object> shape = new LinkedHashMap<>();
    shape.put("isConflict", hunk.isConflict());
    putPresent(shape, "source", detail(hunk.source()));
    putPresent(shape, "destination", detail(hunk.destination()));
    putPresent(shape, "base", detail(hunk.base()));
    return shape;
  }

  private static Map<String, Object> detail(MergeHunkDetail detail) {
    if (detail == null) {
      return null;
    }
    Map<String, Object> shape = new LinkedHashMap<>();
    shape.put("startLine", detail.startLine());
    shape.put("endLine", detail.endLine());
    shape.put("hunkContent", detail.hunkContentBase64());
    return shape;
  }

  private static Map<String, Object> sides(Sides<?> sides) {
    Map<String, Object> shape = new LinkedHashMap<>();
    if (sides != null) {
      putPresent(shape, "source", sides.source());
      putPresent(shape, "destination", sides.destination());
      putPresent(shape, "base", sides.base());
    }
    return shape;
  }

  /** The commit ids every merge evaluation answers; the base is absent for unrelated histories. */
  static void putCommits(Map<String, Object> output, ObjectId source, ObjectId destination, ObjectId base) {
    output.put("sourceCommitId", source.name());
    output.put("destinationCommitId", destination.name());
    putPresent(output, "baseCommitId", base == null ? null : base.name());
  }

  static void putPresent(Map<String, Object> shape, String member, Object value) {
    if (value != null) {
      shape.put(member, value instanceof Enum<?> e ? e.name() : value);
    }
  }
}
