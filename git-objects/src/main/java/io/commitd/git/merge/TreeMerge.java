package io.commitd.git.merge;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.EmptyTreeIterator;
import org.eclipse.jgit.treewalk.NameConflictTreeWalk;
import org.eclipse.jgit.treewalk.TreeWalk;

/**
 * The three-way merge of two commits' trees, path by path: what merges by itself (one side changed
 * it, or both the same way) and which paths both sides changed differently.
 *
 * <p>A directory changed on both sides is entered so that its files are judged one by one; a path
 * that is a directory on one side and not on the other is judged whole, as an object-type conflict.
 * The walk matches a file and a directory of the same name (which plain tree walks sort apart) so
 * that such a path is seen once.
 */
final class TreeMerge {
  private final MergeBase mergeBase;
  private final Map<String, MergedEntry> unchallenged;
  private final List<FileMerge> changedOnBothSides;

  private TreeMerge(
      MergeBase mergeBase, Map<String, MergedEntry> unchallenged, List<FileMerge> changed) {
    this.mergeBase = mergeBase;
    this.unchallenged = unchallenged;
    this.changedOnBothSides = changed;
  }

  static TreeMerge of(ObjectReader reader, MergeBase mergeBase, ConflictDetailLevel level) {
    Map<String, MergedEntry> unchallenged = new LinkedHashMap<>();
    List<FileMerge> changed = new ArrayList<>();
    try (RevWalk commits = new RevWalk(reader);
        TreeWalk walk = new NameConflictTreeWalk(reader)) {
      if (mergeBase.baseCommitId() == null) {
        walk.addTree(new EmptyTreeIterator());
      } else {
        walk.addTree(commits.parseCommit(mergeBase.baseCommitId()).getTree());
      }
      walk.addTree(commits.parseCommit(mergeBase.sourceCommitId()).getTree());
      walk.addTree(commits.parseCommit(mergeBase.destinationCommitId()).getTree());
      walk.setRecursive(false);
      while (walk.next()) {
        TreeEntry base = entry(walk, 0);
        TreeEntry source = entry(walk, 1);
        TreeEntry destination = entry(walk, 2);
        String path = walk.getPathString();
        if (source.sameAs(destination) || destination.sameAs(base)) {
          keep(unchallenged, path, source);
        } else if (source.sameAs(base)) {
          keep(unchallenged, path, destination);
        } else if (directoryOnEverySideHoldingIt(source, destination)) {
          walk.enterSubtree();
        } else {
          changed.add(FileMerge.analyze(reader, path, level, base, source, destination));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new TreeMerge(mergeBase, unchallenged, List.copyOf(changed));
  }

  MergeBase mergeBase() {
    return mergeBase;
  }

  /** Paths that merge by themselves: whole directories where only one side changed them. */
  Map<String, MergedEntry> unchallenged() {
    return unchallenged;
  }

  List<FileMerge> changedOnBothSides() {
    return changedOnBothSides;
  }

  private static boolean directoryOnEverySideHoldingIt(TreeEntry source, TreeEntry destination) {
    return (source.isTree() || !source.isPresent())
        && (destination.isTree() || !destination.isPresent());
  }

  private static void keep(Map<String, MergedEntry> entries, String path, TreeEntry entry) {
    if (entry.isPresent()) {
      entries.put(path, MergedEntry.existing(entry));
    }
  }

  private static TreeEntry entry(TreeWalk walk, int tree) {
    FileMode mode = walk.getFileMode(tree);
    if (mode == FileMode.MISSING) {
      return TreeEntry.MISSING;
    }
    ObjectId id = walk.getObjectId(tree);
    return new TreeEntry(mode, id);
  }
}
