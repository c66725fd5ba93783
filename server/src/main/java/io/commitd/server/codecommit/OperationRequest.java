package io.commitd.server.codecommit;

import io.commitd.iam.auth.Caller;
import io.commitd.iam.auth.Requester;
import io.commitd.server.api.ApiCall;
import java.time.Instant;

/**
 * An authenticated CodeCommit call: who made it (with what the front door authorized, which the
 * ref-update pipeline honours), its input, and the call it came in.
 */
public record OperationRequest(Requester requester, Input input, ApiCall call) {
  public Caller caller() {
    return requester.caller();
  }

  public String accountId() {
    return requester.accountId();
  }

  public Instant now() {
    return call.receivedAt();
  }
}
