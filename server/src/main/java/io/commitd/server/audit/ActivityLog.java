package io.commitd.server.audit;

import io.commitd.iam.auth.Caller;
import io.commitd.server.api.ApiCallListener;
import io.commitd.transport.GitOperation;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One log line per git operation, per refused API call and per IAM change — who, what, which
 * repository and refs, the outcome, bytes and milliseconds — under the loggers
 * {@code commitd.git}, {@code commitd.api} and {@code commitd.iam}, so operators can route them.
 */
public final class ActivityLog implements ApiCallListener, GitOperation.Listener {
  private static final Logger GIT = LoggerFactory.getLogger("commitd.git");
  private static final Logger API = LoggerFactory.getLogger("commitd.api");
  private static final Logger IAM = LoggerFactory.getLogger("commitd.iam");

  @Override
  public void completed(GitOperation operation) {
    String refs = operation.refs().stream().map(r -> r.ref() + "=" + r.result()).collect(Collectors.joining(","));
    String line = "{} by {} repository={} transport={} refs=[{}] outcome={} bytes={} ms={}{}";
    Object[] arguments = {operation.kind().eventName(), who(operation.requester().caller()), operation.repositoryName(),
        operation.transport(), refs, operation.succeeded() ? "OK" : operation.errorCode(), operation.bytes(),
        operation.millis(), operation.succeeded() ? "" : " reason=\"" + operation.errorMessage() + "\""};
    if (operation.succeeded()) {
      GIT.info(line, arguments);
    } else {
      GIT.warn(line, arguments);
    }
  }

  @Override
  public void completed(CompletedCall completed) {
    String resource = completed.resources().isEmpty() ? "-" : String.join(",", completed.resources());
    String who = completed.caller() == null ? "unauthenticated" : who(completed.caller());
    if (completed.error() != null) {
      API.warn("refused {}:{} by {} resource={} outcome={} status={} ms={} request={} reason=\"{}\"",
          completed.service(), completed.operation(), who, resource, completed.error().code(), completed.error().status(),
          completed.millis(), completed.call().requestId(), completed.error().message());
    } else if ("iam".equals(completed.service()) && !AuditTrail.readOnly(completed.operation())) {
      IAM.info("{} by {} resource={} ms={} request={}", completed.operation(), who, resource, completed.millis(),
          completed.call().requestId());
    }
  }

  private static String who(Caller caller) {
    return caller.principalArn() + (caller.accessKeyId() == null ? "" : " (" + caller.accessKeyId() + ")");
  }
}
