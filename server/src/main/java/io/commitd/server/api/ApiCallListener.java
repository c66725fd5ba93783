package io.commitd.server.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.commitd.iam.auth.Caller;
import java.util.List;

/**
 * Told about every call the front door answered, success or error, once, after the answer is
 * made: the audit trail, the logs and the metrics of API calls listen here.
 */
public interface ApiCallListener {
  ApiCallListener NONE = completed -> {};

  void completed(CompletedCall completed);

  /**
   * One answered call.
   *
   * @param caller who made it, or null when authentication failed
   * @param resources the ARNs it was authorized on (empty when it did not get that far)
   * @param parameters the request's members as the operation read them, or null when they were not
   *     read as JSON (the call did not get that far, or its format reads none)
   * @param error the error it was answered with, or null on success
   * @param millis how long it took
   */
  record CompletedCall(
      ApiCall call, String service, String operation, Caller caller, List<String> resources, JsonNode parameters,
      ApiResponse response, ApiError error, long millis) {
    public CompletedCall {
      resources = List.copyOf(resources);
    }
  }
}
