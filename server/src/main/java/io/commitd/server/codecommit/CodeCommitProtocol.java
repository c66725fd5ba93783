package io.commitd.server.codecommit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.commitd.iam.auth.AuthorizationResult;
import io.commitd.iam.auth.Authorizer;
import io.commitd.iam.auth.Caller;
import io.commitd.iam.auth.GlobalConditionKeys;
import io.commitd.iam.auth.RequestAuthenticator;
import io.commitd.iam.sigv4.AuthenticationException;
import io.commitd.server.api.ApiCall;
import io.commitd.server.api.ApiProtocol;
import io.commitd.server.api.ApiResponse;
import io.commitd.server.api.Json;
import io.commitd.storage.errors.AwsException;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * CodeCommit's AWS JSON 1.1 protocol: {@code X-Amz-Target: CodeCommit_20150413.<Operation>}.
 * Authenticates, finds the operation, authorizes {@code codecommit:<Operation>} on each of its
 * resources, invokes it, and answers in JSON — or in AWS's error shape.
 */
public final class CodeCommitProtocol implements ApiProtocol {
  static final String TARGET_PREFIX = "CodeCommit_20150413.";
  static final String CONTENT_TYPE = "application/x-amz-json-1.1";
  private static final Logger LOG = LoggerFactory.getLogger(CodeCommitProtocol.class);

  private final OperationRegistry operations;
  private final RequestAuthenticator authenticator;
  private final Authorizer authorizer;
  private final MeterRegistry metrics;

  public CodeCommitProtocol(
      OperationRegistry operations, RequestAuthenticator authenticator, Authorizer authorizer, MeterRegistry metrics) {
    this.operations = operations;
    this.authenticator = authenticator;
    this.authorizer = authorizer;
    this.metrics = metrics;
  }

  @Override
  public boolean accepts(ApiCall call) {
    return call.header("X-Amz-Target").map(t -> t.startsWith(TARGET_PREFIX)).orElse(false);
  }

  @Override
  public ApiResponse handle(ApiCall call) {
    Timer.Sample sample = Timer.start(metrics);
    String outcome = "OK";
    try {
      return ApiResponse.of(200, CONTENT_TYPE, Json.MAPPER.writeValueAsString(dispatch(call)));
    } catch (AwsException e) {
      outcome = e.code();
      return error(e.status(), e.code(), e.getMessage());
    } catch (AuthenticationException e) {
      outcome = JsonAuthErrors.code(e.failure());
      return error(403, outcome, e.getMessage());
    } catch (Exception e) {
      outcome = "InternalFailure";
      LOG.error("request {} failed", call.requestId(), e);
      return error(500, "InternalFailure", "The request processing has failed because of an unknown error.");
    } finally {
      sample.stop(metrics.timer("commitd.api.requests", "service", "codecommit", "operation", operationName(call), "outcome", outcome));
    }
  }

  /** The operation a call names, or "unknown": metric tags must stay a small set. */
  private String operationName(ApiCall call) {
    String name = call.header("X-Amz-Target").orElse("").substring(TARGET_PREFIX.length());
    return operations.find(name).isPresent() ? name : "unknown";
  }

  private Object dispatch(ApiCall call) throws Exception {
    String target = call.header("X-Amz-Target").orElseThrow();
    Caller caller = authenticator.authenticate(call.signedRequest());
    String name = target.substring(TARGET_PREFIX.length());
    Operation operation =
        operations
            .find(name)
            .orElseThrow(() -> AwsException.badRequest("UnknownOperationException", "Unknown operation " + name));
    OperationRequest request = new OperationRequest(caller, new Input(parseBody(call)), call);
    String action = "codecommit:" + name;
    Map<String, List<String>> context = new LinkedHashMap<>(GlobalConditionKeys.of(caller, call.facts()));
    context.putAll(operation.conditionKeys(request));
    for (String resource : operation.resources(request)) {
      AuthorizationResult result = authorizer.authorize(caller, action, resource, context);
      if (!result.allowed()) {
        throw AccessDenied.of(caller, action, resource, result);
      }
    }
    Object output = operation.invoke(request);
    return output == null ? Json.MAPPER.createObjectNode() : output;
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
    } catch (java.io.IOException e) {
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

  static ApiResponse error(int status, String code, String message) {
    ObjectNode body = Json.MAPPER.createObjectNode();
    body.put("__type", code);
    body.put("message", message);
    return ApiResponse.of(status, CONTENT_TYPE, body.toString());
  }
}
