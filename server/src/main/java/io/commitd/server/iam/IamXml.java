package io.commitd.server.iam;

import io.commitd.iam.identity.Entities.Group;
import io.commitd.iam.identity.Entities.ManagedPolicy;
import io.commitd.iam.identity.Entities.Role;
import io.commitd.iam.identity.Entities.User;
import io.commitd.server.query.XmlNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/** IAM's shapes as XML elements, member names exactly as in botocore's IAM model. */
final class IamXml {
  private IamXml() {}

  static XmlNode user(User user, Map<String, String> tags) {
    XmlNode node = XmlNode.node()
        .add("Path", user.path()).add("UserName", user.userName()).add("UserId", user.userId())
        .add("Arn", user.arn()).add("CreateDate", user.createdAt());
    if (user.boundaryArn() != null) {
      node.add("PermissionsBoundary", boundary(user.boundaryArn()));
    }
    return tags.isEmpty() ? node : node.addList("Tags", tags(tags));
  }

  static XmlNode group(Group group) {
    return XmlNode.node().add("Path", group.path()).add("GroupName", group.groupName()).add("GroupId", group.groupId())
        .add("Arn", group.arn()).add("CreateDate", group.createdAt());
  }

  static XmlNode role(Role role, Map<String, String> tags) {
    XmlNode node = XmlNode.node()
        .add("Path", role.path()).add("RoleName", role.roleName()).add("RoleId", role.roleId()).add("Arn", role.arn())
        .add("CreateDate", role.createdAt()).add("AssumeRolePolicyDocument", urlEncoded(role.trustPolicy()))
        .add("Description", role.description()).add("MaxSessionDuration", role.maxSessionDuration());
    if (role.boundaryArn() != null) {
      node.add("PermissionsBoundary", boundary(role.boundaryArn()));
    }
    return tags.isEmpty() ? node : node.addList("Tags", tags(tags));
  }

  static XmlNode policy(ManagedPolicy policy, int attachments) {
    return XmlNode.node()
        .add("PolicyName", policy.policyName()).add("PolicyId", policy.policyId()).add("Arn", policy.arn())
        .add("Path", policy.path()).add("DefaultVersionId", policy.defaultVersion()).add("AttachmentCount", attachments)
        .add("PermissionsBoundaryUsageCount", 0).add("IsAttachable", true).add("Description", policy.description())
        .add("CreateDate", policy.createdAt()).add("UpdateDate", policy.updatedAt());
  }

  static XmlNode attached(ManagedPolicy policy) {
    return XmlNode.node().add("PolicyName", policy.policyName()).add("PolicyArn", policy.arn());
  }

  static List<XmlNode> tags(Map<String, String> tags) {
    return tags.entrySet().stream().map(t -> XmlNode.node().add("Key", t.getKey()).add("Value", t.getValue())).toList();
  }

  private static XmlNode boundary(String arn) {
    return XmlNode.node().add("PermissionsBoundaryType", "Policy").add("PermissionsBoundaryArn", arn);
  }

  /** IAM returns policy documents URL-encoded (RFC 3986); botocore decodes them. */
  static String urlEncoded(String document) {
    return URLEncoder.encode(document, StandardCharsets.UTF_8).replace("+", "%20");
  }

  /** A list answer: the members and {@code IsTruncated} false (commitd answers in one page). */
  static XmlNode listing(String name, List<XmlNode> members) {
    return XmlNode.node().addList(name, members).add("IsTruncated", false);
  }
}
