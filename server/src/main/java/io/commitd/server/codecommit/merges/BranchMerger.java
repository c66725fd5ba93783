package io.commitd.server.codecommit.merges;

import io.commitd.git.merge.MergeOption;
import io.commitd.git.merge.MergeOutcome;
import io.commitd.git.merge.MergeRequest;
import io.commitd.git.merge.Merger;
import io.commitd.server.codecommit.OperationRequest;
import io.commitd.server.codecommit.data.RefMover;
import io.commitd.storage.errors.AwsException;
import io.commitd.storage.repos.RepositoryRecord;
import java.io.IOException;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevWalk;

/**
 * Merges a source commit into a branch and moves the branch through the ref-update pipeline: the
 * step every "merge into a branch" operation shares (MergeBranchesBy…, and merging pull requests).
 * The merge engine writes the objects; the branch moves by compare-and-swap from the tip the caller
 * saw, so a branch that moved meanwhile answers {@code ConcurrentReferenceUpdateException} and
 * nothing is lost.
 */
public final class BranchMerger {
  private final RefMover refs;

  public BranchMerger(RefMover refs) {
    this.refs = refs;
  }

  /**
   * Makes the merge {@code option} names of {@code merge} (its source onto its destination commit)
   * and moves {@code targetRef} from {@code expectedTip} to the result. When there is nothing to
   * merge (the source is already in the destination) the branch stays where it is.
   *
   * @param targetRef the full name of the branch to move ({@code refs/heads/…})
   * @param expectedTip the branch's value when the caller read it: the compare-and-swap's old value.
   *     It is usually {@code merge.destinationCommitId()}; otherwise it must be part of the result's
   *     history, so a merge never drops the branch's commits ({@code InvalidTargetBranchException})
   * @return the commit the branch points at afterwards, and its tree
   */
  public MergeOutcome merge(OperationRequest request, RepositoryRecord repository, Repository git, String targetRef,
      ObjectId expectedTip, MergeOption option, MergeRequest merge) throws IOException {
    MergeOutcome outcome = new Merger(git).merge(option, merge);
    if (outcome.commitId().equals(expectedTip)) {
      return outcome;
    }
    if (!expectedTip.equals(merge.destinationCommitId()) && !contains(git, outcome.commitId(), expectedTip)) {
      throw AwsException.badRequest("InvalidTargetBranchException",
          "The specified target branch is not valid: its tip is not part of the merge's history. Merge into it, or name it as the destination.");
    }
    refs.move(request, repository, git, targetRef, expectedTip, outcome.commitId(), BranchMerger::concurrentUpdate);
    return outcome;
  }

  public static AwsException concurrentUpdate() {
    return AwsException.badRequest("ConcurrentReferenceUpdateException",
        "The merge cannot be completed because the target branch has been modified. Another user might have modified the target branch while the merge was in progress. Wait a few minutes, and then try again.");
  }

  private static boolean contains(Repository git, ObjectId commit, ObjectId ancestor) throws IOException {
    try (RevWalk walk = new RevWalk(git)) {
      return walk.isMergedInto(walk.parseCommit(ancestor), walk.parseCommit(commit));
    }
  }
}
