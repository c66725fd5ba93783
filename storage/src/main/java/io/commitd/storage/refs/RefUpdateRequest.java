package io.commitd.storage.refs;

import io.commitd.storage.repos.RepositoryRecord;
import java.util.List;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.transport.ReceiveCommand;

/**
 * One request to move refs: a push, or an API call such as {@code PutFile} or
 * {@code CreateBranch}. Each {@link ReceiveCommand} carries its own result, as in JGit, so a
 * step can reject one ref and let the others through.
 *
 * @param action the IAM action that moves these refs, e.g. {@code codecommit:GitPush} or
 *     {@code codecommit:PutFile}
 * @param atomic when true, one rejected command rejects them all
 */
public record RefUpdateRequest<A extends Actor>(
    RepositoryRecord repository,
    Repository git,
    A actor,
    String action,
    List<ReceiveCommand> commands,
    boolean atomic) {

  public RefUpdateRequest {
    commands = List.copyOf(commands);
  }

  /** Every ref name the request touches: the value of {@code codecommit:References}. */
  public List<String> refNames() {
    return commands.stream().map(ReceiveCommand::getRefName).toList();
  }

  /** The commands no step has decided yet. */
  public List<ReceiveCommand> pending() {
    return commands.stream().filter(c -> c.getResult() == ReceiveCommand.Result.NOT_ATTEMPTED).toList();
  }
}
