package io.commitd.server.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.commitd.iam.auth.AccessControl;
import io.commitd.iam.auth.AccessDenied;
import io.commitd.iam.auth.AccessRequest;
import io.commitd.iam.auth.Action;
import io.commitd.iam.auth.Caller;
import io.commitd.iam.auth.RefUpdateAuthorization;
import io.commitd.iam.auth.RequestAuthenticator;
import io.commitd.iam.auth.Requester;
import io.commitd.iam.sigv4.AuthenticationException;
import io.commitd.storage.errors.AwsException;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one dispatch of every AWS call at {@code POST /}: authenticate, find the operation,
 * authorize {@code service:<Operation>} once on each of its resources with one context, invoke,
 * answer — or map the failure to the protocol's error. Only parsing and encoding differ between
 * protocols; they are the {@link WireFormat}'s.
 */
public final class FrontDoor<R> implements ApiProtocol {
  private static final Logger LOG = LoggerFactory.getLogger(FrontDoor.class);

  private final WireFormat<R> format;
  private final RequestAuthenticator authenticator;
  private final AccessControl access;
  private final MeterRegistry metrics;
  private final ApiCallListener listener;
  private final Map<TimerKey, Timer> timers = new ConcurrentHashMap<>();

  private record TimerKey(String service, String operation, String outcome) {}

  public FrontDoor(WireFormat<R> format, RequestAuthenticator authenticator, AccessControl access, MeterRegistry metrics) {
    this(format, authenticator, access, metrics, ApiCallListener.NONE);
  }

  /** A front door that tells {@code listener} (the audit trail) about every call it answers. */
  public FrontDoor(WireFormat<R> format, RequestAuthenticator authenticator, AccessControl access, MeterRegistry metrics,
      ApiCallListener listener) {
    this.format = format;
    this.authenticator = authenticator;
    this.access = access;
    this.metrics = metrics;
    this.listener = listener;
  }

  /** What a call got to before it was answered: who made it and what it was authorized on. */
  private static final class Progress {
    Caller caller;
    JsonNode parameters;
    List<String> resources = List.of();
  }

  @Override
  public boolean accepts(ApiCall call) {
    return format.target(call) != null;
  }

  @Override
  public ApiResponse handle(ApiCall call) {
    return respond(call, null);
  }

  /**
   * The same dispatch for a caller a front end has already authenticated — the console's signed-in
   * user, whose requests carry a session cookie rather than a signature: only SigV4 is skipped;
   * lookup, the one authorization, the operation and the encoding are those of every call.
   */
  public ApiResponse handleAs(Caller caller, ApiCall call) {
    if (caller == null) {
      throw new IllegalArgumentException("handleAs needs an authenticated caller");
    }
    return respond(call, caller);
  }

  private ApiResponse respond(ApiCall call, Caller authenticated) {
    Target<R> target = format.target(call);
    Timer.Sample sample = Timer.start(metrics);
    String outcome = "OK";
    Progress progress = new Progress();
    ApiError error = null;
    ApiResponse response = null;
    try {
      response = dispatch(target, call, progress, authenticated);
      return response;
    } catch (AwsException e) {
      outcome = e.code();
      error = new ApiError(e.status(), e.code(), e.getMessage());
      response = format.error(target, error, call);
      return response;
    } catch (AccessDenied e) {
      error = format.accessDenied(e.getMessage());
      outcome = error.code();
      response = format.error(target, error, call);
      return response;
    } catch (AuthenticationException e) {
      outcome = format.authenticationErrorCode(e.failure());
      error = new ApiError(403, outcome, e.getMessage());
      response = format.error(target, error, call);
      return response;
    } catch (Exception e) {
      error = format.internalFailure();
      outcome = error.code();
      LOG.error("request {} ({} {}) failed", call.requestId(), target.service().prefix(), target.operation(), e);
      response = format.error(target, error, call);
      return response;
    } finally {
      String operation = target.service().operations().find(target.operation()).isPresent() ? target.operation() : "unknown";
      long nanos = sample.stop(timer(target.service().prefix(), operation, outcome));
      tell(new ApiCallListener.CompletedCall(call, target.service().prefix(), target.operation(), progress.caller,
          progress.resources, progress.parameters, response, error, nanos / 1_000_000));
    }
  }

  /** The call's timer; looked up once per kind of call, as building its tags was a cost of every call. */
  private Timer timer(String service, String operation, String outcome) {
    return timers.computeIfAbsent(new TimerKey(service, operation, outcome), key -> metrics.timer("commitd.api.requests",
        "service", key.service(), "operation", key.operation(), "outcome", key.outcome()));
  }

  private void tell(ApiCallListener.CompletedCall completed) {
    try {
      listener.completed(completed);
    } catch (RuntimeException e) {
      // The caller has its answer; a failure to record it is the server's, logged, not the caller's.
      LOG.error("request {} ({} {}) was answered but not recorded", completed.call().requestId(), completed.service(),
          completed.operation(), e);
    }
  }

  private ApiResponse dispatch(Target<R> target, ApiCall call, Progress progress, Caller authenticated) throws Exception {
    Caller caller = authenticated != null ? authenticated
        : authenticator.authenticate(call.signedRequest(), target.service().signingName());
    progress.caller = caller;
    ApiOperation<R> operation = target.service().operations().find(target.operation())
        .orElseThrow(() -> {
          ApiError unknown = format.unknownOperation(target);
          return new AwsException(unknown.code(), unknown.status(), unknown.message());
        });
    Requester requester = new Requester(caller, call.facts());
    R request = format.request(requester, call);
    progress.parameters = format.parameters(request);
    Action action = new Action(target.service().prefix(), target.operation());
    List<String> resources = operation.resources(request);
    Map<String, List<String>> keys = operation.conditionKeys(request);
    progress.resources = resources;
    for (String resource : resources) {
      access.require(new AccessRequest(caller, call.facts(), action, resource, keys, null));
    }
    Requester granted = new Requester(caller, call.facts(),
        new Requester.Grant(action, resources, keys.getOrDefault(RefUpdateAuthorization.REFERENCES_KEY, List.of())));
    Object output = operation.invoke(format.authorized(request, granted));
    return format.success(target, output, call);
  }
}
