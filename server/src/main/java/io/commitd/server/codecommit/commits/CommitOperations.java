package io.commitd.server.codecommit.commits;

import io.commitd.server.codecommit.BranchNames;
import io.commitd.server.codecommit.Input;
import io.commitd.server.codecommit.Operation;
import io.commitd.server.codecommit.OperationFamily;
import io.commitd.server.api.OperationRegistry;
import io.commitd.server.codecommit.OperationRequest;
import io.commitd.server.codecommit.PageToken;
import io.commitd.server.codecommit.Repositories;
import io.commitd.server.codecommit.data.BranchCommits;
import io.commitd.server.codecommit.data.CommitIdentity;
import io.commitd.server.codecommit.data.CommitShapes;
import io.commitd.git.commits.CommitSpecifiers;
import io.commitd.git.tree.FileModes;
import io.commitd.git.tree.GitPaths;
import io.commitd.git.tree.TreeEdit;
import io.commitd.git.tree.TreeEditor;
import io.commitd.storage.errors.AwsException;
import io.commitd.storage.git.RepositoryStore;
import io.commitd.storage.repos.RepositoryRecord;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.eclipse.jgit.diff.DiffEntry;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.EmptyTreeIterator;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.filter.AndTreeFilter;
import org.eclipse.jgit.treewalk.filter.OrTreeFilter;
import org.eclipse.jgit.treewalk.filter.PathFilter;
import org.eclipse.jgit.treewalk.filter.TreeFilter;

/** Commits: GetCommit, BatchGetCommits, CreateCommit, GetDifferences, ListFileCommitHistory. */
public final class CommitOperations implements OperationFamily {
  static final int MAX_FILE_ENTRIES = 100;
  static final int MAX_COMMIT_BYTES = 6 * 1024 * 1024;
  static final int MAX_BATCH_COMMITS = 100;
  static final int DEFAULT_DIFFERENCES = 100;

  private final Repositories repositories;
  private final RepositoryStore store;
  private final BranchCommits commits;

  public CommitOperations(Repositories repositories, RepositoryStore store, BranchCommits commits) {
    this.repositories = repositories;
    this.store = store;
    this.commits = commits;
  }

  @Override
  public void register(OperationRegistry<OperationRequest> registry) {
    registry
        .add("GetCommit", Operation.on(repositories::arnOfRepositoryName, this::getCommit))
        .add("BatchGetCommits", Operation.on(repositories::arnOfRepositoryName, this::batchGetCommits))
        .add("CreateCommit", Operation.movingBranch(repositories::arnOfRepositoryName, this::createCommit))
        .add("GetDifferences", Operation.on(repositories::arnOfRepositoryName, this::getDifferences))
        .add("ListFileCommitHistory", Operation.on(repositories::arnOfRepositoryName, this::listFileCommitHistory));
  }

  private Object getCommit(OperationRequest request) throws Exception {
    Input input = request.input();
    RepositoryRecord repository = repositories.require(request.accountId(), input.string("repositoryName"));
    String commitId = input.requiredString("commitId", "CommitIdRequiredException", "A commit ID is required, but was not specified.");
    if (!CommitSpecifiers.isFullId(commitId)) {
      throw AwsException.badRequest("InvalidCommitIdException", "The specified commit ID is not valid: " + commitId);
    }
    try (Repository git = store.open(repository.repositoryId()); RevWalk walk = new RevWalk(git)) {
      RevCommit commit = CommitSpecifiers.commit(walk, ObjectId.fromString(commitId)).orElseThrow(() ->
          AwsException.badRequest("CommitIdDoesNotExistException", "The specified commit ID does not exist: " + commitId));
      return Map.of("commit", CommitShapes.commit(commit));
    }
  }

  private Object batchGetCommits(OperationRequest request) throws Exception {
    Input input = request.input();
    RepositoryRecord repository = repositories.require(request.accountId(), input.string("repositoryName"));
    List<String> ids = input.stringList("commitIds");
    if (ids == null || ids.isEmpty()) {
      throw AwsException.badRequest("CommitIdsListRequiredException", "A list of commit IDs is required, but was either not specified or the list was empty.");
    }
    if (ids.size() > MAX_BATCH_COMMITS) {
      throw AwsException.badRequest("CommitIdsLimitExceededException", "The maximum number of allowed commit IDs in a batch request is 100.");
    }
    List<Object> found = new ArrayList<>();
    List<Object> errors = new ArrayList<>();
    try (Repository git = store.open(repository.repositoryId()); RevWalk walk = new RevWalk(git)) {
      for (String id : ids) {
        if (!CommitSpecifiers.isFullId(id)) {
          errors.add(Map.of("commitId", id, "errorCode", "InvalidCommitIdException", "errorMessage", "The commit ID is not valid: " + id));
          continue;
        }
        Optional<RevCommit> commit = CommitSpecifiers.commit(walk, ObjectId.fromString(id));
        if (commit.isPresent()) {
          found.add(CommitShapes.commit(commit.get()));
        } else {
          errors.add(Map.of("commitId", id, "errorCode", "CommitIdDoesNotExistException", "errorMessage", "The commit does not exist: " + id));
        }
      }
    }
    return Map.of("commits", found, "errors", errors);
  }

  private Object createCommit(OperationRequest request) throws Exception {
    Input input = request.input();
    RepositoryRecord repository = repositories.require(request.accountId(), input.string("repositoryName"));
    String branch = BranchNames.require(input.string("branchName"));
    List<Input> puts = orEmpty(input.structureList("putFiles"));
    List<Input> deletes = orEmpty(input.structureList("deleteFiles"));
    List<Input> modes = orEmpty(input.structureList("setFileModes"));
    int entries = puts.size() + deletes.size() + modes.size();
    if (entries == 0) {
      throw AwsException.badRequest("FileEntryRequiredException", "The commit cannot be created because no files have been specified as added, updated, or changed (PutFile or DeleteFile) for the commit.");
    }
    if (entries > MAX_FILE_ENTRIES) {
      throw AwsException.badRequest("MaximumFileEntriesExceededException", "The number of specified files to change as part of this commit exceeds the maximum number of files that can be changed in a single commit (100).");
    }
    PersonIdent person = CommitIdentity.of(request.caller(), input.string("authorName"), input.string("email"), request.now());
    String message = CommitIdentity.message(input.string("commitMessage"), "");
    boolean keepEmptyFolders = Boolean.TRUE.equals(input.bool("keepEmptyFolders"));
    try (Repository git = store.open(repository.repositoryId()); RevWalk walk = new RevWalk(git)) {
      BranchCommits.Base base = commits.base(git, walk, branch, input.string("parentCommitId"));
      List<TreeEdit> edits = edits(git, base, puts, deletes, modes);
      TreeEditor.Result tree = BranchCommits.edit(git, base, edits, keepEmptyFolders);
      ObjectId commitId = commits.commit(request, repository, git, base, tree.treeId(), person, person, message);
      Map<String, Object> output = new LinkedHashMap<>();
      output.put("commitId", commitId.name());
      output.put("treeId", tree.treeId().name());
      output.put("filesAdded", metadata(tree.added()));
      output.put("filesUpdated", metadata(tree.updated()));
      output.put("filesDeleted", metadata(tree.deleted()));
      return output;
    }
  }

  /** CreateCommit's entries as tree edits, refusing what CodeCommit refuses about them. */
  private static List<TreeEdit> edits(Repository git, BranchCommits.Base base, List<Input> puts, List<Input> deletes, List<Input> modes)
      throws Exception {
    List<TreeEdit> edits = new ArrayList<>();
    Set<String> paths = new HashSet<>();
    long totalBytes = 0;
    for (Input put : puts) {
      String path = GitPaths.writable(put.string("filePath"));
      if (!paths.add(path)) {
        throw AwsException.badRequest("SamePathRequestException", "The commit cannot be created because one or more changes in this commit duplicate actions in the same file path: " + path);
      }
      byte[] content = put.blob("fileContent");
      Input source = put.structure("sourceFile");
      if (content != null && source != null) {
        throw AwsException.badRequest("FileContentAndSourceFileSpecifiedException", "The commit cannot be created because both a source file and file content have been specified for the same file: " + path);
      }
      if (content == null && source == null) {
        throw AwsException.badRequest("SourceFileOrContentRequiredException", "The commit cannot be created because no source files or file content have been specified for the commit: " + path);
      }
      if (content != null) {
        totalBytes += content.length;
        if (totalBytes > MAX_COMMIT_BYTES) {
          throw AwsException.badRequest("FileContentSizeLimitExceededException", "The file cannot be added because it is too large. The maximum file size is 6 MB, and the combined file content change size is 7 MB.");
        }
        edits.add(new TreeEdit.Put(path, content, null, FileModes.parse(put.string("fileMode"), FileMode.REGULAR_FILE)));
      } else {
        String sourcePath = GitPaths.writable(source.string("filePath"));
        if (base.parent() == null) {
          throw TreeEditor.fileDoesNotExist(sourcePath);
        }
        try (TreeWalk found = TreeWalk.forPath(git, sourcePath, base.parent().getTree())) {
          if (found == null || found.isSubtree()) {
            throw TreeEditor.fileDoesNotExist(sourcePath);
          }
          edits.add(new TreeEdit.Put(path, null, found.getObjectId(0), FileModes.parse(put.string("fileMode"), found.getFileMode(0))));
        }
        if (Boolean.TRUE.equals(source.bool("isMove"))) {
          if (!paths.add(sourcePath)) {
            throw AwsException.badRequest("SamePathRequestException", "The commit cannot be created because one or more changes in this commit duplicate actions in the same file path: " + sourcePath);
          }
          edits.add(new TreeEdit.Delete(sourcePath));
        }
      }
    }
    for (Input delete : deletes) {
      String path = GitPaths.writable(delete.string("filePath"));
      if (!paths.add(path)) {
        throw AwsException.badRequest("SamePathRequestException", "The commit cannot be created because one or more changes in this commit duplicate actions in the same file path: " + path);
      }
      edits.add(new TreeEdit.Delete(path));
    }
    for (Input mode : modes) {
      String path = GitPaths.writable(mode.string("filePath"));
      String fileMode = mode.string("fileMode");
      if (fileMode == null) {
        throw AwsException.badRequest("FileModeRequiredException", "The commit cannot be created because no file mode has been specified: " + path);
      }
      if (!paths.add(path)) {
        throw AwsException.badRequest("SamePathRequestException", "The commit cannot be created because one or more changes in this commit duplicate actions in the same file path: " + path);
      }
      edits.add(new TreeEdit.SetMode(path, FileModes.parse(fileMode, null)));
    }
    checkPutConflicts(paths);
    return edits;
  }

  /** A file and a folder of the same name within one commit's entries. */
  private static void checkPutConflicts(Set<String> paths) {
    for (String path : paths) {
      for (int slash = path.indexOf('/'); slash > 0; slash = path.indexOf('/', slash + 1)) {
        if (paths.contains(path.substring(0, slash))) {
          throw AwsException.badRequest("PutFileEntryConflictException", "The commit cannot be created because one or more files specified in the commit reference both a file and a folder: " + path);
        }
      }
    }
  }

  private static List<Map<String, String>> metadata(List<TreeEditor.ChangedFile> files) {
    return files.stream().map(f -> Map.of("absolutePath", f.path(), "blobId", f.blobId().name(), "fileMode", FileModes.name(f.mode()))).toList();
  }

  private static <T> List<T> orEmpty(List<T> list) {
    return list == null ? List.of() : list;
  }

  private Object getDifferences(OperationRequest request) throws Exception {
    Input input = request.input();
    RepositoryRecord repository = repositories.require(request.accountId(), input.string("repositoryName"));
    String after = input.requiredString("afterCommitSpecifier", "CommitRequiredException", "A commit must be specified.");
    Integer maxResults = input.integer("MaxResults");
    if (maxResults != null && (maxResults < 1 || maxResults > 1000)) {
      throw AwsException.badRequest("InvalidMaxResultsException", "The specified number of maximum results is not valid.");
    }
    String beforePath = input.has("beforePath") ? GitPaths.readable(input.string("beforePath"), true) : null;
    String afterPath = input.has("afterPath") ? GitPaths.readable(input.string("afterPath"), true) : null;
    try (Repository git = store.open(repository.repositoryId()); RevWalk walk = new RevWalk(git)) {
      RevCommit afterCommit = CommitSpecifiers.require(git, walk, after);
      RevCommit beforeCommit = input.has("beforeCommitSpecifier") ? CommitSpecifiers.require(git, walk, input.string("beforeCommitSpecifier")) : null;
      requirePath(git, afterCommit, afterPath);
      if (beforeCommit != null) {
        requirePath(git, beforeCommit, beforePath);
      }
      List<Map<String, Object>> differences = new ArrayList<>();
      try (TreeWalk trees = new TreeWalk(git)) {
        if (beforeCommit == null) {
          trees.addTree(new EmptyTreeIterator());
        } else {
          trees.addTree(beforeCommit.getTree());
        }
        trees.addTree(afterCommit.getTree());
        trees.setRecursive(true);
        trees.setFilter(pathFilter(beforePath, afterPath));
        for (DiffEntry entry : DiffEntry.scan(trees)) {
          if (!inside(entry, beforePath, afterPath)) {
            continue;
          }
          differences.add(difference(entry));
        }
      }
      PageToken.Page<Map<String, Object>> page = PageToken.page(differences, input.string("NextToken"),
          maxResults == null ? DEFAULT_DIFFERENCES : maxResults);
      Map<String, Object> output = new LinkedHashMap<>();
      output.put("differences", page.items());
      if (page.nextToken() != null) {
        output.put("NextToken", page.nextToken());
      }
      return output;
    }
  }

  /** Only the given folders (either side), and only what differs. */
  private static TreeFilter pathFilter(String beforePath, String afterPath) {
    List<TreeFilter> paths = new ArrayList<>();
    for (String path : new String[] {beforePath, afterPath}) {
      if (path != null && !path.isEmpty()) {
        paths.add(PathFilter.create(path));
      }
    }
    if (paths.isEmpty()) {
      return TreeFilter.ANY_DIFF;
    }
    TreeFilter scope = paths.size() == 1 ? paths.get(0) : OrTreeFilter.create(paths.get(0), paths.get(1));
    return AndTreeFilter.create(scope, TreeFilter.ANY_DIFF);
  }

  private static boolean inside(DiffEntry entry, String beforePath, String afterPath) {
    boolean beforeOk = beforePath == null || beforePath.isEmpty() || under(entry.getOldPath(), beforePath) || under(entry.getNewPath(), beforePath);
    boolean afterOk = afterPath == null || afterPath.isEmpty() || under(entry.getNewPath(), afterPath) || under(entry.getOldPath(), afterPath);
    return beforeOk && afterOk;
  }

  private static boolean under(String path, String folder) {
    return path.equals(folder) || path.startsWith(folder + "/");
  }

  private static void requirePath(Repository git, RevCommit commit, String path) throws Exception {
    if (path == null || path.isEmpty()) {
      return;
    }
    try (TreeWalk found = TreeWalk.forPath(git, path, commit.getTree())) {
      if (found == null) {
        throw AwsException.badRequest("PathDoesNotExistException", "The specified path does not exist: " + path);
      }
    }
  }

  private static Map<String, Object> difference(DiffEntry entry) {
    Map<String, Object> difference = new LinkedHashMap<>();
    if (entry.getChangeType() != DiffEntry.ChangeType.ADD) {
      difference.put("beforeBlob", Map.of("blobId", entry.getOldId().name(), "path", entry.getOldPath(), "mode", FileModes.octal(entry.getOldMode())));
    }
    if (entry.getChangeType() != DiffEntry.ChangeType.DELETE) {
      difference.put("afterBlob", Map.of("blobId", entry.getNewId().name(), "path", entry.getNewPath(), "mode", FileModes.octal(entry.getNewMode())));
    }
    difference.put("changeType", switch (entry.getChangeType()) {
      case ADD -> "A";
      case DELETE -> "D";
      default -> "M";
    });
    return difference;
  }

  private Object listFileCommitHistory(OperationRequest request) throws Exception {
    Input input = request.input();
    RepositoryRecord repository = repositories.require(request.accountId(), input.string("repositoryName"));
    String path = GitPaths.readable(input.string("filePath"), false);
    Integer maxResults = input.integer("maxResults");
    if (maxResults != null && (maxResults < 1 || maxResults > 100)) {
      throw AwsException.badRequest("InvalidMaxResultsException", "The specified number of maximum results is not valid.");
    }
    try (Repository git = store.open(repository.repositoryId()); RevWalk walk = new RevWalk(git)) {
      RevCommit start = CommitSpecifiers.require(git, walk, input.string("commitSpecifier"));
      walk.reset();
      walk.markStart(walk.parseCommit(start));
      walk.setTreeFilter(AndTreeFilter.create(PathFilter.create(path), TreeFilter.ANY_DIFF));
      List<Map<String, Object>> versions = new ArrayList<>();
      String newer = null;
      for (RevCommit commit : walk) {
        try (TreeWalk file = TreeWalk.forPath(git, path, commit.getTree())) {
          Map<String, Object> version = new LinkedHashMap<>();
          version.put("commit", CommitShapes.commit(commit));
          if (file != null) {
            version.put("blobId", file.getObjectId(0).name());
          }
          version.put("path", path);
          version.put("revisionChildren", newer == null ? List.of() : List.of(newer));
          versions.add(version);
        }
        newer = commit.name();
      }
      PageToken.Page<Map<String, Object>> page = PageToken.page(versions, input.string("nextToken"), maxResults == null ? 100 : maxResults);
      Map<String, Object> output = new LinkedHashMap<>();
      output.put("revisionDag", page.items());
      if (page.nextToken() != null) {
        output.put("nextToken", page.nextToken());
      }
      return output;
    }
  }
}
