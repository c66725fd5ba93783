package io.commitd.reviews;

import io.commitd.approval.rules.Evaluation;
import io.commitd.storage.refs.Actor;
import io.commitd.storage.refs.RefUpdateCheck;
import io.commitd.storage.refs.RefUpdateRequest;
import io.commitd.storage.refs.RefUpdateVerdict;
import io.commitd.storage.refs.RefusalReason;
import io.commitd.storage.repos.RepositoryCatalog;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.eclipse.jgit.transport.ReceiveCommand;

/**
 * Step 2 of the ref-update pipeline: approval rules decide what may reach a branch.
 *
 * <ul>
 *   <li>A {@code MergePullRequestBy*} request names its pull request ({@link RefUpdateRequest#pullRequestId()});
 *       it passes only when that pull request's rules are satisfied or overridden.
 *   <li>A repository tagged {@value #PROTECTED_REFS_TAG} (ref patterns separated by spaces, {@code *}
 *       matching any characters, a name without {@code refs/} meaning a branch) protects those refs
 *       from every other writer — a push, {@code PutFile}, {@code CreateCommit}, {@code DeleteBranch},
 *       a branch merge: a protected ref may only be set to the source commit of an open pull request
 *       into it whose rules are satisfied or overridden, and is never deleted. Deleting the whole
 *       repository is left to IAM.
 * </ul>
 *
 * Refusals name the pull request and the unsatisfied rule, with the evaluator's reason.
 */
public final class ApprovalGate<A extends Actor> implements RefUpdateCheck<A> {
  /** The repository tag whose value lists the protected ref patterns. */
  public static final String PROTECTED_REFS_TAG = "commitd:protected-refs";
  private static final String MERGE_PULL_REQUEST = "codecommit:MergePullRequestBy";
  private static final String DELETE_REPOSITORY = "codecommit:DeleteRepository";

  private final RepositoryCatalog catalog;
  private final PullRequestStore pullRequests;
  private final PullRequestApprovals approvals;

  public ApprovalGate(RepositoryCatalog catalog, PullRequestStore pullRequests, PullRequestApprovals approvals) {
    this.catalog = catalog;
    this.pullRequests = pullRequests;
    this.approvals = approvals;
  }

  @Override
  public void check(RefUpdateRequest<A> request, RefUpdateVerdict verdict) {
    String mergedDestination = null;
    if (request.action().startsWith(MERGE_PULL_REQUEST)) {
      Optional<PullRequestRecord> merged = mergedPullRequest(request, verdict);
      if (merged.isEmpty()) {
        return;
      }
      mergedDestination = merged.get().destinationReference();
    }
    if (request.action().equals(DELETE_REPOSITORY)) {
      return;
    }
    List<Pattern> protectedRefs = protectedRefs(catalog.tags(request.repository().repositoryId()).get(PROTECTED_REFS_TAG));
    if (protectedRefs.isEmpty()) {
      return;
    }
    for (ReceiveCommand command : request.pending()) {
      String refName = command.getRefName();
      if (refName.equals(mergedDestination) || protectedRefs.stream().noneMatch(p -> p.matcher(refName).matches())) {
        continue;
      }
      refusalOfProtected(request.repository().repositoryId(), command)
          .ifPresent(message -> verdict.refuse(command, RefusalReason.APPROVAL_GATE, message));
    }
  }

  /** The pull request a merge request names, if its rules let it through; otherwise refuses the request. */
  private Optional<PullRequestRecord> mergedPullRequest(RefUpdateRequest<A> request, RefUpdateVerdict verdict) {
    Optional<PullRequestRecord> pr = Optional.ofNullable(request.pullRequestId()).flatMap(this::find)
        .filter(p -> p.repositoryId().equals(request.repository().repositoryId()));
    if (pr.isEmpty()) {
      verdict.refuseAllPending(RefusalReason.APPROVAL_GATE,
          "a pull request merge must name a pull request of this repository, so its approval rules can be checked");
      return Optional.empty();
    }
    Evaluation evaluation = approvals.evaluate(pr.get());
    if (!evaluation.approved()) {
      verdict.refuseAllPending(RefusalReason.APPROVAL_GATE, "pull request " + pr.get().id() + " " + unsatisfied(evaluation));
      return Optional.empty();
    }
    return pr;
  }

  /** Why the protected ref may not take the command's new value, or empty when it may. */
  private Optional<String> refusalOfProtected(String repositoryId, ReceiveCommand command) {
    String refName = command.getRefName();
    String protection = refName + " is protected by the repository tag " + PROTECTED_REFS_TAG;
    if (command.getType() == ReceiveCommand.Type.DELETE) {
      return Optional.of(protection + " and cannot be deleted");
    }
    String newId = command.getNewId().name();
    List<PullRequestRecord> candidates = pullRequests.openTouching(repositoryId, refName).stream()
        .filter(pr -> pr.destinationReference().equals(refName) && pr.sourceCommit().equals(newId))
        .toList();
    if (candidates.isEmpty()) {
      return Optional.of(protection + ": it only accepts the source commit of an open pull request into it whose approval"
          + " rules are satisfied, and " + newId.substring(0, 7) + " is the source commit of none");
    }
    List<String> reasons = new ArrayList<>();
    for (PullRequestRecord pr : candidates) {
      Evaluation evaluation = approvals.evaluate(pr);
      if (evaluation.approved()) {
        return Optional.empty();
      }
      reasons.add("pull request " + pr.id() + " " + unsatisfied(evaluation));
    }
    return Optional.of(protection + ": " + String.join("; ", reasons));
  }

  /** For example "is not approved: approval rule 'Two reviewers' needs 2 approvals from the pool, has 1". */
  private static String unsatisfied(Evaluation evaluation) {
    List<String> rules = new ArrayList<>();
    for (String rule : evaluation.approvalRulesNotSatisfied()) {
      rules.add("approval rule '" + rule + "' " + evaluation.reasonFor(rule).orElse("is not satisfied"));
    }
    return "is not approved: " + String.join("; ", rules);
  }

  private Optional<PullRequestRecord> find(String pullRequestId) {
    try {
      return pullRequests.find(Long.parseLong(pullRequestId));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  /** The tag's patterns as regular expressions over full ref names; none for no tag. */
  static List<Pattern> protectedRefs(String tagValue) {
    if (tagValue == null || tagValue.isBlank()) {
      return List.of();
    }
    List<Pattern> patterns = new ArrayList<>();
    for (String pattern : tagValue.trim().split("\\s+")) {
      String full = pattern.startsWith("refs/") ? pattern : "refs/heads/" + pattern;
      StringBuilder regex = new StringBuilder();
      for (String literal : full.split("\\*", -1)) {
        if (regex.length() > 0) {
          regex.append(".*");
        }
        regex.append(Pattern.quote(literal));
      }
      patterns.add(Pattern.compile(regex.toString()));
    }
    return patterns;
  }
}
