package io.commitd.storage.refs;

import io.commitd.storage.repos.RepositoryRecord;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.transport.ReceiveCommand;

/**
 * One request to move refs: a push, or an API call such as {@code PutFile}, {@code CreateBranch},
 * {@code UpdateDefaultBranch} or {@code DeleteRepository}. Each {@link ReceiveCommand} carries its
 * own result, as in JGit, so a step can refuse one ref and let the others through.
 *
 * @param action the IAM action that moves these refs, e.g. {@code codecommit:GitPush}; it comes
 *     from the operation (or transport) that makes the request, never retyped
 * @param atomic when true, one refused command refuses them all
 * @param headTarget when not null, HEAD becomes a symbolic ref to this ref (the default branch)
 * @param pullRequestId when not null, the pull request this request merges ({@code MergePullRequestBy*}):
 *     the approval gate judges the merge by that pull request's approval rules
 */
public record RefUpdateRequest<A extends Actor>(
    RepositoryRecord repository,
    Repository git,
    A actor,
    String action,
    List<ReceiveCommand> commands,
    boolean atomic,
    String headTarget,
    String pullRequestId) {

  public RefUpdateRequest {
    commands = List.copyOf(commands);
  }

  /** A request that moves {@code commands}. */
  public static <A extends Actor> RefUpdateRequest<A> of(
      RepositoryRecord repository, Repository git, A actor, String action, List<ReceiveCommand> commands, boolean atomic) {
    return new RefUpdateRequest<>(repository, git, actor, action, commands, atomic, null, null);
  }

  /** A request that points HEAD at {@code refName}: the repository's default branch changes. */
  public static <A extends Actor> RefUpdateRequest<A> linkHead(
      RepositoryRecord repository, Repository git, A actor, String action, String refName) {
    return new RefUpdateRequest<>(repository, git, actor, action, List.of(), true, refName, null);
  }

  /** This request, as the merge of pull request {@code pullRequestId}. */
  public RefUpdateRequest<A> merging(String pullRequestId) {
    return new RefUpdateRequest<>(repository, git, actor, action, commands, atomic, headTarget, pullRequestId);
  }

  /** Every ref name the request touches: the value of {@code codecommit:References}. */
  public List<String> refNames() {
    List<String> names = new ArrayList<>(commands.stream().map(ReceiveCommand::getRefName).toList());
    if (headTarget != null) {
      names.add(headTarget);
    }
    return names;
  }

  /** The commands no step has decided yet. */
  public List<ReceiveCommand> pending() {
    return commands.stream().filter(c -> c.getResult() == ReceiveCommand.Result.NOT_ATTEMPTED).toList();
  }
}
