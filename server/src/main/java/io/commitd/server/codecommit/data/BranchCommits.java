package io.commitd.server.codecommit.data;

import io.commitd.git.commits.CommitSpecifiers;
import io.commitd.git.tree.TreeEditor;
import io.commitd.git.tree.TreeEdit;
import io.commitd.server.codecommit.BranchNames;
import io.commitd.server.codecommit.OperationRequest;
import io.commitd.storage.errors.AwsException;
import io.commitd.storage.git.Refs;
import io.commitd.storage.repos.RepositoryRecord;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;

/**
 * Makes a commit on a branch from tree edits, as PutFile, DeleteFile and CreateCommit do: checks
 * the parent commit the caller saw, writes the tree and commit objects, and moves the branch
 * through the ref-update pipeline by compare-and-swap.
 */
public final class BranchCommits {
  private final RefMover refs;

  public BranchCommits(RefMover refs) {
    this.refs = refs;
  }

  /** The branch's tip now, and the parent the new commit will have. */
  public record Base(String refName, ObjectId currentTip, RevCommit parent) {}

  /**
   * Where a commit to {@code branch} starts. A branch that exists needs {@code parentCommitId}
   * equal to its tip; a repository without commits needs none; a new branch in a repository with
   * commits starts at {@code parentCommitId}.
   */
  public Base base(Repository git, RevWalk walk, String branch, String parentCommitId) throws IOException {
    BranchNames.require(branch);
    String refName = Constants.R_HEADS + branch;
    if (Refs.exact(git, Constants.R_TAGS + branch) != null) {
      throw AwsException.badRequest("BranchNameIsTagNameException", "The specified branch name is a tag name: " + branch);
    }
    Ref ref = Refs.exact(git, refName);
    RevCommit parent = parentCommitId == null ? null : parent(walk, parentCommitId);
    if (ref != null) {
      if (parentCommitId == null) {
        throw AwsException.badRequest("ParentCommitIdRequiredException",
            "A parent commit ID is required. To view the full commit ID of a branch in a repository, use GetBranch or a Git command.");
      }
      if (!parent.equals(ref.getObjectId())) {
        throw outdated();
      }
      return new Base(refName, ref.getObjectId(), parent);
    }
    boolean empty = git.getRefDatabase().getRefsByPrefix(Constants.R_HEADS).isEmpty();
    if (!empty && parent == null) {
      throw BranchNames.doesNotExist(branch);
    }
    return new Base(refName, ObjectId.zeroId(), parent);
  }

  private static RevCommit parent(RevWalk walk, String parentCommitId) throws IOException {
    if (!CommitSpecifiers.isFullId(parentCommitId)) {
      throw AwsException.badRequest("InvalidParentCommitIdException", "The parent commit ID is not valid: " + parentCommitId);
    }
    Optional<RevCommit> commit = CommitSpecifiers.commit(walk, ObjectId.fromString(parentCommitId));
    return commit.orElseThrow(() -> AwsException.badRequest("ParentCommitDoesNotExistException",
        "The parent commit ID is not valid because it does not exist: " + parentCommitId));
  }

  public static AwsException outdated() {
    return AwsException.badRequest("ParentCommitIdOutdatedException",
        "The file could not be added because the provided parent commit ID is not the current tip of the specified branch.");
  }

  /** Writes the commit of {@code tree} on {@code base} and moves the branch to it. */
  public ObjectId commit(OperationRequest request, RepositoryRecord repository, Repository git, Base base, ObjectId tree,
      PersonIdent author, PersonIdent committer, String message) throws IOException {
    ObjectId commitId;
    try (ObjectInserter inserter = git.newObjectInserter()) {
      CommitBuilder commit = new CommitBuilder();
      commit.setTreeId(tree);
      if (base.parent() != null) {
        commit.setParentId(base.parent());
      }
      commit.setAuthor(author);
      commit.setCommitter(committer);
      commit.setMessage(message);
      commitId = inserter.insert(commit);
      inserter.flush();
    }
    refs.move(request, repository, git, base.refName(), base.currentTip(), commitId, BranchCommits::outdated);
    return commitId;
  }

  /** The edits applied to the parent's tree; fails with {@code NoChangeException} when nothing changes. */
  public static TreeEditor.Result edit(Repository git, Base base, List<TreeEdit> edits, boolean keepEmptyFolders) throws IOException {
    try (ObjectInserter inserter = git.newObjectInserter(); var reader = git.newObjectReader()) {
      TreeEditor.Result result = TreeEditor.apply(reader, inserter, base.parent() == null ? null : base.parent().getTree(), edits, keepEmptyFolders);
      inserter.flush();
      if (base.parent() != null && result.treeId().equals(base.parent().getTree())) {
        throw AwsException.badRequest("NoChangeException", "The commit cannot be created because no changes will be made to the repository as a result of this commit.");
      }
      return result;
    }
  }
}
