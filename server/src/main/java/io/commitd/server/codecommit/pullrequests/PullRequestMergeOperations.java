package io.commitd.server.codecommit.pullrequests;

import io.commitd.git.merge.CommitDetails;
import io.commitd.iam.auth.RefUpdateAuthorization;
import io.commitd.git.merge.MergeOption;
import io.commitd.git.merge.MergeOutcome;
import io.commitd.git.merge.MergeRequest;
import io.commitd.reviews.PullRequestRecord;
import io.commitd.reviews.PullRequestService;
import io.commitd.server.api.OperationRegistry;
import io.commitd.server.codecommit.Input;
import io.commitd.server.codecommit.Operation;
import io.commitd.server.codecommit.OperationFamily;
import io.commitd.server.codecommit.OperationRequest;
import io.commitd.server.codecommit.Repositories;
import io.commitd.server.codecommit.merges.BranchMerger;
import io.commitd.server.codecommit.merges.MergeInputs;
import io.commitd.storage.errors.AwsException;
import io.commitd.storage.git.Refs;
import io.commitd.storage.git.RepositoryStore;
import io.commitd.storage.repos.RepositoryRecord;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;

/**
 * Merging a pull request: its source into its destination branch by fast-forward, squash or
 * three-way, through the ref-update pipeline (so IAM, with {@code codecommit:References}, and the
 * approval gate decide), then the pull request is closed as merged.
 */
public final class PullRequestMergeOperations implements OperationFamily {
  private final Repositories repositories;
  private final RepositoryStore store;
  private final PullRequestService pullRequests;
  private final PullRequestOperations shapes;
  private final BranchMerger merger;

  public PullRequestMergeOperations(Repositories repositories, RepositoryStore store, PullRequestService pullRequests,
      PullRequestOperations shapes, BranchMerger merger) {
    this.repositories = repositories;
    this.store = store;
    this.pullRequests = pullRequests;
    this.shapes = shapes;
    this.merger = merger;
  }

  @Override
  public void register(OperationRegistry<OperationRequest> registry) {
    registry
        .add("MergePullRequestByFastForward", merging(MergeOption.FAST_FORWARD_MERGE))
        .add("MergePullRequestBySquash", merging(MergeOption.SQUASH_MERGE))
        .add("MergePullRequestByThreeWay", merging(MergeOption.THREE_WAY_MERGE));
  }

  /** A merge authorized on the pull request's repository with its destination in {@code codecommit:References}. */
  private Operation merging(MergeOption option) {
    return new Operation() {
      @Override
      public List<String> resources(OperationRequest request) {
        return List.of(shapes.pullRequestArn(request));
      }

      @Override
      public Map<String, List<String>> conditionKeys(OperationRequest request) {
        return Map.of(RefUpdateAuthorization.REFERENCES_KEY, List.of(shapes.pullRequest(request).destinationReference()));
      }

      @Override
      public Object invoke(OperationRequest request) throws Exception {
        return merge(request, option);
      }
    };
  }

  private Object merge(OperationRequest request, MergeOption option) throws IOException {
    Input input = request.input();
    String repositoryName = input.string("repositoryName");
    if (repositoryName == null || repositoryName.isEmpty()) {
      throw AwsException.badRequest("RepositoryNameRequiredException", "A repository name is required, but was not specified.");
    }
    RepositoryRecord named = repositories.require(request.accountId(), repositoryName);
    PullRequestRecord pr = shapes.pullRequest(request);
    if (!named.repositoryId().equals(pr.repositoryId())) {
      throw AwsException.badRequest("RepositoryNotAssociatedWithPullRequestException",
          "The repository does not contain any pull requests with that pull request ID. Use GetPullRequest to verify the correct repository name for the pull request ID.");
    }
    if (!pr.isOpen()) {
      throw AwsException.badRequest("PullRequestAlreadyClosedException", "The pull request status cannot be updated because it is already closed.");
    }
    try (Repository git = store.open(named.repositoryId()); RevWalk walk = new RevWalk(git)) {
      RevCommit source = walk.parseCommit(tip(git, pr.sourceReference()));
      RevCommit destination = walk.parseCommit(tip(git, pr.destinationReference()));
      String expectedSource = input.string("sourceCommitId");
      if (expectedSource != null) {
        if (!ObjectId.isId(expectedSource)) {
          throw AwsException.badRequest("InvalidCommitIdException", "The specified commit ID is not valid: " + expectedSource);
        }
        if (!source.name().equals(expectedSource)) {
          throw AwsException.badRequest("TipOfSourceReferenceIsDifferentException",
              "The tip of the source branch in the destination repository does not match the tip of the source branch specified in your request. The pull request might have been updated. Make sure that you have the latest changes.");
        }
      }
      String sourceName = shortName(pr.sourceReference());
      String destinationName = shortName(pr.destinationReference());
      MergeRequest merge = option == MergeOption.FAST_FORWARD_MERGE
          ? MergeRequest.of(source.copy(), destination.copy(), new CommitDetails(null, null, null, request.now()))
          : MergeInputs.mergeRequest(request, new MergeInputs.Commits(sourceName, source, destinationName, destination));
      MergeOutcome outcome = merger.mergePullRequest(request, named, git, pr.id(), pr.destinationReference(), destination.copy(),
          option, merge);
      PullRequestRecord merged = pullRequests.markMerged(pr, request.caller().principalArn(), outcome.commitId().name(),
          option.name(), outcome.commitId().name());
      return Map.of("pullRequest", shapes.shape(merged));
    }
  }

  private static ObjectId tip(Repository git, String refName) throws IOException {
    Ref ref = Refs.exact(git, refName);
    if (ref == null || ref.getObjectId() == null) {
      throw AwsException.badRequest("ReferenceDoesNotExistException", "The specified reference does not exist: " + refName);
    }
    return ref.getObjectId();
  }

  private static String shortName(String refName) {
    return refName.startsWith("refs/heads/") ? refName.substring("refs/heads/".length()) : refName;
  }
}
