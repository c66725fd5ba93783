package io.commitd.git.tree;

import io.commitd.storage.errors.AwsException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.jgit.dircache.DirCache;
import org.eclipse.jgit.dircache.DirCacheBuilder;
import org.eclipse.jgit.dircache.DirCacheEditor;
import org.eclipse.jgit.dircache.DirCacheEntry;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.revwalk.RevTree;

/**
 * Applies edits to a tree the way CodeCommit does, refusing the conflicts it refuses (a file
 * where a folder is, a folder where a file is, a path inside a submodule), and writes the new
 * tree. Empty folders vanish unless {@code keepEmptyFolders} leaves a {@code .gitkeep}.
 */
public final class TreeEditor {
  private TreeEditor() {}

  /** A file the edit added, updated or deleted. */
  public record ChangedFile(String path, ObjectId blobId, FileMode mode) {}

  /** The new tree and what changed in it. */
  public record Result(ObjectId treeId, List<ChangedFile> added, List<ChangedFile> updated, List<ChangedFile> deleted) {}

  public static Result apply(ObjectReader reader, ObjectInserter inserter, RevTree base, List<TreeEdit> edits, boolean keepEmptyFolders)
      throws IOException {
    DirCache index = DirCache.newInCore();
    DirCacheBuilder builder = index.builder();
    if (base != null) {
      builder.addTree(new byte[0], DirCacheEntry.STAGE_0, reader, base);
    }
    builder.finish();
    Map<String, DirCacheEntry> files = new HashMap<>();
    for (int i = 0; i < index.getEntryCount(); i++) {
      DirCacheEntry entry = index.getEntry(i);
      files.put(entry.getPathString(), entry);
    }

    List<ChangedFile> added = new ArrayList<>();
    List<ChangedFile> updated = new ArrayList<>();
    List<ChangedFile> deleted = new ArrayList<>();
    Set<String> touchedFolders = new LinkedHashSet<>();
    DirCacheEditor editor = index.editor();
    for (TreeEdit edit : edits) {
      String path = edit.path();
      DirCacheEntry existing = files.get(path);
      if (edit instanceof TreeEdit.Put put) {
        checkPlacement(files, path);
        ObjectId blob = put.existingBlob() != null ? put.existingBlob() : inserter.insert(Constants.OBJ_BLOB, put.content());
        FileMode mode = put.mode();
        editor.add(new DirCacheEditor.PathEdit(path) {
          @Override
          public void apply(DirCacheEntry entry) {
            entry.setFileMode(mode);
            entry.setObjectId(blob);
          }
        });
        (existing == null ? added : updated).add(new ChangedFile(path, blob, mode));
      } else if (edit instanceof TreeEdit.Delete) {
        if (existing == null) {
          throw fileDoesNotExist(path);
        }
        editor.add(new DirCacheEditor.DeletePath(path));
        deleted.add(new ChangedFile(path, existing.getObjectId(), existing.getFileMode()));
        touchedFolders.add(parentOf(path));
      } else if (edit instanceof TreeEdit.SetMode setMode) {
        if (existing == null) {
          throw fileDoesNotExist(path);
        }
        ObjectId blob = existing.getObjectId();
        editor.add(new DirCacheEditor.PathEdit(path) {
          @Override
          public void apply(DirCacheEntry entry) {
            entry.setFileMode(setMode.mode());
            entry.setObjectId(blob);
          }
        });
        updated.add(new ChangedFile(path, blob, setMode.mode()));
      }
    }
    editor.finish();
    if (keepEmptyFolders) {
      keepFolders(index, inserter, touchedFolders);
    }
    return new Result(index.writeTree(inserter), added, updated, deleted);
  }

  private static void keepFolders(DirCache index, ObjectInserter inserter, Set<String> folders) throws IOException {
    ObjectId empty = inserter.insert(Constants.OBJ_BLOB, new byte[0]);
    DirCacheEditor editor = index.editor();
    boolean any = false;
    for (String folder : folders) {
      if (!folder.isEmpty() && index.getEntriesWithin(folder).length == 0) {
        editor.add(new DirCacheEditor.PathEdit(folder + "/.gitkeep") {
          @Override
          public void apply(DirCacheEntry entry) {
            entry.setFileMode(FileMode.REGULAR_FILE);
            entry.setObjectId(empty);
          }
        });
        any = true;
      }
    }
    if (any) {
      editor.finish();
    }
  }

  /** Refuses a file where a folder or submodule is, or below a file or submodule. */
  private static void checkPlacement(Map<String, DirCacheEntry> files, String path) {
    DirCacheEntry same = files.get(path);
    if (same != null && FileMode.GITLINK.equals(same.getFileMode())) {
      throw AwsException.badRequest("FilePathConflictsWithSubmodulePathException",
          "The commit cannot be created because a specified file path has the same name as a submodule path: " + path);
    }
    String prefix = path + "/";
    if (files.keySet().stream().anyMatch(p -> p.startsWith(prefix))) {
      throw AwsException.badRequest("FileNameConflictsWithDirectoryNameException",
          "The file cannot be added because a folder with the same name already exists: " + path);
    }
    for (int slash = path.indexOf('/'); slash > 0; slash = path.indexOf('/', slash + 1)) {
      DirCacheEntry parent = files.get(path.substring(0, slash));
      if (parent != null) {
        if (FileMode.GITLINK.equals(parent.getFileMode())) {
          throw AwsException.badRequest("FilePathConflictsWithSubmodulePathException",
              "The commit cannot be created because a specified file path is inside a submodule: " + path);
        }
        throw AwsException.badRequest("DirectoryNameConflictsWithFileNameException",
            "The file cannot be added because " + path.substring(0, slash) + " is a file, not a folder.");
      }
    }
  }

  private static String parentOf(String path) {
    int slash = path.lastIndexOf('/');
    return slash < 0 ? "" : path.substring(0, slash);
  }

  public static AwsException fileDoesNotExist(String path) {
    return AwsException.badRequest("FileDoesNotExistException", "The specified file does not exist: " + path);
  }
}
