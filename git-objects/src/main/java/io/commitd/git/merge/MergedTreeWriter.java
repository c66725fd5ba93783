package io.commitd.git.merge;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.eclipse.jgit.dircache.DirCache;
import org.eclipse.jgit.dircache.DirCacheBuilder;
import org.eclipse.jgit.dircache.DirCacheEntry;
import org.eclipse.jgit.lib.AnyObjectId;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.treewalk.TreeWalk;

/**
 * Writes the merged tree: the entries a merge settled on, and, when asked to keep empty folders, a
 * {@code .gitkeep} in each destination folder the merge would otherwise remove (Git stores no empty
 * folders; the service documents the {@code .gitkeep}).
 */
final class MergedTreeWriter {
  static final String KEEP_FILE = ".gitkeep";

  private final ObjectReader reader;
  private final ObjectInserter inserter;

  MergedTreeWriter(ObjectReader reader, ObjectInserter inserter) {
    this.reader = reader;
    this.inserter = inserter;
  }

  ObjectId write(Map<String, MergedEntry> entries) {
    try {
      DirCache index = DirCache.newInCore();
      DirCacheBuilder builder = index.builder();
      for (Map.Entry<String, MergedEntry> entry : entries.entrySet()) {
        add(builder, entry.getKey(), entry.getValue());
      }
      builder.finish();
      return index.writeTree(inserter);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The merged tree with a {@code .gitkeep} in every destination folder it lacks. Only the deepest
   * missing folders get one: that keeps their parents too.
   */
  ObjectId keepEmptyFolders(AnyObjectId destinationTree, AnyObjectId mergedTree) {
    Set<String> missing = folders(destinationTree);
    missing.removeAll(folders(mergedTree));
    List<String> deepest = new ArrayList<>();
    for (String folder : missing) {
      boolean holdsAnother = missing.stream().anyMatch(other -> other.startsWith(folder + "/"));
      if (!holdsAnother) {
        deepest.add(folder);
      }
    }
    if (deepest.isEmpty()) {
      return mergedTree.copy();
    }
    try {
      DirCache index = DirCache.newInCore();
      DirCacheBuilder builder = index.builder();
      builder.addTree(new byte[0], DirCacheEntry.STAGE_0, reader, mergedTree);
      ObjectId empty = inserter.insert(Constants.OBJ_BLOB, new byte[0]);
      for (String folder : deepest) {
        add(builder, folder + "/" + KEEP_FILE, MergedEntry.existing(FileMode.REGULAR_FILE, empty));
      }
      builder.finish();
      return index.writeTree(inserter);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void add(DirCacheBuilder builder, String path, MergedEntry entry) throws IOException {
    if (entry.isTree()) {
      builder.addTree(
          path.getBytes(StandardCharsets.UTF_8), DirCacheEntry.STAGE_0, reader, entry.existingId());
      return;
    }
    DirCacheEntry file = new DirCacheEntry(path);
    file.setFileMode(entry.mode());
    file.setObjectId(
        entry.existingId() != null
            ? entry.existingId()
            : inserter.insert(Constants.OBJ_BLOB, entry.newContent()));
    builder.add(file);
  }

  private Set<String> folders(AnyObjectId tree) {
    Set<String> folders = new TreeSet<>();
    try (TreeWalk walk = new TreeWalk(reader)) {
      walk.addTree(tree);
      walk.setRecursive(false);
      while (walk.next()) {
        if (walk.isSubtree()) {
          folders.add(walk.getPathString());
          walk.enterSubtree();
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return folders;
  }
}
