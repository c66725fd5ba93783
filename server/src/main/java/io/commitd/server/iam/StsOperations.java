package io.commitd.server.iam;

import io.commitd.iam.sts.IssuedCredentials;
import io.commitd.iam.sts.SecurityTokenService;
import io.commitd.server.query.QueryOperation;
import io.commitd.server.api.OperationRegistry;
import io.commitd.server.query.QueryRequest;
import io.commitd.server.query.XmlNode;

/** STS: who am I, assume a role, get a session token. */
public final class StsOperations {
  private final SecurityTokenService sts;

  public StsOperations(SecurityTokenService sts) {
    this.sts = sts;
  }

  public void register(OperationRegistry<QueryRequest> registry) {
    // These decide access themselves: anyone may ask who they are, a trust policy decides AssumeRole.
    registry
        .add("GetCallerIdentity", QueryOperation.on(r -> null, this::getCallerIdentity))
        .add("AssumeRole", QueryOperation.on(r -> null, this::assumeRole))
        .add("GetSessionToken", QueryOperation.on(r -> null, this::getSessionToken));
  }

  private XmlNode getCallerIdentity(QueryRequest request) {
    return XmlNode.node().add("UserId", request.caller().userId()).add("Account", request.accountId())
        .add("Arn", request.caller().principalArn());
  }

  private XmlNode assumeRole(QueryRequest request) {
    IssuedCredentials issued = sts.assumeRole(request.caller(), request.call().facts(),
        new SecurityTokenService.AssumeRoleRequest(request.required("RoleArn"), request.required("RoleSessionName"),
            request.optional("ExternalId"), request.optional("Policy"), request.integer("DurationSeconds"),
            request.tags("Tags"), request.optional("SerialNumber"), request.optional("TokenCode")),
        request.now());
    return XmlNode.node().add("Credentials", credentials(issued))
        .add("AssumedRoleUser", XmlNode.node().add("AssumedRoleId", issued.assumedRoleId()).add("Arn", issued.arn()));
  }

  private XmlNode getSessionToken(QueryRequest request) {
    IssuedCredentials issued = sts.getSessionToken(request.caller(), request.integer("DurationSeconds"),
        request.optional("SerialNumber"), request.optional("TokenCode"), request.now());
    return XmlNode.node().add("Credentials", credentials(issued));
  }

  private static XmlNode credentials(IssuedCredentials issued) {
    return XmlNode.node().add("AccessKeyId", issued.accessKeyId()).add("SecretAccessKey", issued.secretAccessKey())
        .add("SessionToken", issued.sessionToken()).add("Expiration", issued.expiration());
  }
}
