package io.commitd.server.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.commitd.iam.auth.Requester;
import io.commitd.iam.sigv4.AuthFailure;
import io.commitd.server.codecommit.Input;
import io.commitd.server.codecommit.OperationRequest;
import io.commitd.storage.errors.AwsException;
import java.io.IOException;

/**
 * AWS JSON 1.1 as commitd serves it at {@code POST /} for CodeCommit, CloudTrail and Organizations:
 * {@code X-Amz-Target: <targetPrefix>.<Operation>}, a JSON object in, a JSON object or
 * {@code {"__type": …, "message": …}} out. The operations of all three take the same request.
 */
public final class AwsJsonFormat implements WireFormat<OperationRequest> {
  static final String CONTENT_TYPE = "application/x-amz-json-1.1";

  private final String targetPrefix;
  private final ApiService<OperationRequest> service;

  /**
   * @param targetPrefix what {@code X-Amz-Target} starts with, up to the dot before the operation
   * @param servicePrefix the service's prefix in IAM actions and SigV4 scopes
   */
  public AwsJsonFormat(String targetPrefix, String servicePrefix, OperationRegistry<OperationRequest> operations) {
    this.targetPrefix = targetPrefix + ".";
    this.service = new ApiService<>(servicePrefix, operations);
  }

  @Override
  public Target<OperationRequest> target(ApiCall call) {
    return call.header("X-Amz-Target")
        .filter(t -> t.startsWith(targetPrefix))
        .map(t -> new Target<>(service, t.substring(targetPrefix.length())))
        .orElse(null);
  }

  @Override
  public OperationRequest request(Requester requester, ApiCall call) {
    return new OperationRequest(requester, new Input(parseBody(call)), call);
  }

  @Override
  public JsonNode parameters(OperationRequest request) {
    return request.input().node();
  }

  @Override
  public OperationRequest authorized(OperationRequest request, Requester requester) {
    return new OperationRequest(requester, request.input(), request.call());
  }

  @Override
  public ApiResponse success(Target<OperationRequest> target, Object output, ApiCall call) throws JsonProcessingException {
    return new ApiResponse(200, CONTENT_TYPE, Json.MAPPER.writeValueAsBytes(output == null ? Json.MAPPER.createObjectNode() : output));
  }

  @Override
  public ApiResponse error(Target<OperationRequest> target, ApiError error, ApiCall call) {
    ObjectNode body = Json.MAPPER.createObjectNode();
    body.put("__type", error.code());
    body.put("message", error.message());
    return ApiResponse.of(error.status(), CONTENT_TYPE, body.toString());
  }

  @Override
  public ApiError unknownOperation(Target<OperationRequest> target) {
    return new ApiError(400, "UnknownOperationException", "Unknown operation " + target.operation());
  }

  @Override
  public String authenticationErrorCode(AuthFailure failure) {
    return jsonAuthenticationErrorCode(failure);
  }

  /** The codes AWS's JSON services (1.1 and REST) answer authentication failures with, all HTTP 403. */
  public static String jsonAuthenticationErrorCode(AuthFailure failure) {
    return switch (failure) {
      case MISSING_AUTHENTICATION -> "MissingAuthenticationTokenException";
      case INCOMPLETE_SIGNATURE -> "IncompleteSignatureException";
      case UNRECOGNIZED_CLIENT, INVALID_TOKEN -> "UnrecognizedClientException";
      case EXPIRED_TOKEN -> "ExpiredTokenException";
      case SIGNATURE_MISMATCH, REQUEST_EXPIRED -> "InvalidSignatureException";
    };
  }

  @Override
  public ApiError accessDenied(String message) {
    return new ApiError(400, "AccessDeniedException", message);
  }

  @Override
  public ApiError internalFailure() {
    return new ApiError(500, "InternalFailure", "The request processing has failed because of an unknown error.");
  }

  private static ObjectNode parseBody(ApiCall call) {
    if (call.body().length == 0) {
      return Json.MAPPER.createObjectNode();
    }
    JsonNode parsed;
    try {
      parsed = Json.MAPPER.readTree(call.body());
    } catch (JsonProcessingException e) {
      throw AwsException.badRequest("SerializationException", "Start of structure or map found where not expected, or the body is not JSON.");
    } catch (IOException e) {
      throw AwsException.badRequest("SerializationException", "The request body could not be read as JSON.");
    }
    if (parsed == null || parsed.isMissingNode()) {
      return Json.MAPPER.createObjectNode();
    }
    if (!parsed.isObject()) {
      throw AwsException.badRequest("SerializationException", "The request body must be a JSON object.");
    }
    return (ObjectNode) parsed;
  }
}
