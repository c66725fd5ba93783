package io.commitd.server.codecommit;

import io.commitd.iam.auth.RefUpdateAuthorization;
import io.commitd.server.api.ApiOperation;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.eclipse.jgit.lib.Constants;

/**
 * One CodeCommit operation: the front door authorizes {@code codecommit:<name>} on every resource
 * {@link #resources} names before {@link #invoke} runs. Its output is a record, map or Jackson
 * node, or null for {@code {}}.
 */
public interface Operation extends ApiOperation<OperationRequest> {

  /** The body of an operation. */
  @FunctionalInterface
  interface Invocation {
    Object invoke(OperationRequest request) throws Exception;
  }

  /** An operation on the one resource {@code resource} names. */
  static Operation on(Function<OperationRequest, String> resource, Invocation body) {
    return onEach(request -> List.of(resource.apply(request)), body);
  }

  /**
   * An operation that moves the branch named by its {@code branchName} member, on the one resource
   * {@code resource} names: the branch's ref is the value of {@code codecommit:References}, so a
   * policy on references judges it as it judges a push.
   */
  static Operation movingBranch(Function<OperationRequest, String> resource, Invocation body) {
    return new Operation() {
      @Override
      public List<String> resources(OperationRequest request) {
        return List.of(resource.apply(request));
      }

      @Override
      public Map<String, List<String>> conditionKeys(OperationRequest request) {
        String branch = request.input().string("branchName");
        return branch == null ? Map.of() : Map.of(RefUpdateAuthorization.REFERENCES_KEY, List.of(Constants.R_HEADS + branch));
      }

      @Override
      public Object invoke(OperationRequest request) throws Exception {
        return body.invoke(request);
      }
    };
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
