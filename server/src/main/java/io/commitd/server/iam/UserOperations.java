package io.commitd.server.iam;

import io.commitd.iam.auth.PrincipalType;
import io.commitd.iam.identity.Entities;
import io.commitd.iam.identity.Entities.Group;
import io.commitd.iam.identity.Entities.User;
import io.commitd.iam.identity.IdentityStore;
import io.commitd.server.query.QueryOperation;
import io.commitd.server.api.OperationRegistry;
import io.commitd.server.query.QueryRequest;
import io.commitd.server.query.XmlNode;
import java.util.List;

/** IAM users and groups: create, read, list, delete, membership, tags, permissions boundaries. */
final class UserOperations {
  private final IamContext iam;
  private final IdentityStore identities;

  UserOperations(IamContext iam) {
    this.iam = iam;
    this.identities = iam.identities();
  }

  void register(OperationRegistry<QueryRequest> registry) {
    registry
        .add("CreateUser", QueryOperation.on(r -> iam.userArn(r, r.required("UserName")), this::createUser))
        .add("GetUser", QueryOperation.on(iam::userArnOrSelf, this::getUser))
        .add("ListUsers", QueryOperation.on(r -> IamContext.all(r, "user"), this::listUsers))
        .add("DeleteUser", QueryOperation.on(r -> iam.userArn(r, r.required("UserName")), this::deleteUser))
        .add("TagUser", QueryOperation.on(r -> iam.userArn(r, r.required("UserName")), this::tagUser))
        .add("UntagUser", QueryOperation.on(r -> iam.userArn(r, r.required("UserName")), this::untagUser))
        .add("ListUserTags", QueryOperation.on(r -> iam.userArn(r, r.required("UserName")), this::listUserTags))
        .add("PutUserPermissionsBoundary", QueryOperation.on(r -> iam.userArn(r, r.required("UserName")), this::putBoundary))
        .add("DeleteUserPermissionsBoundary", QueryOperation.on(r -> iam.userArn(r, r.required("UserName")), this::deleteBoundary))
        .add("CreateGroup", QueryOperation.on(r -> iam.groupArn(r, r.required("GroupName")), this::createGroup))
        .add("GetGroup", QueryOperation.on(r -> iam.groupArn(r, r.required("GroupName")), this::getGroup))
        .add("ListGroups", QueryOperation.on(r -> IamContext.all(r, "group"), this::listGroups))
        .add("ListGroupsForUser", QueryOperation.on(r -> iam.userArn(r, r.required("UserName")), this::listGroupsForUser))
        .add("AddUserToGroup", QueryOperation.on(r -> iam.groupArn(r, r.required("GroupName")), this::addUserToGroup))
        .add("RemoveUserFromGroup", QueryOperation.on(r -> iam.groupArn(r, r.required("GroupName")), this::removeUserFromGroup));
  }

  private XmlNode createUser(QueryRequest request) {
    String name = IamNames.name(request.required("UserName"), "userName", 64);
    String path = IamNames.path(request.optional("Path"));
    var tags = IamNames.tags(request.tags("Tags"));
    String boundary = request.optional("PermissionsBoundary");
    if (boundary != null) {
      identities.findPolicy(boundary).orElseThrow(() -> IamNames.noSuchPolicy(boundary));
    }
    User user = identities.createUser(request.accountId(), name, path, request.now());
    identities.tag(Entities.USER, user.userId(), tags);
    if (boundary != null) {
      identities.setUserBoundary(user.userId(), boundary);
      user = identities.findUserById(user.userId()).orElseThrow();
    }
    return XmlNode.node().add("User", IamXml.user(user, tags));
  }

  private XmlNode getUser(QueryRequest request) {
    if (request.optional("UserName") == null && request.caller().type() == PrincipalType.ROOT) {
      return XmlNode.node().add("User", XmlNode.node().add("UserId", request.accountId()).add("Arn", request.caller().principalArn())
          .add("CreateDate", java.time.Instant.EPOCH));
    }
    User user = iam.userOrSelf(request);
    return XmlNode.node().add("User", IamXml.user(user, identities.tags(Entities.USER, user.userId())));
  }

  private XmlNode listUsers(QueryRequest request) {
    List<XmlNode> users = identities.listUsers(request.accountId(), request.optional("PathPrefix")).stream()
        .map(u -> IamXml.user(u, java.util.Map.of())).toList();
    return IamXml.listing("Users", users);
  }

  private XmlNode deleteUser(QueryRequest request) {
    identities.deleteUser(request.accountId(), request.required("UserName"));
    return null;
  }

  private XmlNode tagUser(QueryRequest request) {
    User user = identities.requireUser(request.accountId(), request.required("UserName"));
    identities.tag(Entities.USER, user.userId(), IamNames.tags(request.tags("Tags")));
    return null;
  }

  private XmlNode untagUser(QueryRequest request) {
    User user = identities.requireUser(request.accountId(), request.required("UserName"));
    identities.untag(Entities.USER, user.userId(), request.list("TagKeys"));
    return null;
  }

  private XmlNode listUserTags(QueryRequest request) {
    User user = identities.requireUser(request.accountId(), request.required("UserName"));
    return IamXml.listing("Tags", IamXml.tags(identities.tags(Entities.USER, user.userId())));
  }

  private XmlNode putBoundary(QueryRequest request) {
    User user = identities.requireUser(request.accountId(), request.required("UserName"));
    String arn = request.required("PermissionsBoundary");
    identities.findPolicy(arn).orElseThrow(() -> IamNames.noSuchPolicy(arn));
    identities.setUserBoundary(user.userId(), arn);
    return null;
  }

  private XmlNode deleteBoundary(QueryRequest request) {
    User user = identities.requireUser(request.accountId(), request.required("UserName"));
    identities.setUserBoundary(user.userId(), null);
    return null;
  }

  private XmlNode createGroup(QueryRequest request) {
    String name = IamNames.name(request.required("GroupName"), "groupName", 128);
    Group group = identities.createGroup(request.accountId(), name, IamNames.path(request.optional("Path")), request.now());
    return XmlNode.node().add("Group", IamXml.group(group));
  }

  private XmlNode getGroup(QueryRequest request) {
    Group group = identities.requireGroup(request.accountId(), request.required("GroupName"));
    List<XmlNode> members = identities.listUsers(request.accountId(), null).stream()
        .filter(u -> identities.groupsOf(u.userId()).stream().anyMatch(g -> g.groupId().equals(group.groupId())))
        .map(u -> IamXml.user(u, java.util.Map.of())).toList();
    return XmlNode.node().add("Group", IamXml.group(group)).addList("Users", members).add("IsTruncated", false);
  }

  private XmlNode listGroups(QueryRequest request) {
    return IamXml.listing("Groups", identities.listGroups(request.accountId()).stream().map(IamXml::group).toList());
  }

  private XmlNode listGroupsForUser(QueryRequest request) {
    User user = identities.requireUser(request.accountId(), request.required("UserName"));
    return IamXml.listing("Groups", identities.groupsOf(user.userId()).stream().map(IamXml::group).toList());
  }

  private XmlNode addUserToGroup(QueryRequest request) {
    Group group = identities.requireGroup(request.accountId(), request.required("GroupName"));
    User user = identities.requireUser(request.accountId(), request.required("UserName"));
    identities.addUserToGroup(group.groupId(), user.userId());
    return null;
  }

  private XmlNode removeUserFromGroup(QueryRequest request) {
    Group group = identities.requireGroup(request.accountId(), request.required("GroupName"));
    User user = identities.requireUser(request.accountId(), request.required("UserName"));
    identities.removeUserFromGroup(group.groupId(), user.userId());
    return null;
  }
}
