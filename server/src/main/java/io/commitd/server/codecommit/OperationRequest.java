package io.commitd.server.codecommit;

import io.commitd.iam.auth.Caller;
import io.commitd.server.api.ApiCall;
import java.time.Instant;

/** An authenticated CodeCommit call: who made it, its input, and the call it came in. */
public record OperationRequest(Caller caller, Input input, ApiCall call) {
  public String accountId() {
    return caller.accountId();
  }

  public Instant now() {
    return call.receivedAt();
  }
}
