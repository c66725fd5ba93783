package io.commitd.server.codecommit.files;

import io.commitd.server.codecommit.BranchNames;
import io.commitd.server.codecommit.Input;
import io.commitd.server.codecommit.Operation;
import io.commitd.server.codecommit.OperationFamily;
import io.commitd.server.api.OperationRegistry;
import io.commitd.server.codecommit.OperationRequest;
import io.commitd.server.codecommit.Repositories;
import io.commitd.server.codecommit.data.BranchCommits;
import io.commitd.server.codecommit.data.CommitIdentity;
import io.commitd.git.commits.CommitSpecifiers;
import io.commitd.git.tree.FileModes;
import io.commitd.git.tree.GitPaths;
import io.commitd.git.tree.TreeEdit;
import io.commitd.git.tree.TreeEditor;
import io.commitd.storage.errors.AwsException;
import io.commitd.storage.git.Refs;
import io.commitd.storage.git.RepositoryStore;
import io.commitd.storage.repos.RepositoryRecord;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.ObjectLoader;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;

/** Files, folders and blobs: PutFile, DeleteFile, GetFile, GetFolder, GetBlob. */
public final class FileOperations implements OperationFamily {
  /** CodeCommit's limit for one file written or read through the API. */
  static final int MAX_FILE_BYTES = 6 * 1024 * 1024;

  private final Repositories repositories;
  private final RepositoryStore store;
  private final BranchCommits commits;

  public FileOperations(Repositories repositories, RepositoryStore store, BranchCommits commits) {
    this.repositories = repositories;
    this.store = store;
    this.commits = commits;
  }

  @Override
  public void register(OperationRegistry<OperationRequest> registry) {
    registry
        .add("PutFile", Operation.movingBranch(repositories::arnOfRepositoryName, this::putFile))
        .add("DeleteFile", Operation.movingBranch(repositories::arnOfRepositoryName, this::deleteFile))
        .add("GetFile", Operation.on(repositories::arnOfRepositoryName, this::getFile))
        .add("GetFolder", Operation.on(repositories::arnOfRepositoryName, this::getFolder))
        .add("GetBlob", Operation.on(repositories::arnOfRepositoryName, this::getBlob));
  }

  private Object putFile(OperationRequest request) throws Exception {
    Input input = request.input();
    RepositoryRecord repository = repositories.require(request.accountId(), input.string("repositoryName"));
    String branch = BranchNames.require(input.string("branchName"));
    String path = GitPaths.writable(input.string("filePath"));
    byte[] content = input.blob("fileContent");
    if (content == null) {
      throw AwsException.badRequest("FileContentRequiredException", "The file cannot be added because it is empty. Empty files cannot be added to the repository with this API.");
    }
    if (content.length > MAX_FILE_BYTES) {
      throw AwsException.badRequest("FileContentSizeLimitExceededException", "The file cannot be added because it is too large. The maximum file size is 6 MB.");
    }
    FileMode mode = FileModes.parse(input.string("fileMode"), FileMode.REGULAR_FILE);
    PersonIdent person = CommitIdentity.of(request.caller(), input.string("name"), input.string("email"), request.now());
    String message = CommitIdentity.message(input.string("commitMessage"), "Added " + path);
    try (Repository git = store.open(repository.repositoryId()); RevWalk walk = new RevWalk(git)) {
      BranchCommits.Base base = commits.base(git, walk, branch, input.string("parentCommitId"));
      if (base.parent() != null) {
        try (TreeWalk existing = TreeWalk.forPath(git, path, base.parent().getTree())) {
          if (existing != null && existing.getFileMode(0).equals(mode)
              && existing.getObjectId(0).equals(new ObjectInserter.Formatter().idFor(Constants.OBJ_BLOB, content))) {
            throw AwsException.badRequest("SameFileContentException",
                "The file could not be added because the provided file content is the same as the content of the file at " + path + ".");
          }
        }
      }
      TreeEditor.Result tree = BranchCommits.edit(git, base, List.of(new TreeEdit.Put(path, content, null, mode)), false);
      ObjectId commitId = commits.commit(request, repository, git, base, tree.treeId(), person, person, message);
      ObjectId blobId = (tree.added().isEmpty() ? tree.updated() : tree.added()).get(0).blobId();
      return Map.of("commitId", commitId.name(), "blobId", blobId.name(), "treeId", tree.treeId().name());
    }
  }

  private Object deleteFile(OperationRequest request) throws Exception {
    Input input = request.input();
    RepositoryRecord repository = repositories.require(request.accountId(), input.string("repositoryName"));
    String branch = BranchNames.require(input.string("branchName"));
    String path = GitPaths.writable(input.string("filePath"));
    String parentCommitId = input.requiredString("parentCommitId", "ParentCommitIdRequiredException",
        "A parent commit ID is required. To view the full commit ID of a branch in a repository, use GetBranch or a Git command.");
    boolean keepEmptyFolders = Boolean.TRUE.equals(input.bool("keepEmptyFolders"));
    PersonIdent person = CommitIdentity.of(request.caller(), input.string("name"), input.string("email"), request.now());
    String message = CommitIdentity.message(input.string("commitMessage"), "Deleted " + path);
    try (Repository git = store.open(repository.repositoryId()); RevWalk walk = new RevWalk(git)) {
      if (Refs.exact(git, Constants.R_HEADS + BranchNames.require(branch)) == null) {
        throw BranchNames.doesNotExist(branch);
      }
      BranchCommits.Base base = commits.base(git, walk, branch, parentCommitId);
      TreeEditor.Result tree = BranchCommits.edit(git, base, List.of(new TreeEdit.Delete(path)), keepEmptyFolders);
      ObjectId commitId = commits.commit(request, repository, git, base, tree.treeId(), person, person, message);
      return Map.of("commitId", commitId.name(), "blobId", tree.deleted().get(0).blobId().name(), "treeId", tree.treeId().name(),
          "filePath", path);
    }
  }

  private Object getFile(OperationRequest request) throws Exception {
    Input input = request.input();
    RepositoryRecord repository = repositories.require(request.accountId(), input.string("repositoryName"));
    String path = GitPaths.readable(input.string("filePath"), false);
    try (Repository git = store.open(repository.repositoryId()); RevWalk walk = new RevWalk(git)) {
      RevCommit commit = CommitSpecifiers.require(git, walk, input.string("commitSpecifier"));
      try (TreeWalk file = TreeWalk.forPath(git, path, commit.getTree())) {
        if (file == null || file.isSubtree() || FileMode.GITLINK.equals(file.getFileMode(0))) {
          throw TreeEditor.fileDoesNotExist(path);
        }
        ObjectLoader loader = git.open(file.getObjectId(0), Constants.OBJ_BLOB);
        if (loader.getSize() > MAX_FILE_BYTES) {
          throw AwsException.badRequest("FileTooLargeException", "The specified file exceeds the file size limit for CodeCommit.");
        }
        Map<String, Object> output = new LinkedHashMap<>();
        output.put("commitId", commit.name());
        output.put("blobId", file.getObjectId(0).name());
        output.put("filePath", path);
        output.put("fileMode", FileModes.name(file.getFileMode(0)));
        output.put("fileSize", loader.getSize());
        output.put("fileContent", loader.getBytes());
        return output;
      }
    }
  }

  private Object getFolder(OperationRequest request) throws Exception {
    Input input = request.input();
    RepositoryRecord repository = repositories.require(request.accountId(), input.string("repositoryName"));
    String folder = GitPaths.readable(input.string("folderPath"), true);
    try (Repository git = store.open(repository.repositoryId()); RevWalk walk = new RevWalk(git)) {
      RevCommit commit = CommitSpecifiers.require(git, walk, input.string("commitSpecifier"));
      ObjectId treeId;
      if (folder.isEmpty()) {
        treeId = commit.getTree();
      } else {
        try (TreeWalk found = TreeWalk.forPath(git, folder, commit.getTree())) {
          if (found == null || !found.isSubtree()) {
            throw AwsException.badRequest("FolderDoesNotExistException", "The specified folder does not exist: " + folder);
          }
          treeId = found.getObjectId(0);
        }
      }
      List<Map<String, Object>> subFolders = new ArrayList<>();
      List<Map<String, Object>> files = new ArrayList<>();
      List<Map<String, Object>> symbolicLinks = new ArrayList<>();
      List<Map<String, Object>> subModules = new ArrayList<>();
      try (TreeWalk children = new TreeWalk(git)) {
        children.addTree(treeId);
        children.setRecursive(false);
        while (children.next()) {
          String name = children.getNameString();
          String absolute = folder.isEmpty() ? name : folder + "/" + name;
          FileMode mode = children.getFileMode(0);
          String id = children.getObjectId(0).name();
          if (FileMode.TREE.equals(mode)) {
            subFolders.add(Map.of("treeId", id, "absolutePath", absolute, "relativePath", name));
          } else if (FileMode.GITLINK.equals(mode)) {
            subModules.add(Map.of("commitId", id, "absolutePath", absolute, "relativePath", name));
          } else if (FileMode.SYMLINK.equals(mode)) {
            symbolicLinks.add(Map.of("blobId", id, "absolutePath", absolute, "relativePath", name, "fileMode", "SYMLINK"));
          } else {
            files.add(Map.of("blobId", id, "absolutePath", absolute, "relativePath", name, "fileMode", FileModes.name(mode)));
          }
        }
      }
      Map<String, Object> output = new LinkedHashMap<>();
      output.put("commitId", commit.name());
      output.put("folderPath", folder.isEmpty() ? "/" : folder);
      output.put("treeId", treeId.name());
      output.put("subFolders", subFolders);
      output.put("files", files);
      output.put("symbolicLinks", symbolicLinks);
      output.put("subModules", subModules);
      return output;
    }
  }

  private Object getBlob(OperationRequest request) throws Exception {
    Input input = request.input();
    RepositoryRecord repository = repositories.require(request.accountId(), input.string("repositoryName"));
    String blobId = input.requiredString("blobId", "BlobIdRequiredException", "A blob ID is required, but was not specified.");
    if (!CommitSpecifiers.isFullId(blobId)) {
      throw AwsException.badRequest("InvalidBlobIdException", "The specified blob is not valid: " + blobId);
    }
    try (Repository git = store.open(repository.repositoryId())) {
      ObjectId id = ObjectId.fromString(blobId);
      if (!git.getObjectDatabase().has(id) || git.open(id).getType() != Constants.OBJ_BLOB) {
        throw AwsException.badRequest("BlobIdDoesNotExistException", "The specified blob does not exist: " + blobId);
      }
      ObjectLoader loader = git.open(id, Constants.OBJ_BLOB);
      if (loader.getSize() > MAX_FILE_BYTES) {
        throw AwsException.badRequest("FileTooLargeException", "The specified blob exceeds the file size limit for CodeCommit.");
      }
      return Map.of("content", loader.getBytes());
    }
  }
}
