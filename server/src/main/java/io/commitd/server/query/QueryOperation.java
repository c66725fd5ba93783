package io.commitd.server.query;

/**
 * One IAM or STS action. {@link #resource} names what {@code iam:<Action>} is authorized on
 * before {@link #invoke} runs, or null when the action decides access itself
 * ({@code sts:AssumeRole}, {@code sts:GetCallerIdentity}).
 */
public interface QueryOperation {
  String resource(QueryRequest request);

  /** The result element's content, or null for an action with an empty result. */
  XmlNode invoke(QueryRequest request) throws Exception;

  /** The body of an action. */
  @FunctionalInterface
  interface Invocation {
    XmlNode invoke(QueryRequest request) throws Exception;
  }

  /** An action authorized on the resource {@code resource} names. */
  static QueryOperation on(java.util.function.Function<QueryRequest, String> resource, Invocation body) {
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
