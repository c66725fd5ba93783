package io.commitd.reviews;

import io.commitd.storage.repos.RepositoryRecord;
import java.util.List;

/**
 * The approval rules a new pull request starts with: those of the approval rule templates
 * associated with its repository that apply to its destination. {@link PullRequestService#create}
 * stores them with the pull request, in one transaction, so no pull request exists without them.
 */
@FunctionalInterface
public interface NewPullRequestRules {
  List<PullRequestApprovalRule> rulesFor(PullRequestRecord pullRequest, RepositoryRecord repository);

  /** No templates: pull requests start with no rules. */
  static NewPullRequestRules none() {
    return (pullRequest, repository) -> List.of();
  }
}
