package io.commitd.server.audit;

import io.commitd.server.api.ApiCallListener;
import io.commitd.transport.GitOperation;
import java.util.List;

/** Tells each of its observers, in order, about every API call and git operation. */
public final class Observers implements ApiCallListener, GitOperation.Listener {
  private final List<ApiCallListener> calls;
  private final List<GitOperation.Listener> operations;

  public Observers(AuditTrail trail, ActivityLog log, ActivityMetrics metrics) {
    this.calls = List.of(log, metrics, trail);
    this.operations = List.of(log, metrics, trail);
  }

  @Override
  public void completed(CompletedCall completed) {
    calls.forEach(listener -> listener.completed(completed));
  }

  @Override
  public void completed(GitOperation operation) {
    operations.forEach(listener -> listener.completed(operation));
  }
}
