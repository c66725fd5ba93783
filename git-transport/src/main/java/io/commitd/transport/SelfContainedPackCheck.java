package io.commitd.transport;

import io.commitd.storage.git.SelfContainedPack;
import java.io.IOException;
import java.util.List;
import java.util.Set;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ProgressMonitor;
import org.eclipse.jgit.transport.ConnectivityChecker;
import org.eclipse.jgit.transport.ReceiveCommand;

/**
 * Proves a push connected without a walk when its pack holds every object reachable from each ref
 * it creates or moves, which the pack knows from indexing it (a whole history pushed into an empty
 * repository, say); otherwise the walk of {@code delegate} decides.
 */
final class SelfContainedPackCheck implements ConnectivityChecker {
  private final ConnectivityChecker delegate;

  SelfContainedPackCheck(ConnectivityChecker delegate) {
    this.delegate = delegate;
  }

  @Override
  public void checkConnectivity(ConnectivityCheckInfo info, Set<ObjectId> haves, ProgressMonitor pm) throws IOException {
    if (!info.isCheckObjects() && info.getParser() instanceof SelfContainedPack pack && holdsEveryNewTip(pack, info.getCommands())) {
      return;
    }
    delegate.checkConnectivity(info, haves, pm);
  }

  /** Whether the pack holds all that every ref still to be created or moved will reach. */
  static boolean holdsEveryNewTip(SelfContainedPack pack, List<ReceiveCommand> commands) {
    for (ReceiveCommand command : commands) {
      if (command.getResult() != ReceiveCommand.Result.NOT_ATTEMPTED || command.getType() == ReceiveCommand.Type.DELETE) {
        continue;
      }
      if (!pack.holdsAllReachableFrom(command.getNewId())) {
        return false;
      }
    }
    return true;
  }
}
