package io.commitd.server.accessanalyzer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.commitd.iam.auth.Requester;
import io.commitd.iam.sigv4.AuthFailure;
import io.commitd.server.api.ApiCall;
import io.commitd.server.api.AwsJsonFormat;
import io.commitd.server.api.ApiError;
import io.commitd.server.api.ApiResponse;
import io.commitd.server.api.ApiService;
import io.commitd.server.api.Json;
import io.commitd.server.api.OperationRegistry;
import io.commitd.server.api.Target;
import io.commitd.server.api.WireFormat;
import io.commitd.server.codecommit.Input;
import io.commitd.server.codecommit.OperationRequest;
import io.commitd.storage.errors.AwsException;
import java.io.IOException;
import java.util.Map;

/**
 * IAM Access Analyzer's REST-JSON protocol, for the operations commitd serves: the operation is
 * named by method and path ({@code POST /policy/validation} is {@code ValidatePolicy}), the input
 * is a JSON body, an error is {@code {"__type": …, "message": …}} (botocore and the SDKs read the
 * code from {@code __type} when no {@code x-amzn-ErrorType} header names it).
 */
public final class AccessAnalyzerFormat implements WireFormat<OperationRequest> {
  static final String CONTENT_TYPE = "application/json";
  /** Method and path of each operation, as botocore's model routes it. */
  private static final Map<String, String> ROUTES = Map.of("POST /policy/validation", "ValidatePolicy");

  private final ApiService<OperationRequest> service;

  public AccessAnalyzerFormat(OperationRegistry<OperationRequest> operations) {
    this.service = new ApiService<>("access-analyzer", operations);
  }

  @Override
  public Target<OperationRequest> target(ApiCall call) {
    String operation = ROUTES.get(call.method() + " " + call.rawPath());
    return operation == null ? null : new Target<>(service, operation);
  }

  @Override
  public OperationRequest request(Requester requester, ApiCall call) {
    return new OperationRequest(requester, new Input(body(call)), call);
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
    if (error.code().equals("ValidationException")) {
      body.put("reason", "other");
    }
    return ApiResponse.of(error.status(), CONTENT_TYPE, body.toString());
  }

  @Override
  public ApiError unknownOperation(Target<OperationRequest> target) {
    return new ApiError(404, "UnknownOperationException", "Unknown operation " + target.operation());
  }

  @Override
  public String authenticationErrorCode(AuthFailure failure) {
    return AwsJsonFormat.jsonAuthenticationErrorCode(failure);
  }

  @Override
  public ApiError accessDenied(String message) {
    return new ApiError(403, "AccessDeniedException", message);
  }

  @Override
  public ApiError internalFailure() {
    return new ApiError(500, "InternalServerException", "The request processing has failed because of an unknown error.");
  }

  private static ObjectNode body(ApiCall call) {
    if (call.body().length == 0) {
      return Json.MAPPER.createObjectNode();
    }
    try {
      JsonNode parsed = Json.MAPPER.readTree(call.body());
      if (parsed instanceof ObjectNode object) {
        return object;
      }
    } catch (IOException e) {
      // answered below
    }
    throw AwsException.badRequest("ValidationException", "The request body is not a JSON object.");
  }
}
