package io.commitd.git.merge;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.eclipse.jgit.dircache.DirCacheEditor.PathEdit;
import org.eclipse.jgit.dircache.DirCacheEntry;
import org.eclipse.jgit.internal.storage.dfs.DfsRepositoryDescription;
import org.eclipse.jgit.internal.storage.dfs.InMemoryRepository;
import org.eclipse.jgit.junit.TestRepository;
import org.eclipse.jgit.lib.AnyObjectId;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.revwalk.RevBlob;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevTree;
import org.eclipse.jgit.treewalk.TreeWalk;

/** An in-memory repository and the small vocabulary the merge tests build histories with. */
final class History {
  static final CommitDetails MERGER =
      new CommitDetails(
          "Merger", "merger@example.com", null, Instant.parse("2024-05-01T12:00:00Z"));

  final InMemoryRepository repository =
      new InMemoryRepository(new DfsRepositoryDescription("merge-test"));
  final TestRepository<InMemoryRepository> git;

  History() {
    try {
      git = new TestRepository<>(repository);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Text of the given lines, each ending in a newline. */
  static String lines(String... lines) {
    return lines.length == 0 ? "" : String.join("\n", lines) + "\n";
  }

  static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  TestRepository<InMemoryRepository>.CommitBuilder root() {
    return git.commit().noParents();
  }

  TestRepository<InMemoryRepository>.CommitBuilder child(RevCommit parent) throws Exception {
    return git.commit().parent(parent);
  }

  /** An edit that puts content at a path with a given mode. */
  PathEdit file(String path, byte[] content, FileMode mode) throws Exception {
    RevBlob blob = git.blob(content);
    return new PathEdit(path) {
      @Override
      public void apply(DirCacheEntry entry) {
        entry.setFileMode(mode);
        entry.setObjectId(blob);
      }
    };
  }

  PathEdit executable(String path, String content) throws Exception {
    return file(path, bytes(content), FileMode.EXECUTABLE_FILE);
  }

  PathEdit symlink(String path, String target) throws Exception {
    return file(path, bytes(target), FileMode.SYMLINK);
  }

  RevCommit commit(AnyObjectId id) throws IOException {
    return git.getRevWalk().parseCommit(id);
  }

  RevTree tree(AnyObjectId commit) throws IOException {
    return commit(commit).getTree();
  }

  /** The content at a path of a tree, or null when the path is absent. */
  String content(AnyObjectId tree, String path) throws IOException {
    try (TreeWalk walk = TreeWalk.forPath(repository, path, git.getRevWalk().parseTree(tree))) {
      if (walk == null) {
        return null;
      }
      ObjectId id = walk.getObjectId(0);
      return new String(repository.open(id).getBytes(), StandardCharsets.UTF_8);
    }
  }

  /** The mode at a path of a tree, or null when the path is absent. */
  FileMode mode(AnyObjectId tree, String path) throws IOException {
    try (TreeWalk walk = TreeWalk.forPath(repository, path, git.getRevWalk().parseTree(tree))) {
      return walk == null ? null : walk.getFileMode(0);
    }
  }
}
