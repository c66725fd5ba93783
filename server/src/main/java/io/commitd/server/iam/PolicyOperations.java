package io.commitd.server.iam;

import io.commitd.iam.auth.Caller;
import io.commitd.iam.auth.AccessControl;
import io.commitd.iam.auth.PrincipalType;
import io.commitd.iam.identity.AwsManagedPolicies;
import io.commitd.iam.identity.Entities;
import io.commitd.iam.identity.Entities.ManagedPolicy;
import io.commitd.iam.identity.Entities.PolicyVersion;
import io.commitd.iam.identity.Entities.Role;
import io.commitd.iam.identity.Entities.User;
import io.commitd.iam.identity.IamErrors;
import io.commitd.iam.identity.IdentityStore;
import io.commitd.iam.policy.Decision;
import io.commitd.server.query.QueryOperation;
import io.commitd.storage.aws.Arn;
import io.commitd.server.api.OperationRegistry;
import io.commitd.server.query.QueryRequest;
import io.commitd.server.query.XmlNode;
import io.commitd.iam.policy.PolicyValidator;
import io.commitd.server.accessanalyzer.PolicyValidation;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Roles, managed policies and their versions, attachments, inline policies, and the policy
 * simulator.
 */
final class PolicyOperations {
  private static final Logger LOG = LoggerFactory.getLogger(PolicyOperations.class);
  private static final PolicyValidator VALIDATOR = PolicyValidator.standard();
  private static final int DEFAULT_MAX_SESSION = 3600;

  private final IamContext iam;
  private final IdentityStore identities;
  private final AccessControl access;

  PolicyOperations(IamContext iam, AccessControl access) {
    this.iam = iam;
    this.identities = iam.identities();
    this.access = access;
  }

  void register(OperationRegistry<QueryRequest> registry) {
    registry
        .add("CreateRole", QueryOperation.on(r -> iam.roleArn(r, r.required("RoleName")), this::createRole))
        .add("GetRole", QueryOperation.on(r -> iam.roleArn(r, r.required("RoleName")), this::getRole))
        .add("ListRoles", QueryOperation.on(r -> IamContext.all(r, "role"), this::listRoles))
        .add("DeleteRole", QueryOperation.on(r -> iam.roleArn(r, r.required("RoleName")), this::deleteRole))
        .add("TagRole", QueryOperation.on(r -> iam.roleArn(r, r.required("RoleName")), this::tagRole))
        .add("UntagRole", QueryOperation.on(r -> iam.roleArn(r, r.required("RoleName")), this::untagRole))
        .add("PutRolePermissionsBoundary", QueryOperation.on(r -> iam.roleArn(r, r.required("RoleName")), this::putRoleBoundary))
        .add("CreatePolicy", QueryOperation.on(r -> Arn.policy(r.accountId(), r.optional("Path"), r.required("PolicyName")).toString(), this::createPolicy))
        .add("GetPolicy", QueryOperation.on(r -> r.required("PolicyArn"), this::getPolicy))
        .add("ListPolicies", QueryOperation.on(r -> IamContext.all(r, "policy"), this::listPolicies))
        .add("DeletePolicy", QueryOperation.on(r -> r.required("PolicyArn"), this::deletePolicy))
        .add("CreatePolicyVersion", QueryOperation.on(r -> r.required("PolicyArn"), this::createPolicyVersion))
        .add("GetPolicyVersion", QueryOperation.on(r -> r.required("PolicyArn"), this::getPolicyVersion))
        .add("ListPolicyVersions", QueryOperation.on(r -> r.required("PolicyArn"), this::listPolicyVersions))
        .add("SimulatePrincipalPolicy", QueryOperation.on(r -> r.required("PolicySourceArn"), this::simulate));
    for (String kind : List.of(Entities.USER, Entities.GROUP, Entities.ROLE)) {
      String noun = capitalized(kind);
      registry
          .add("Attach" + noun + "Policy", QueryOperation.on(r -> iam.entityArn(r, kind), r -> attach(r, kind)))
          .add("Detach" + noun + "Policy", QueryOperation.on(r -> iam.entityArn(r, kind), r -> detach(r, kind)))
          .add("ListAttached" + noun + "Policies", QueryOperation.on(r -> iam.entityArn(r, kind), r -> listAttached(r, kind)))
          .add("Put" + noun + "Policy", QueryOperation.on(r -> iam.entityArn(r, kind), r -> putInline(r, kind)))
          .add("Get" + noun + "Policy", QueryOperation.on(r -> iam.entityArn(r, kind), r -> getInline(r, kind)))
          .add("Delete" + noun + "Policy", QueryOperation.on(r -> iam.entityArn(r, kind), r -> deleteInline(r, kind)))
          .add("List" + noun + "Policies", QueryOperation.on(r -> iam.entityArn(r, kind), r -> listInline(r, kind)));
    }
  }

  /**
   * Logs what Access Analyzer's ValidatePolicy would find in a policy being put or attached: the
   * policy is stored all the same, as IAM does, but an operator sees why it may not do what its
   * author meant.
   */
  private static void warnAbout(String document, String what) {
    for (String finding : PolicyValidation.describe(VALIDATOR.validate(document, PolicyValidator.PolicyType.IDENTITY_POLICY))) {
      LOG.warn("{}: {}", what, finding);
    }
  }

  private static String capitalized(String kind) {
    return Character.toUpperCase(kind.charAt(0)) + kind.substring(1);
  }


  /** The id of the user, group or role a request names. */
  private String entityId(QueryRequest request, String kind) {
    String name = request.required(capitalized(kind) + "Name");
    return switch (kind) {
      case Entities.USER -> identities.requireUser(request.accountId(), name).userId();
      case Entities.GROUP -> identities.requireGroup(request.accountId(), name).groupId();
      default -> identities.requireRole(request.accountId(), name).roleId();
    };
  }

  private XmlNode createRole(QueryRequest request) {
    String name = IamNames.name(request.required("RoleName"), "roleName", 64);
    String trust = IamNames.trustPolicy(request.required("AssumeRolePolicyDocument"));
    Integer maxSession = request.integer("MaxSessionDuration");
    if (maxSession != null && (maxSession < 3600 || maxSession > 43_200)) {
      throw IamErrors.validation("1 validation error detected: Value '" + maxSession
          + "' at 'maxSessionDuration' failed to satisfy constraint: Member must have value between 3600 and 43200");
    }
    var tags = IamNames.tags(request.tags("Tags"));
    Role role = identities.createRole(request.accountId(), name, IamNames.path(request.optional("Path")), trust,
        request.optional("Description"), maxSession == null ? DEFAULT_MAX_SESSION : maxSession, request.now());
    identities.tag(Entities.ROLE, role.roleId(), tags);
    String boundary = request.optional("PermissionsBoundary");
    if (boundary != null) {
      identities.findPolicy(boundary).orElseThrow(() -> IamNames.noSuchPolicy(boundary));
      identities.setRoleBoundary(role.roleId(), boundary);
      role = identities.findRoleById(role.roleId()).orElseThrow();
    }
    return XmlNode.node().add("Role", IamXml.role(role, tags));
  }

  private XmlNode getRole(QueryRequest request) {
    Role role = identities.requireRole(request.accountId(), request.required("RoleName"));
    return XmlNode.node().add("Role", IamXml.role(role, identities.tags(Entities.ROLE, role.roleId())));
  }

  private XmlNode listRoles(QueryRequest request) {
    return IamXml.listing("Roles", identities.listRoles(request.accountId()).stream().map(r -> IamXml.role(r, Map.of())).toList());
  }

  private XmlNode deleteRole(QueryRequest request) {
    identities.deleteRole(identities.requireRole(request.accountId(), request.required("RoleName")));
    return null;
  }

  private XmlNode tagRole(QueryRequest request) {
    Role role = identities.requireRole(request.accountId(), request.required("RoleName"));
    identities.tag(Entities.ROLE, role.roleId(), IamNames.tags(request.tags("Tags")));
    return null;
  }

  private XmlNode untagRole(QueryRequest request) {
    Role role = identities.requireRole(request.accountId(), request.required("RoleName"));
    identities.untag(Entities.ROLE, role.roleId(), request.list("TagKeys"));
    return null;
  }

  private XmlNode putRoleBoundary(QueryRequest request) {
    Role role = identities.requireRole(request.accountId(), request.required("RoleName"));
    String arn = request.required("PermissionsBoundary");
    identities.findPolicy(arn).orElseThrow(() -> IamNames.noSuchPolicy(arn));
    identities.setRoleBoundary(role.roleId(), arn);
    return null;
  }

  private XmlNode createPolicy(QueryRequest request) {
    String name = IamNames.name(request.required("PolicyName"), "policyName", 128);
    String document = IamNames.permissionsPolicy(request.required("PolicyDocument"));
    ManagedPolicy policy = identities.createPolicy(request.accountId(), name, IamNames.path(request.optional("Path")),
        request.optional("Description"), document, request.now());
    warnAbout(document, "policy " + policy.arn());
    return XmlNode.node().add("Policy", IamXml.policy(policy, 0));
  }

  private ManagedPolicy requirePolicy(QueryRequest request) {
    String arn = request.required("PolicyArn");
    return identities.findPolicy(arn).orElseThrow(() -> AwsManagedPolicies.isAwsManaged(arn)
        ? IamErrors.noSuchEntity("Policy " + arn + " does not exist or is not attachable.")
        : IamErrors.noSuchEntity("Policy " + arn + " was not found."));
  }

  /** A policy the caller's account may change: AWS managed policies are AWS's alone. */
  private ManagedPolicy requireOwnPolicy(QueryRequest request) {
    ManagedPolicy policy = requirePolicy(request);
    if (!policy.accountId().equals(request.accountId())) {
      throw IamErrors.accessDenied("Policy " + policy.arn() + " is outside your own account.");
    }
    return policy;
  }

  private XmlNode getPolicy(QueryRequest request) {
    ManagedPolicy policy = requirePolicy(request);
    return XmlNode.node().add("Policy", IamXml.policy(policy, attachmentsIn(request.accountId(), policy)));
  }

  /** {@code Scope}: {@code All} (the default), {@code AWS} (AWS managed) or {@code Local} (the account's own). */
  private XmlNode listPolicies(QueryRequest request) {
    String scope = request.optional("Scope") == null ? "All" : request.optional("Scope");
    List<ManagedPolicy> policies = new ArrayList<>();
    switch (scope) {
      case "All" -> {
        policies.addAll(identities.listPolicies(AwsManagedPolicies.OWNER));
        policies.addAll(identities.listPolicies(request.accountId()));
      }
      case "AWS" -> policies.addAll(identities.listPolicies(AwsManagedPolicies.OWNER));
      case "Local" -> policies.addAll(identities.listPolicies(request.accountId()));
      default -> throw IamErrors.validation("1 validation error detected: Value '" + scope
          + "' at 'scope' failed to satisfy constraint: Member must satisfy enum value set: [All, AWS, Local]");
    }
    boolean onlyAttached = request.bool("OnlyAttached");
    String pathPrefix = request.optional("PathPrefix");
    return IamXml.listing("Policies", policies.stream()
        .filter(p -> pathPrefix == null || p.path().startsWith(pathPrefix))
        .map(p -> Map.entry(p, attachmentsIn(request.accountId(), p)))
        .filter(e -> !onlyAttached || e.getValue() > 0)
        .map(e -> IamXml.policy(e.getKey(), e.getValue())).toList());
  }

  /** How often the policy is attached: for an AWS managed policy, within the caller's account only. */
  private int attachmentsIn(String accountId, ManagedPolicy policy) {
    return policy.accountId().equals(AwsManagedPolicies.OWNER)
        ? identities.attachmentCount(policy.arn(), accountId)
        : identities.attachmentCount(policy.arn());
  }

  private XmlNode deletePolicy(QueryRequest request) {
    identities.deletePolicy(requireOwnPolicy(request));
    return null;
  }

  private XmlNode createPolicyVersion(QueryRequest request) {
    ManagedPolicy policy = requireOwnPolicy(request);
    String document = IamNames.permissionsPolicy(request.required("PolicyDocument"));
    PolicyVersion version = identities.createPolicyVersion(policy, document, request.bool("SetAsDefault"), request.now());
    warnAbout(document, "policy " + policy.arn() + " version " + version.versionId());
    return XmlNode.node().add("PolicyVersion", XmlNode.node().add("VersionId", version.versionId())
        .add("IsDefaultVersion", version.isDefault()).add("CreateDate", version.createdAt()));
  }

  private XmlNode getPolicyVersion(QueryRequest request) {
    ManagedPolicy policy = requirePolicy(request);
    String versionId = request.required("VersionId");
    PolicyVersion version = identities.findPolicyVersion(policy, versionId)
        .orElseThrow(() -> IamErrors.noSuchEntity("Policy " + policy.arn() + " version " + versionId + " does not exist or is not attachable."));
    return XmlNode.node().add("PolicyVersion", versionNode(version).add("Document", IamXml.urlEncoded(version.document())));
  }

  private XmlNode listPolicyVersions(QueryRequest request) {
    ManagedPolicy policy = requirePolicy(request);
    return IamXml.listing("Versions", identities.listPolicyVersions(policy).stream().map(PolicyOperations::versionNode).toList());
  }

  private static XmlNode versionNode(PolicyVersion version) {
    return XmlNode.node().add("VersionId", version.versionId()).add("IsDefaultVersion", version.isDefault())
        .add("CreateDate", version.createdAt());
  }

  private XmlNode attach(QueryRequest request, String kind) {
    String id = entityId(request, kind);
    String arn = request.required("PolicyArn");
    identities.findPolicy(arn)
        .filter(p -> p.accountId().equals(request.accountId()) || p.accountId().equals(AwsManagedPolicies.OWNER))
        .orElseThrow(() -> IamNames.noSuchPolicy(arn));
    identities.attach(kind, id, arn);
    String attached = identities.defaultDocument(arn);
    if (attached != null && !arn.startsWith("arn:aws:iam::aws:")) {
      warnAbout(attached, "policy " + arn + " attached to " + kind + " " + request.required(capitalized(kind) + "Name"));
    }
    return null;
  }

  private XmlNode detach(QueryRequest request, String kind) {
    identities.detach(kind, entityId(request, kind), request.required("PolicyArn"));
    return null;
  }

  private XmlNode listAttached(QueryRequest request, String kind) {
    return IamXml.listing("AttachedPolicies", identities.attachedPolicies(kind, entityId(request, kind)).stream().map(IamXml::attached).toList());
  }

  private XmlNode putInline(QueryRequest request, String kind) {
    String id = entityId(request, kind);
    String name = IamNames.name(request.required("PolicyName"), "policyName", 128);
    String document = IamNames.permissionsPolicy(request.required("PolicyDocument"));
    identities.putInlinePolicy(kind, id, name, document);
    warnAbout(document, kind + " " + request.required(capitalized(kind) + "Name") + " inline policy " + name);
    return null;
  }

  private XmlNode getInline(QueryRequest request, String kind) {
    String id = entityId(request, kind);
    String name = request.required("PolicyName");
    String document = identities.inlinePolicy(kind, id, name)
        .orElseThrow(() -> IamErrors.noSuchEntity("The " + kind + " policy with name " + name + " cannot be found."));
    return XmlNode.node().add(capitalized(kind) + "Name", request.required(capitalized(kind) + "Name")).add("PolicyName", name)
        .add("PolicyDocument", IamXml.urlEncoded(document));
  }

  private XmlNode deleteInline(QueryRequest request, String kind) {
    identities.deleteInlinePolicy(kind, entityId(request, kind), request.required("PolicyName"));
    return null;
  }

  private XmlNode listInline(QueryRequest request, String kind) {
    List<String> names = new ArrayList<>(identities.inlinePolicies(kind, entityId(request, kind)).keySet());
    return XmlNode.node().addList("PolicyNames", names).add("IsTruncated", false);
  }

  /** Evaluates the source principal's policies for each action and resource, as IAM's simulator does. */
  private XmlNode simulate(QueryRequest request) {
    String source = request.required("PolicySourceArn");
    Caller subject = subjectOf(request, source);
    List<String> actions = request.list("ActionNames");
    if (actions.isEmpty()) {
      throw IamErrors.validation("1 validation error detected: Value null at 'actionNames' failed to satisfy constraint: Member must not be null");
    }
    List<String> resources = request.list("ResourceArns");
    if (resources.isEmpty()) {
      resources = List.of("*");
    }
    Map<String, List<String>> context = new LinkedHashMap<>();
    for (Map<String, String> entry : request.structures("ContextEntries")) {
      List<String> values = new ArrayList<>();
      for (int i = 1; entry.containsKey("ContextKeyValues.member." + i); i++) {
        values.add(entry.get("ContextKeyValues.member." + i));
      }
      context.put(entry.get("ContextKeyName"), values);
    }
    List<XmlNode> results = new ArrayList<>();
    for (String action : actions) {
      for (String resource : resources) {
        Decision decision = access.simulate(subject, action, resource, context);
        String verdict = switch (decision.effect()) {
          case ALLOW -> "allowed";
          case EXPLICIT_DENY -> "explicitDeny";
          case IMPLICIT_DENY -> "implicitDeny";
        };
        results.add(XmlNode.node().add("EvalActionName", action).add("EvalResourceName", resource).add("EvalDecision", verdict));
      }
    }
    return IamXml.listing("EvaluationResults", results);
  }

  private Caller subjectOf(QueryRequest request, String arn) {
    Arn parsed = Arn.parse(arn).orElse(null);
    if (parsed != null && parsed.service().equals("iam") && parsed.accountId().equals(request.accountId())
        && parsed.resourceType().equals("user")) {
      User user = identities.requireUser(request.accountId(), parsed.resourceName());
      return new Caller(request.accountId(), user.arn(), user.userId(), user.userName(), PrincipalType.USER, null, null, null);
    }
    throw IamErrors.invalidInput("Invalid Entity Arn: " + arn + " does not clearly define entity type and name.");
  }
}
