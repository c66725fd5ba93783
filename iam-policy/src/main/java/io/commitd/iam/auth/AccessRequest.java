package io.commitd.iam.auth;

import io.commitd.iam.policy.PolicyDocument;
import java.util.List;
import java.util.Map;

/**
 * One question for {@link AccessControl}: may this caller, in this request, perform this action
 * on this resource? The request's global condition keys come from {@code caller} and {@code facts};
 * {@code operationKeys} adds what the operation knows ({@code codecommit:References},
 * {@code sts:ExternalId}, …).
 *
 * @param resource the resource's ARN, or {@code *} for account-level actions
 * @param resourcePolicy a policy attached to the resource that must itself allow the request (a
 *     role's trust policy), or null
 */
public record AccessRequest(
    Caller caller,
    RequestFacts facts,
    Action action,
    String resource,
    Map<String, List<String>> operationKeys,
    PolicyDocument resourcePolicy) {

  public AccessRequest {
    operationKeys = Map.copyOf(operationKeys);
  }

  public static AccessRequest of(Caller caller, RequestFacts facts, Action action, String resource) {
    return new AccessRequest(caller, facts, action, resource, Map.of(), null);
  }

  public AccessRequest withKeys(Map<String, List<String>> keys) {
    return new AccessRequest(caller, facts, action, resource, keys, resourcePolicy);
  }

  public AccessRequest withResourcePolicy(PolicyDocument policy) {
    return new AccessRequest(caller, facts, action, resource, operationKeys, policy);
  }
}
