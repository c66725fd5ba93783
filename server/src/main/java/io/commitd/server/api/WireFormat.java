package io.commitd.server.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.commitd.iam.auth.Caller;
import io.commitd.iam.auth.Requester;
import io.commitd.iam.sigv4.AuthFailure;

/**
 * How one AWS protocol reads requests and writes answers — AWS JSON 1.1 or Query. Everything
 * else about a call (authentication, lookup, authorization, invocation, error mapping, metrics)
 * is the same for all and lives in {@link FrontDoor}.
 *
 * @param <R> the request type the format's operations take
 */
public interface WireFormat<R> {

  /** The service and operation a call names, or null when the call is not in this format. */
  Target<R> target(ApiCall call);

  /**
   * The operation's request: the parsed input of an authenticated call. {@code requester} carries
   * the grant of what the front door authorized, for the ref-update pipeline.
   */
  R request(Requester requester, ApiCall call);

  /** The caller's request once authorized: carries {@code requester}'s grant. */
  R authorized(R request, Requester requester);

  ApiResponse success(Target<R> target, Object output, ApiCall call) throws Exception;

  ApiResponse error(Target<R> target, ApiError error, ApiCall call);

  /** The error a call naming no operation of the service gets. */
  ApiError unknownOperation(Target<R> target);

  /** The error code of an authentication failure (always HTTP 403). */
  String authenticationErrorCode(AuthFailure failure);

  /** The error an authorization denial gets, with AWS's sentence as its message. */
  ApiError accessDenied(String message);

  /** The error of a failure of the server's own. */
  ApiError internalFailure();

  /**
   * The request's members as the operation reads them, for the audit trail to record without
   * parsing the body again; null where the format reads none as JSON (the trail reads the body).
   */
  default JsonNode parameters(R request) {
    return null;
  }

  /** The caller of a request, for the metrics and logs of a failure. */
  default Caller callerOf(R request) {
    return null;
  }
}
