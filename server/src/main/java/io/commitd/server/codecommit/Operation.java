package io.commitd.server.codecommit;

import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * One CodeCommit operation. The front door authorizes {@code codecommit:<name>} on every resource
 * {@link #resources} names before {@link #invoke} runs; an operation never authorizes by itself.
 */
public interface Operation {

  /** The ARNs acted on ({@code *} for account-level operations); validates what it reads. */
  List<String> resources(OperationRequest request);

  /**
   * Condition keys this operation adds to the request context, such as
   * {@code codecommit:References} for the branch a {@code PutFile} writes to.
   */
  default Map<String, List<String>> conditionKeys(OperationRequest request) {
    return Map.of();
  }

  /** Performs the operation; returns the output shape (a record, map or Jackson node), or null for {@code {}}. */
  Object invoke(OperationRequest request) throws Exception;

  /** The body of an operation. */
  @FunctionalInterface
  interface Invocation {
    Object invoke(OperationRequest request) throws Exception;
  }

  /** An operation on the one resource {@code resource} names. */
  static Operation on(Function<OperationRequest, String> resource, Invocation body) {
    return onEach(request -> List.of(resource.apply(request)), body);
  }

  /** An operation on every resource {@code resources} names. */
  static Operation onEach(Function<OperationRequest, List<String>> resources, Invocation body) {
    return new Operation() {
      @Override
      public List<String> resources(OperationRequest request) {
        return resources.apply(request);
      }

      @Override
      public Object invoke(OperationRequest request) throws Exception {
        return body.invoke(request);
      }
    };
  }
}
