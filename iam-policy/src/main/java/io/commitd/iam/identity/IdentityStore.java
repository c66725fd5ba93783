package io.commitd.iam.identity;

import io.commitd.iam.identity.Entities.Group;
import io.commitd.iam.identity.Entities.ManagedPolicy;
import io.commitd.iam.identity.Entities.PolicyVersion;
import io.commitd.iam.identity.Entities.Role;
import io.commitd.iam.identity.Entities.User;
import io.commitd.storage.db.DatabaseException;
import io.commitd.storage.db.Sql;
import java.sql.ResultSet;
import java.sql.SQLException;
import io.commitd.storage.aws.Arn;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Users, groups, roles, managed and inline policies, attachments and tags of every account.
 * Errors are IAM's ({@code NoSuchEntity}, {@code EntityAlreadyExists}, {@code DeleteConflict}).
 */
public final class IdentityStore {
  private final Sql sql;

  public IdentityStore(Sql sql) {
    this.sql = sql;
  }

  // ---- users

  public User createUser(String accountId, String userName, String path, Instant now) {
    User user = new User(IdGenerator.newId("AIDA"), accountId, userName, path, now, null);
    insertUnique(() -> sql.update("INSERT INTO iam_users (user_id, account_id, user_name, path, created_at) VALUES (?, ?, ?, ?, ?)",
        user.userId(), accountId, userName, path, now.toEpochMilli()), "User with name " + userName + " already exists.");
    return user;
  }

  public Optional<User> findUser(String accountId, String userName) {
    return sql.queryOne("SELECT " + USER_COLUMNS + " FROM iam_users WHERE account_id = ? AND user_name = ?", IdentityStore::user, accountId, userName);
  }

  public Optional<User> findUserById(String userId) {
    return sql.queryOne("SELECT " + USER_COLUMNS + " FROM iam_users WHERE user_id = ?", IdentityStore::user, userId);
  }

  /** Users of this name in any account: SSH users may log in by IAM user name. */
  public List<User> usersNamed(String userName) {
    return sql.query("SELECT " + USER_COLUMNS + " FROM iam_users WHERE user_name = ?", IdentityStore::user, userName);
  }

  public User requireUser(String accountId, String userName) {
    return findUser(accountId, userName)
        .orElseThrow(() -> IamErrors.noSuchEntity("The user with name " + userName + " cannot be found."));
  }

  public List<User> listUsers(String accountId, String pathPrefix) {
    return sql.query("SELECT " + USER_COLUMNS + " FROM iam_users WHERE account_id = ? ORDER BY user_name", IdentityStore::user, accountId)
        .stream().filter(u -> pathPrefix == null || u.path().startsWith(pathPrefix)).toList();
  }

  /** Deletes a user that has nothing attached, as IAM requires. */
  public void deleteUser(String accountId, String userName) {
    User user = requireUser(accountId, userName);
    String id = user.userId();
    for (String table : List.of("iam_access_keys", "iam_ssh_keys", "iam_service_credentials", "iam_group_members", "iam_mfa_devices",
        "iam_login_profiles")) {
      if (count("SELECT COUNT(*) FROM " + table + " WHERE user_id = ?", id) > 0) {
        throw IamErrors.deleteConflict("Cannot delete entity, must remove " + dependentName(table) + " first.");
      }
    }
    if (count("SELECT COUNT(*) FROM iam_attachments WHERE principal_kind = 'user' AND principal_id = ?", id) > 0) {
      throw IamErrors.deleteConflict("Cannot delete entity, must detach all policies first.");
    }
    if (count("SELECT COUNT(*) FROM iam_inline_policies WHERE principal_kind = 'user' AND principal_id = ?", id) > 0) {
      throw IamErrors.deleteConflict("Cannot delete entity, must delete policies first.");
    }
    sql.inWriteTransaction(c -> {
      Sql.update(c, "DELETE FROM iam_tags WHERE principal_kind = 'user' AND principal_id = ?", id);
      return Sql.update(c, "DELETE FROM iam_users WHERE user_id = ?", id);
    });
  }

  private static String dependentName(String table) {
    return switch (table) {
      case "iam_access_keys" -> "access keys";
      case "iam_ssh_keys" -> "SSH public keys";
      case "iam_service_credentials" -> "service-specific credentials";
      case "iam_group_members" -> "the user from all groups";
      case "iam_login_profiles" -> "login profile";
      default -> "MFA devices";
    };
  }

  public void setUserBoundary(String userId, String boundaryArn) {
    sql.update("UPDATE iam_users SET boundary_arn = ? WHERE user_id = ?", boundaryArn, userId);
  }

  // ---- groups

  public Group createGroup(String accountId, String groupName, String path, Instant now) {
    Group group = new Group(IdGenerator.newId("AGPA"), accountId, groupName, path, now);
    insertUnique(() -> sql.update("INSERT INTO iam_groups (group_id, account_id, group_name, path, created_at) VALUES (?, ?, ?, ?, ?)",
        group.groupId(), accountId, groupName, path, now.toEpochMilli()), "Group with name " + groupName + " already exists.");
    return group;
  }

  public Optional<Group> findGroup(String accountId, String groupName) {
    return sql.queryOne("SELECT group_id, account_id, group_name, path, created_at FROM iam_groups WHERE account_id = ? AND group_name = ?",
        IdentityStore::group, accountId, groupName);
  }

  public Group requireGroup(String accountId, String groupName) {
    return findGroup(accountId, groupName)
        .orElseThrow(() -> IamErrors.noSuchEntity("The group with name " + groupName + " cannot be found."));
  }

  public List<Group> listGroups(String accountId) {
    return sql.query("SELECT group_id, account_id, group_name, path, created_at FROM iam_groups WHERE account_id = ? ORDER BY group_name",
        IdentityStore::group, accountId);
  }

  public List<Group> groupsOf(String userId) {
    return sql.query("SELECT g.group_id, g.account_id, g.group_name, g.path, g.created_at FROM iam_groups g"
        + " JOIN iam_group_members m ON m.group_id = g.group_id WHERE m.user_id = ? ORDER BY g.group_name", IdentityStore::group, userId);
  }

  public void addUserToGroup(String groupId, String userId) {
    if (count("SELECT COUNT(*) FROM iam_group_members WHERE group_id = ? AND user_id = ?", groupId, userId) == 0) {
      sql.update("INSERT INTO iam_group_members (group_id, user_id) VALUES (?, ?)", groupId, userId);
    }
  }

  public void removeUserFromGroup(String groupId, String userId) {
    sql.update("DELETE FROM iam_group_members WHERE group_id = ? AND user_id = ?", groupId, userId);
  }

  // ---- roles

  public Role createRole(String accountId, String roleName, String path, String trustPolicy, String description, int maxSession, Instant now) {
    Role role = new Role(IdGenerator.newId("AROA"), accountId, roleName, path, trustPolicy, description, maxSession, now, null);
    insertUnique(() -> sql.update("INSERT INTO iam_roles (role_id, account_id, role_name, path, trust_policy, description, max_session, created_at)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?)", role.roleId(), accountId, roleName, path, trustPolicy, description, maxSession, now.toEpochMilli()),
        "Role with name " + roleName + " already exists.");
    return role;
  }

  public Optional<Role> findRole(String accountId, String roleName) {
    return sql.queryOne("SELECT " + ROLE_COLUMNS + " FROM iam_roles WHERE account_id = ? AND role_name = ?", IdentityStore::role, accountId, roleName);
  }

  public Optional<Role> findRoleById(String roleId) {
    return sql.queryOne("SELECT " + ROLE_COLUMNS + " FROM iam_roles WHERE role_id = ?", IdentityStore::role, roleId);
  }

  public Role requireRole(String accountId, String roleName) {
    return findRole(accountId, roleName)
        .orElseThrow(() -> IamErrors.noSuchEntity("The role with name " + roleName + " cannot be found."));
  }

  public List<Role> listRoles(String accountId) {
    return sql.query("SELECT " + ROLE_COLUMNS + " FROM iam_roles WHERE account_id = ? ORDER BY role_name", IdentityStore::role, accountId);
  }

  public void setRoleBoundary(String roleId, String boundaryArn) {
    sql.update("UPDATE iam_roles SET boundary_arn = ? WHERE role_id = ?", boundaryArn, roleId);
  }

  public void deleteRole(Role role) {
    if (count("SELECT COUNT(*) FROM iam_attachments WHERE principal_kind = 'role' AND principal_id = ?", role.roleId()) > 0) {
      throw IamErrors.deleteConflict("Cannot delete entity, must detach all policies first.");
    }
    if (count("SELECT COUNT(*) FROM iam_inline_policies WHERE principal_kind = 'role' AND principal_id = ?", role.roleId()) > 0) {
      throw IamErrors.deleteConflict("Cannot delete entity, must delete policies first.");
    }
    sql.inWriteTransaction(c -> {
      Sql.update(c, "DELETE FROM iam_tags WHERE principal_kind = 'role' AND principal_id = ?", role.roleId());
      return Sql.update(c, "DELETE FROM iam_roles WHERE role_id = ?", role.roleId());
    });
  }

  // ---- managed policies

  public ManagedPolicy createPolicy(String accountId, String name, String path, String description, String document, Instant now) {
    String arn = Arn.policy(accountId, path, name).toString();
    ManagedPolicy policy = new ManagedPolicy(arn, IdGenerator.newId("ANPA"), accountId, name, path, description, "v1", now, now);
    insertUnique(() -> sql.inWriteTransaction(c -> {
      Sql.update(c, "INSERT INTO iam_policies (policy_arn, policy_id, account_id, policy_name, path, description, default_version,"
          + " next_version, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, 'v1', 2, ?, ?)",
          arn, policy.policyId(), accountId, name, path, description, now.toEpochMilli(), now.toEpochMilli());
      return Sql.update(c, "INSERT INTO iam_policy_versions (policy_arn, version_id, document, created_at) VALUES (?, 'v1', ?, ?)",
          arn, document, now.toEpochMilli());
    }), "A policy called " + name + " already exists. Duplicate names are not allowed.");
    return policy;
  }

  /**
   * Makes an AWS managed policy exist under its AWS ARN, owned by the pseudo account {@code aws},
   * its one version {@code v1} holding {@code definition}'s document. Idempotent, and safe when
   * several servers start at once.
   */
  public void installAwsManagedPolicy(AwsManagedPolicies.Definition definition, Instant published) {
    String owner = AwsManagedPolicies.OWNER;
    try {
      sql.database().inTransaction(c -> {
        if (Sql.query(c, "SELECT COUNT(*) FROM accounts WHERE account_id = ?", r -> r.getLong(1), owner).get(0) == 0) {
          Sql.update(c, "INSERT INTO accounts (account_id, created_at) VALUES (?, ?)", owner, published.toEpochMilli());
        }
        if (Sql.query(c, "SELECT COUNT(*) FROM iam_policies WHERE policy_arn = ?", r -> r.getLong(1), definition.arn()).get(0) == 0) {
          Sql.update(c, "INSERT INTO iam_policies (policy_arn, policy_id, account_id, policy_name, path, description, default_version,"
              + " next_version, created_at, updated_at) VALUES (?, ?, ?, ?, '/', ?, 'v1', 2, ?, ?)",
              definition.arn(), IdGenerator.newId("ANPA"), owner, definition.name(), definition.description(),
              published.toEpochMilli(), published.toEpochMilli());
          return Sql.update(c, "INSERT INTO iam_policy_versions (policy_arn, version_id, document, created_at) VALUES (?, 'v1', ?, ?)",
              definition.arn(), definition.document(), published.toEpochMilli());
        }
        return Sql.update(c, "UPDATE iam_policy_versions SET document = ? WHERE policy_arn = ? AND version_id = 'v1'",
            definition.document(), definition.arn());
      });
    } catch (DatabaseException e) {
      // Another server installed it between our check and our insert: it exists, which is all we need.
      if (findPolicy(definition.arn()).isEmpty()) {
        throw e;
      }
    }
  }

  public Optional<ManagedPolicy> findPolicy(String arn) {
    return sql.queryOne("SELECT " + POLICY_COLUMNS + " FROM iam_policies WHERE policy_arn = ?", IdentityStore::policy, arn);
  }

  public ManagedPolicy requirePolicy(String arn) {
    return findPolicy(arn).orElseThrow(() -> IamErrors.noSuchEntity("Policy " + arn + " was not found."));
  }

  public List<ManagedPolicy> listPolicies(String accountId) {
    return sql.query("SELECT " + POLICY_COLUMNS + " FROM iam_policies WHERE account_id = ? ORDER BY policy_name", IdentityStore::policy, accountId);
  }

  public PolicyVersion createPolicyVersion(ManagedPolicy policy, String document, boolean setAsDefault, Instant now) {
    return sql.inWriteTransaction(c -> {
      List<Integer> next = Sql.query(c, "SELECT next_version FROM iam_policies WHERE policy_arn = ?", r -> r.getInt(1), policy.arn());
      int versions = Sql.query(c, "SELECT COUNT(*) FROM iam_policy_versions WHERE policy_arn = ?", r -> r.getInt(1), policy.arn()).get(0);
      if (versions >= 5) {
        throw IamErrors.limitExceeded("A managed policy can have up to 5 versions. Before you create a new version, you must delete an existing version.");
      }
      String versionId = "v" + next.get(0);
      Sql.update(c, "INSERT INTO iam_policy_versions (policy_arn, version_id, document, created_at) VALUES (?, ?, ?, ?)",
          policy.arn(), versionId, document, now.toEpochMilli());
      Sql.update(c, "UPDATE iam_policies SET next_version = next_version + 1, updated_at = ?"
          + (setAsDefault ? ", default_version = '" + versionId + "'" : "") + " WHERE policy_arn = ?", now.toEpochMilli(), policy.arn());
      return new PolicyVersion(policy.arn(), versionId, document, setAsDefault, now);
    });
  }

  public Optional<PolicyVersion> findPolicyVersion(ManagedPolicy policy, String versionId) {
    return sql.queryOne("SELECT version_id, document, created_at FROM iam_policy_versions WHERE policy_arn = ? AND version_id = ?",
        r -> new PolicyVersion(policy.arn(), r.getString(1), r.getString(2), r.getString(1).equals(policy.defaultVersion()),
            Instant.ofEpochMilli(r.getLong(3))), policy.arn(), versionId);
  }

  public List<PolicyVersion> listPolicyVersions(ManagedPolicy policy) {
    return sql.query("SELECT version_id, document, created_at FROM iam_policy_versions WHERE policy_arn = ? ORDER BY created_at DESC, version_id DESC",
        r -> new PolicyVersion(policy.arn(), r.getString(1), r.getString(2), r.getString(1).equals(policy.defaultVersion()),
            Instant.ofEpochMilli(r.getLong(3))), policy.arn());
  }

  /** The document of the policy's default version. */
  public String defaultDocument(String policyArn) {
    return sql.queryOne("SELECT v.document FROM iam_policy_versions v JOIN iam_policies p ON p.policy_arn = v.policy_arn"
        + " AND p.default_version = v.version_id WHERE p.policy_arn = ?", r -> r.getString(1), policyArn).orElse(null);
  }

  public void deletePolicy(ManagedPolicy policy) {
    if (count("SELECT COUNT(*) FROM iam_attachments WHERE policy_arn = ?", policy.arn()) > 0) {
      throw IamErrors.deleteConflict("Cannot delete a policy attached to entities.");
    }
    sql.update("DELETE FROM iam_policies WHERE policy_arn = ?", policy.arn());
  }

  public int attachmentCount(String policyArn) {
    return (int) count("SELECT COUNT(*) FROM iam_attachments WHERE policy_arn = ?", policyArn);
  }

  /** How often the policy is attached to users, groups and roles of one account. */
  public int attachmentCount(String policyArn, String accountId) {
    return (int) count("SELECT COUNT(*) FROM iam_attachments a WHERE a.policy_arn = ? AND ("
        + "EXISTS (SELECT 1 FROM iam_users u WHERE a.principal_kind = 'user' AND u.user_id = a.principal_id AND u.account_id = ?)"
        + " OR EXISTS (SELECT 1 FROM iam_groups g WHERE a.principal_kind = 'group' AND g.group_id = a.principal_id AND g.account_id = ?)"
        + " OR EXISTS (SELECT 1 FROM iam_roles r WHERE a.principal_kind = 'role' AND r.role_id = a.principal_id AND r.account_id = ?))",
        policyArn, accountId, accountId, accountId);
  }

  // ---- attachments and inline policies

  public void attach(String kind, String principalId, String policyArn) {
    if (count("SELECT COUNT(*) FROM iam_attachments WHERE principal_kind = ? AND principal_id = ? AND policy_arn = ?", kind, principalId, policyArn) == 0) {
      sql.update("INSERT INTO iam_attachments (principal_kind, principal_id, policy_arn) VALUES (?, ?, ?)", kind, principalId, policyArn);
    }
  }

  public void detach(String kind, String principalId, String policyArn) {
    if (sql.update("DELETE FROM iam_attachments WHERE principal_kind = ? AND principal_id = ? AND policy_arn = ?", kind, principalId, policyArn) == 0) {
      throw IamErrors.noSuchEntity("Policy " + policyArn + " was not found.");
    }
  }

  public List<ManagedPolicy> attachedPolicies(String kind, String principalId) {
    return sql.query("SELECT " + POLICY_COLUMNS.replace("policy_arn", "p.policy_arn") + " FROM iam_policies p JOIN iam_attachments a"
        + " ON a.policy_arn = p.policy_arn WHERE a.principal_kind = ? AND a.principal_id = ? ORDER BY p.policy_name",
        IdentityStore::policy, kind, principalId);
  }

  public void putInlinePolicy(String kind, String principalId, String name, String document) {
    sql.inWriteTransaction(c -> {
      Sql.update(c, "DELETE FROM iam_inline_policies WHERE principal_kind = ? AND principal_id = ? AND policy_name = ?", kind, principalId, name);
      return Sql.update(c, "INSERT INTO iam_inline_policies (principal_kind, principal_id, policy_name, document) VALUES (?, ?, ?, ?)",
          kind, principalId, name, document);
    });
  }

  public Optional<String> inlinePolicy(String kind, String principalId, String name) {
    return sql.queryOne("SELECT document FROM iam_inline_policies WHERE principal_kind = ? AND principal_id = ? AND policy_name = ?",
        r -> r.getString(1), kind, principalId, name);
  }

  /** Inline policy names and documents, by name. */
  public Map<String, String> inlinePolicies(String kind, String principalId) {
    Map<String, String> policies = new LinkedHashMap<>();
    sql.query("SELECT policy_name, document FROM iam_inline_policies WHERE principal_kind = ? AND principal_id = ? ORDER BY policy_name",
        r -> policies.put(r.getString(1), r.getString(2)), kind, principalId);
    return policies;
  }

  public void deleteInlinePolicy(String kind, String principalId, String name) {
    if (sql.update("DELETE FROM iam_inline_policies WHERE principal_kind = ? AND principal_id = ? AND policy_name = ?", kind, principalId, name) == 0) {
      throw IamErrors.noSuchEntity("The " + kind + " policy with name " + name + " cannot be found.");
    }
  }

  // ---- tags

  public void tag(String kind, String principalId, Map<String, String> tags) {
    sql.inWriteTransaction(c -> {
      for (Map.Entry<String, String> tag : tags.entrySet()) {
        Sql.update(c, "DELETE FROM iam_tags WHERE principal_kind = ? AND principal_id = ? AND tag_key = ?", kind, principalId, tag.getKey());
        Sql.update(c, "INSERT INTO iam_tags (principal_kind, principal_id, tag_key, tag_value) VALUES (?, ?, ?, ?)",
            kind, principalId, tag.getKey(), tag.getValue());
      }
      return null;
    });
  }

  public void untag(String kind, String principalId, List<String> keys) {
    for (String key : keys) {
      sql.update("DELETE FROM iam_tags WHERE principal_kind = ? AND principal_id = ? AND tag_key = ?", kind, principalId, key);
    }
  }

  public Map<String, String> tags(String kind, String principalId) {
    Map<String, String> tags = new LinkedHashMap<>();
    sql.query("SELECT tag_key, tag_value FROM iam_tags WHERE principal_kind = ? AND principal_id = ? ORDER BY tag_key",
        r -> tags.put(r.getString(1), r.getString(2)), kind, principalId);
    return tags;
  }

  // ---- helpers

  private long count(String query, Object... parameters) {
    return sql.queryOne(query, r -> r.getLong(1), parameters).orElse(0L);
  }

  private static void insertUnique(Runnable insert, String conflictMessage) {
    try {
      insert.run();
    } catch (DatabaseException e) {
      if (e.isUniqueViolation()) {
        throw IamErrors.alreadyExists(conflictMessage);
      }
      throw e;
    }
  }

  private static final String USER_COLUMNS = "user_id, account_id, user_name, path, created_at, boundary_arn";
  private static final String ROLE_COLUMNS =
      "role_id, account_id, role_name, path, trust_policy, description, max_session, created_at, boundary_arn";
  private static final String POLICY_COLUMNS =
      "policy_arn, policy_id, account_id, policy_name, path, description, default_version, created_at, updated_at";

  private static User user(ResultSet r) throws SQLException {
    return new User(r.getString(1), r.getString(2), r.getString(3), r.getString(4), Instant.ofEpochMilli(r.getLong(5)), r.getString(6));
  }

  private static Group group(ResultSet r) throws SQLException {
    return new Group(r.getString(1), r.getString(2), r.getString(3), r.getString(4), Instant.ofEpochMilli(r.getLong(5)));
  }

  private static Role role(ResultSet r) throws SQLException {
    return new Role(r.getString(1), r.getString(2), r.getString(3), r.getString(4), r.getString(5), r.getString(6), r.getInt(7),
        Instant.ofEpochMilli(r.getLong(8)), r.getString(9));
  }

  private static ManagedPolicy policy(ResultSet r) throws SQLException {
    return new ManagedPolicy(r.getString(1), r.getString(2), r.getString(3), r.getString(4), r.getString(5), r.getString(6),
        r.getString(7), Instant.ofEpochMilli(r.getLong(8)), Instant.ofEpochMilli(r.getLong(9)));
  }
}
