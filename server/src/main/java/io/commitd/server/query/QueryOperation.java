package io.commitd.server.query;

import io.commitd.server.api.ApiOperation;
import java.util.List;
import java.util.function.Function;

/**
 * One IAM or STS action: the front door authorizes {@code iam:<Action>} (or {@code sts:…}) on the
 * resource {@link #resource} names before {@link #invoke} runs. A null resource means the action
 * needs no permission of its own ({@code sts:GetCallerIdentity}) or is decided inside, through the
 * same access control, on a resource policy ({@code sts:AssumeRole} and the role's trust policy).
 */
public interface QueryOperation extends ApiOperation<QueryRequest> {
  String resource(QueryRequest request);

  @Override
  default List<String> resources(QueryRequest request) {
    String resource = resource(request);
    return resource == null ? List.of() : List.of(resource);
  }

  /** The result element's content, or null for an action with an empty result. */
  @Override
  XmlNode invoke(QueryRequest request) throws Exception;

  /** The body of an action. */
  @FunctionalInterface
  interface Invocation {
    XmlNode invoke(QueryRequest request) throws Exception;
  }

  /** An action authorized on the resource {@code resource} names. */
  static QueryOperation on(Function<QueryRequest, String> resource, Invocation body) {
    return new QueryOperation() {
      @Override
      public String resource(QueryRequest request) {
        return resource.apply(request);
      }

      @Override
      public XmlNode invoke(QueryRequest request) throws Exception {
        return body.invoke(request);
      }
    };
  }
}
