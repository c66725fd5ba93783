package io.commitd.iam.policy;

import java.util.List;

/**
 * The policies that bear on one request.
 *
 * @param identity the principal's identity policies (inline and attached, its groups', its role's)
 * @param resource the resource's policy (a role's trust policy for {@code sts:AssumeRole}), or null
 * @param boundary the principal's permissions boundary, or null
 * @param session the session policies of temporary credentials; empty when there are none
 */
public record PolicySet(List<PolicyDocument> identity, PolicyDocument resource, PolicyDocument boundary, List<PolicyDocument> session) {
  public PolicySet {
    identity = List.copyOf(identity);
    session = List.copyOf(session);
  }

  public static PolicySet ofIdentity(PolicyDocument... documents) {
    return new PolicySet(List.of(documents), null, null, List.of());
  }

  public PolicySet withResource(PolicyDocument document) {
    return new PolicySet(identity, document, boundary, session);
  }

  public PolicySet withBoundary(PolicyDocument document) {
    return new PolicySet(identity, resource, document, session);
  }

  public PolicySet withSession(List<PolicyDocument> documents) {
    return new PolicySet(identity, resource, boundary, documents);
  }
}
