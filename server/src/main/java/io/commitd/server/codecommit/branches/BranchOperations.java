package io.commitd.server.codecommit.branches;

import io.commitd.server.codecommit.BranchNames;
import io.commitd.server.codecommit.Input;
import io.commitd.server.codecommit.Operation;
import io.commitd.server.codecommit.OperationFamily;
import io.commitd.server.api.OperationRegistry;
import io.commitd.server.codecommit.OperationRequest;
import io.commitd.server.codecommit.PageToken;
import io.commitd.server.codecommit.Repositories;
import io.commitd.git.commits.CommitSpecifiers;
import io.commitd.server.codecommit.data.RefMover;
import io.commitd.storage.errors.AwsException;
import io.commitd.storage.git.Refs;
import io.commitd.storage.git.RepositoryStore;
import io.commitd.storage.repos.RepositoryRecord;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;

/** Branches: CreateBranch, GetBranch, ListBranches, DeleteBranch. */
public final class BranchOperations implements OperationFamily {
  static final int LIST_PAGE_SIZE = 100;

  private final Repositories repositories;
  private final RepositoryStore store;
  private final RefMover refs;

  public BranchOperations(Repositories repositories, RepositoryStore store, RefMover refs) {
    this.repositories = repositories;
    this.store = store;
    this.refs = refs;
  }

  @Override
  public void register(OperationRegistry<OperationRequest> registry) {
    registry
        .add("CreateBranch", Operation.movingBranch(repositories::arnOfRepositoryName, this::createBranch))
        .add("DeleteBranch", Operation.movingBranch(repositories::arnOfRepositoryName, this::deleteBranch))
        .add("GetBranch", Operation.on(repositories::arnOfRepositoryName, this::getBranch))
        .add("ListBranches", Operation.on(repositories::arnOfRepositoryName, this::listBranches));
  }

  private Object createBranch(OperationRequest request) throws Exception {
    Input input = request.input();
    RepositoryRecord repository = repositories.require(request.accountId(), input.string("repositoryName"));
    String branch = BranchNames.require(input.string("branchName"));
    String commitId = input.requiredString("commitId", "CommitIdRequiredException", "A commit ID is required, but was not specified.");
    try (Repository git = store.open(repository.repositoryId()); RevWalk walk = new RevWalk(git)) {
      if (Refs.exact(git, Constants.R_HEADS + branch) != null) {
        throw nameExists(branch);
      }
      RevCommit commit = CommitSpecifiers.resolve(git, walk, commitId).orElseThrow(() -> CommitSpecifiers.isFullId(commitId)
          ? AwsException.badRequest("CommitDoesNotExistException", "The specified commit does not exist: " + commitId)
          : AwsException.badRequest("InvalidCommitIdException", "The specified commit ID is not valid: " + commitId));
      refs.move(request, repository, git, Constants.R_HEADS + branch, ObjectId.zeroId(), commit, () -> nameExists(branch));
      return null;
    }
  }

  private Object getBranch(OperationRequest request) throws Exception {
    Input input = request.input();
    RepositoryRecord repository = repositories.require(request.accountId(), input.string("repositoryName"));
    String branch = BranchNames.require(input.string("branchName"));
    try (Repository git = store.open(repository.repositoryId())) {
      Ref ref = Refs.exact(git, Constants.R_HEADS + branch);
      if (ref == null) {
        throw BranchNames.doesNotExist(branch);
      }
      return Map.of("branch", Map.of("branchName", branch, "commitId", ref.getObjectId().name()));
    }
  }

  private Object listBranches(OperationRequest request) throws Exception {
    Input input = request.input();
    RepositoryRecord repository = repositories.require(request.accountId(), input.string("repositoryName"));
    try (Repository git = store.open(repository.repositoryId())) {
      List<String> names = git.getRefDatabase().getRefsByPrefix(Constants.R_HEADS).stream()
          .map(r -> r.getName().substring(Constants.R_HEADS.length())).sorted().toList();
      PageToken.Page<String> page = PageToken.page(names, input.string("nextToken"), LIST_PAGE_SIZE);
      Map<String, Object> output = new LinkedHashMap<>();
      output.put("branches", page.items());
      if (page.nextToken() != null) {
        output.put("nextToken", page.nextToken());
      }
      return output;
    }
  }

  private Object deleteBranch(OperationRequest request) throws Exception {
    Input input = request.input();
    RepositoryRecord repository = repositories.require(request.accountId(), input.string("repositoryName"));
    String branch = BranchNames.require(input.string("branchName"));
    if (branch.equals(repository.defaultBranch())) {
      throw AwsException.badRequest("DefaultBranchCannotBeDeletedException",
          "The specified branch is the default branch for the repository, and cannot be deleted. To delete this branch, you must first set another branch as the default branch.");
    }
    try (Repository git = store.open(repository.repositoryId())) {
      Ref ref = Refs.exact(git, Constants.R_HEADS + branch);
      if (ref == null) {
        // CodeCommit answers a deletion of a missing branch with no deleted branch.
        return null;
      }
      refs.move(request, repository, git, ref.getName(), ref.getObjectId(), ObjectId.zeroId(), () -> BranchNames.doesNotExist(branch));
      return Map.of("deletedBranch", Map.of("branchName", branch, "commitId", ref.getObjectId().name()));
    }
  }

  private static AwsException nameExists(String branch) {
    return AwsException.badRequest("BranchNameExistsException", "Cannot create branch. A branch with the name " + branch + " already exists.");
  }
}
