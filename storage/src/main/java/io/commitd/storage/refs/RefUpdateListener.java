package io.commitd.storage.refs;

import java.util.List;
import org.eclipse.jgit.transport.ReceiveCommand;

/**
 * Told of every ref change the pipeline applied, whatever wrote it — a push, an API call, a merge —
 * so state that follows the refs (a pull request's source revision, its merged flag) never misses
 * one. Called after the change is applied and recorded; a failure is logged, never undoes it.
 */
@FunctionalInterface
public interface RefUpdateListener {
  void applied(RefUpdateRequest<? extends Actor> request, List<ReceiveCommand> applied);
}
