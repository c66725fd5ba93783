package io.commitd.iam.auth;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.commitd.iam.identity.CredentialStore;
import io.commitd.iam.identity.Entities;
import io.commitd.iam.identity.Entities.Group;
import io.commitd.iam.identity.Entities.ManagedPolicy;
import io.commitd.iam.identity.IamGeneration;
import io.commitd.iam.identity.IdentityStore;
import io.commitd.iam.policy.PolicyDocument;
import io.commitd.iam.policy.PolicySet;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Loads what bears on a caller's requests: its identity policies (its own, its groups', its
 * role's), its permissions boundary, its session policy, and its principal tags. With an
 * {@link IamGeneration}, what was loaded (parsed) is cached per principal while no IAM write
 * happened, so a policy change still holds from the next request.
 */
public final class PrincipalPolicies {
  private static final ObjectMapper JSON = new ObjectMapper();
  /** The implicit power of an account's root user, as an identity policy. */
  static final PolicyDocument ROOT_POWERS =
      PolicyDocument.parse("{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\"}}");

  private final IdentityStore identities;
  private final CredentialStore credentials;
  private final GenerationCache<String, Loaded> cache;

  public PrincipalPolicies(IdentityStore identities, CredentialStore credentials) {
    this(identities, credentials, null);
  }

  public PrincipalPolicies(IdentityStore identities, CredentialStore credentials, IamGeneration generation) {
    this.identities = identities;
    this.credentials = credentials;
    this.cache = generation == null ? GenerationCache.disabled() : new GenerationCache<>(generation);
  }

  /** What a caller's policies and tags are now. */
  public record Loaded(PolicySet policies, Map<String, String> principalTags) {}

  public Loaded load(Caller caller) {
    if (caller.type() == PrincipalType.ROOT) {
      return ROOT;
    }
    // what is loaded depends on the principal's kind, its id and its session only
    return cache.get(caller.type() + "\n" + caller.userId() + "\n" + caller.sessionId(), key -> read(caller));
  }

  private static final Loaded ROOT = new Loaded(new PolicySet(List.of(ROOT_POWERS), null, null, List.of()), Map.of());

  private Loaded read(Caller caller) {
    List<PolicyDocument> identity = new ArrayList<>();
    PolicyDocument boundary = null;
    List<PolicyDocument> session = new ArrayList<>();
    Map<String, String> tags = new LinkedHashMap<>();
    switch (caller.type()) {
      case ROOT -> identity.add(ROOT_POWERS);
      case USER, USER_SESSION -> {
        var user = identities.findUserById(caller.userId()).orElse(null);
        if (user != null) {
          identity.addAll(documentsOf(Entities.USER, user.userId()));
          for (Group group : identities.groupsOf(user.userId())) {
            identity.addAll(documentsOf(Entities.GROUP, group.groupId()));
          }
          boundary = boundary(user.boundaryArn());
          tags.putAll(identities.tags(Entities.USER, user.userId()));
        }
      }
      case ASSUMED_ROLE -> {
        var found = credentials.findSession(caller.sessionId()).map(CredentialStore.SessionWithSecret::session);
        if (found.isPresent()) {
          var role = identities.findRoleById(found.get().sourceId()).orElse(null);
          if (role != null) {
            identity.addAll(documentsOf(Entities.ROLE, role.roleId()));
            boundary = boundary(role.boundaryArn());
            tags.putAll(identities.tags(Entities.ROLE, role.roleId()));
          }
          if (found.get().sessionPolicy() != null) {
            session.add(PolicyDocument.parse(found.get().sessionPolicy()));
          }
          tags.putAll(sessionTags(found.get().sessionTagsJson()));
        }
      }
    }
    return new Loaded(new PolicySet(identity, null, boundary, session), Collections.unmodifiableMap(tags));
  }

  private List<PolicyDocument> documentsOf(String kind, String id) {
    List<PolicyDocument> documents = new ArrayList<>();
    for (String document : identities.inlinePolicies(kind, id).values()) {
      documents.add(PolicyDocument.parse(document));
    }
    for (ManagedPolicy policy : identities.attachedPolicies(kind, id)) {
      String document = identities.defaultDocument(policy.arn());
      if (document != null) {
        documents.add(PolicyDocument.parse(document));
      }
    }
    return documents;
  }

  private PolicyDocument boundary(String boundaryArn) {
    if (boundaryArn == null) {
      return null;
    }
    String document = identities.defaultDocument(boundaryArn);
    return document == null ? null : PolicyDocument.parse(document);
  }

  static Map<String, String> sessionTags(String json) {
    if (json == null) {
      return Map.of();
    }
    try {
      Map<String, String> tags = new LinkedHashMap<>();
      JSON.readTree(json).fields().forEachRemaining(e -> tags.put(e.getKey(), e.getValue().asText()));
      return tags;
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("stored session tags are not JSON", e);
    }
  }
}
