package io.commitd.iam.policy;

import static org.assertj.core.api.Assertions.assertThat;

import io.commitd.iam.policy.Decision.Effect;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** AWS's evaluation logic, rule by rule, then the classic CodeCommit policies. */
class PolicyEvaluatorTest {
  static final String ALICE = "arn:aws:iam::111122223333:user/alice";
  static final String REPO = "arn:aws:codecommit:us-east-1:111122223333:app";
  final PolicyEvaluator evaluator = new PolicyEvaluator();

  static PolicyDocument policy(String statements) {
    return PolicyDocument.parse("{\"Version\":\"2012-10-17\",\"Statement\":[" + statements + "]}");
  }

  static String allow(String action, String resource) {
    return "{\"Effect\":\"Allow\",\"Action\":\"" + action + "\",\"Resource\":\"" + resource + "\"}";
  }

  static String deny(String action, String resource) {
    return "{\"Effect\":\"Deny\",\"Action\":\"" + action + "\",\"Resource\":\"" + resource + "\"}";
  }

  Effect decide(PolicySet policies, String action, String resource, Map<String, List<String>> context) {
    return evaluator.evaluate(policies, new AuthorizationRequest(ALICE, action, resource, RequestContext.of(context))).effect();
  }

  Effect decide(PolicySet policies, String action) {
    return decide(policies, action, REPO, Map.of());
  }

  @Nested
  class EvaluationOrder {
    @Test
    void nothingAllowsMeansImplicitDeny() {
      assertThat(decide(PolicySet.ofIdentity(), "codecommit:GetRepository")).isEqualTo(Effect.IMPLICIT_DENY);
    }

    @Test
    void anAllowAllows() {
      assertThat(decide(PolicySet.ofIdentity(policy(allow("codecommit:GetRepository", REPO))), "codecommit:GetRepository"))
          .isEqualTo(Effect.ALLOW);
    }

    @Test
    void anExplicitDenyBeatsAnyAllow() {
      PolicySet policies = PolicySet.ofIdentity(policy(allow("codecommit:*", "*")), policy(deny("codecommit:DeleteRepository", REPO)));
      assertThat(decide(policies, "codecommit:DeleteRepository")).isEqualTo(Effect.EXPLICIT_DENY);
      assertThat(decide(policies, "codecommit:GetRepository")).isEqualTo(Effect.ALLOW);
    }

    @Test
    void aBoundaryLimitsButNeverGrants() {
      PolicySet policies = PolicySet.ofIdentity(policy(allow("codecommit:*", "*")))
          .withBoundary(policy(allow("codecommit:Get*", "*")));
      assertThat(decide(policies, "codecommit:GetRepository")).isEqualTo(Effect.ALLOW);
      assertThat(decide(policies, "codecommit:DeleteRepository")).isEqualTo(Effect.IMPLICIT_DENY);
      assertThat(decide(PolicySet.ofIdentity().withBoundary(policy(allow("*", "*"))), "codecommit:GetRepository"))
          .isEqualTo(Effect.IMPLICIT_DENY);
    }

    @Test
    void aDenyInTheBoundaryIsExplicit() {
      PolicySet policies = PolicySet.ofIdentity(policy(allow("*", "*"))).withBoundary(policy(allow("*", "*") + "," + deny("codecommit:Delete*", "*")));
      assertThat(decide(policies, "codecommit:DeleteRepository")).isEqualTo(Effect.EXPLICIT_DENY);
    }

    @Test
    void sessionPoliciesLimitTemporaryCredentials() {
      PolicySet policies = PolicySet.ofIdentity(policy(allow("codecommit:*", "*")))
          .withSession(List.of(policy(allow("codecommit:GitPull", "*"))));
      assertThat(decide(policies, "codecommit:GitPull")).isEqualTo(Effect.ALLOW);
      assertThat(decide(policies, "codecommit:GitPush")).isEqualTo(Effect.IMPLICIT_DENY);
    }

    @Test
    void aResourcePolicyGrantsInTheSameAccount() {
      PolicyDocument resource = PolicyDocument.parseResourcePolicy(
          "{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"" + ALICE
              + "\"},\"Action\":\"codecommit:GitPull\",\"Resource\":\"*\"}}");
      assertThat(decide(PolicySet.ofIdentity().withResource(resource), "codecommit:GitPull")).isEqualTo(Effect.ALLOW);
      assertThat(decide(PolicySet.ofIdentity().withResource(resource), "codecommit:GitPush")).isEqualTo(Effect.IMPLICIT_DENY);
    }

    @Test
    void acrossAccountsBothSidesMustAllow() {
      String otherRepo = "arn:aws:codecommit:us-east-1:444455556666:shared";
      PolicyDocument resource = PolicyDocument.parseResourcePolicy(
          "{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"111122223333\"},"
              + "\"Action\":\"codecommit:GitPull\",\"Resource\":\"*\"}}");
      assertThat(decide(PolicySet.ofIdentity().withResource(resource), "codecommit:GitPull", otherRepo, Map.of()))
          .isEqualTo(Effect.IMPLICIT_DENY);
      assertThat(decide(PolicySet.ofIdentity(policy(allow("codecommit:GitPull", "*"))).withResource(resource),
          "codecommit:GitPull", otherRepo, Map.of())).isEqualTo(Effect.ALLOW);
    }

    @Test
    void decisionsExplainThemselves() {
      PolicySet policies = PolicySet.ofIdentity(policy("{\"Sid\":\"NoDelete\",\"Effect\":\"Deny\",\"Action\":\"codecommit:Delete*\",\"Resource\":\"*\"}"));
      Decision decision = evaluator.evaluate(policies, new AuthorizationRequest(ALICE, "codecommit:DeleteRepository", REPO, RequestContext.empty()));
      assertThat(decision.reasons()).containsExactly("identity policy statement \"NoDelete\" denied");
      Decision implicit = evaluator.evaluate(PolicySet.ofIdentity(), new AuthorizationRequest(ALICE, "codecommit:GetBlob", REPO, RequestContext.empty()));
      assertThat(implicit.reasons()).containsExactly("no identity-based policy allows the codecommit:GetBlob action");
    }
  }

  @Nested
  class ActionsAndResources {
    @ParameterizedTest
    @CsvSource({
        "codecommit:*, codecommit:GetRepository, ALLOW",
        "codecommit:get*, codecommit:GetRepository, ALLOW",
        "CODECOMMIT:GETREPOSITORY, codecommit:GetRepository, ALLOW",
        "codecommit:Get?epository, codecommit:GetRepository, ALLOW",
        "codecommit:Get, codecommit:GetRepository, IMPLICIT_DENY",
        "iam:*, codecommit:GetRepository, IMPLICIT_DENY",
        "*, codecommit:GetRepository, ALLOW"})
    void actionsMatchCaseInsensitivelyWithWildcards(String pattern, String action, Effect expected) {
      assertThat(decide(PolicySet.ofIdentity(policy(allow(pattern, "*"))), action)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({
        "arn:aws:codecommit:us-east-1:111122223333:app, ALLOW",
        "arn:aws:codecommit:us-east-1:111122223333:*, ALLOW",
        "arn:aws:codecommit:*:*:a?p, ALLOW",
        "arn:aws:codecommit:us-east-1:111122223333:APP, IMPLICIT_DENY",
        "arn:aws:codecommit:us-east-1:111122223333:ap, IMPLICIT_DENY"})
    void resourcesMatchCaseSensitivelyWithWildcards(String pattern, Effect expected) {
      assertThat(decide(PolicySet.ofIdentity(policy(allow("codecommit:GetRepository", pattern))), "codecommit:GetRepository"))
          .isEqualTo(expected);
    }

    @Test
    void notActionWithDenyDeniesEverythingElse() {
      PolicySet policies = PolicySet.ofIdentity(policy(allow("*", "*")
          + ",{\"Effect\":\"Deny\",\"NotAction\":[\"codecommit:Get*\",\"codecommit:List*\"],\"Resource\":\"*\"}"));
      assertThat(decide(policies, "codecommit:GetRepository")).isEqualTo(Effect.ALLOW);
      assertThat(decide(policies, "codecommit:DeleteRepository")).isEqualTo(Effect.EXPLICIT_DENY);
    }

    @Test
    void notResourceAllowsEverywhereButThere() {
      PolicySet policies = PolicySet.ofIdentity(policy("{\"Effect\":\"Allow\",\"Action\":\"codecommit:*\",\"NotResource\":\"" + REPO + "\"}"));
      assertThat(decide(policies, "codecommit:GetRepository")).isEqualTo(Effect.IMPLICIT_DENY);
      assertThat(decide(policies, "codecommit:GetRepository", REPO + "-other", Map.of())).isEqualTo(Effect.ALLOW);
    }
  }

  @Nested
  class Variables {
    @Test
    void aUsernameVariableScopesTheResource() {
      PolicySet policies = PolicySet.ofIdentity(policy(allow("codecommit:*", "arn:aws:codecommit:us-east-1:111122223333:${aws:username}-*")));
      Map<String, List<String>> alice = Map.of("aws:username", List.of("alice"));
      assertThat(decide(policies, "codecommit:GitPush", "arn:aws:codecommit:us-east-1:111122223333:alice-sandbox", alice)).isEqualTo(Effect.ALLOW);
      assertThat(decide(policies, "codecommit:GitPush", "arn:aws:codecommit:us-east-1:111122223333:bob-sandbox", alice)).isEqualTo(Effect.IMPLICIT_DENY);
    }

    @Test
    void aMissingVariableMatchesNothingUnlessItHasADefault() {
      String resource = "arn:aws:codecommit:us-east-1:111122223333:team-shared";
      PolicySet noDefault = PolicySet.ofIdentity(policy(allow("codecommit:*", "arn:aws:codecommit:us-east-1:111122223333:team-${aws:PrincipalTag/team}")));
      PolicySet withDefault = PolicySet.ofIdentity(policy(allow("codecommit:*", "arn:aws:codecommit:us-east-1:111122223333:team-${aws:PrincipalTag/team, 'shared'}")));
      assertThat(decide(noDefault, "codecommit:GitPull", resource, Map.of())).isEqualTo(Effect.IMPLICIT_DENY);
      assertThat(decide(withDefault, "codecommit:GitPull", resource, Map.of())).isEqualTo(Effect.ALLOW);
      assertThat(decide(withDefault, "codecommit:GitPull", "arn:aws:codecommit:us-east-1:111122223333:team-core",
          Map.of("aws:PrincipalTag/team", List.of("core")))).isEqualTo(Effect.ALLOW);
    }

    @Test
    void variablesAreLiteralIn2008Policies() {
      PolicyDocument old = PolicyDocument.parse("{\"Version\":\"2008-10-17\",\"Statement\":[" + allow("codecommit:*", "arn:aws:codecommit:us-east-1:111122223333:${aws:username}") + "]}");
      assertThat(decide(PolicySet.ofIdentity(old), "codecommit:GitPull", "arn:aws:codecommit:us-east-1:111122223333:alice",
          Map.of("aws:username", List.of("alice")))).isEqualTo(Effect.IMPLICIT_DENY);
      assertThat(decide(PolicySet.ofIdentity(old), "codecommit:GitPull", "arn:aws:codecommit:us-east-1:111122223333:${aws:username}",
          Map.of())).isEqualTo(Effect.ALLOW);
    }

    @Test
    void escapesStandForTheirCharacters() {
      PolicySet policies = PolicySet.ofIdentity(policy(allow("codecommit:*", "arn:aws:codecommit:us-east-1:111122223333:a${*}b")));
      assertThat(decide(policies, "codecommit:GitPull", "arn:aws:codecommit:us-east-1:111122223333:a*b", Map.of())).isEqualTo(Effect.ALLOW);
    }
  }

  @Nested
  class ClassicCodeCommitPolicies {
    static final String DEVELOPER = "{\"Effect\":\"Allow\",\"Action\":[\"codecommit:Get*\",\"codecommit:List*\",\"codecommit:GitPull\"],\"Resource\":\"*\"},"
        + "{\"Effect\":\"Allow\",\"Action\":\"codecommit:GitPush\",\"Resource\":\"*\",\"Condition\":{"
        + "\"ForAllValues:StringLike\":{\"codecommit:References\":[\"refs/heads/feature/*\",\"refs/heads/bugfix/*\",\"refs/heads/hotfix/*\"]},"
        + "\"Null\":{\"codecommit:References\":\"false\"}}}";
    static final String DENY_MAIN = "{\"Effect\":\"Deny\",\"Action\":[\"codecommit:GitPush\",\"codecommit:DeleteBranch\",\"codecommit:PutFile\","
        + "\"codecommit:Merge*\"],\"Resource\":\"*\",\"Condition\":{\"StringEqualsIfExists\":{\"codecommit:References\":[\"refs/heads/main\"]},"
        + "\"Null\":{\"codecommit:References\":\"false\"}}}";

    Effect push(PolicySet policies, String... refs) {
      return decide(policies, "codecommit:GitPush", REPO, Map.of("codecommit:References", List.of(refs)));
    }

    @Test
    void developersPushOnlyToTheirBranchKinds() {
      PolicySet developer = PolicySet.ofIdentity(policy(DEVELOPER));
      assertThat(push(developer, "refs/heads/feature/login")).isEqualTo(Effect.ALLOW);
      assertThat(push(developer, "refs/heads/feature/a", "refs/heads/hotfix/b")).isEqualTo(Effect.ALLOW);
      assertThat(push(developer, "refs/heads/feature/a", "refs/heads/main")).isEqualTo(Effect.IMPLICIT_DENY);
      assertThat(push(developer, "refs/heads/main")).isEqualTo(Effect.IMPLICIT_DENY);
      // Without the Null guard, ForAllValues would allow a push that names no reference at all.
      assertThat(decide(developer, "codecommit:GitPush")).isEqualTo(Effect.IMPLICIT_DENY);
      assertThat(decide(developer, "codecommit:GetRepository")).isEqualTo(Effect.ALLOW);
      assertThat(decide(developer, "codecommit:DeleteRepository")).isEqualTo(Effect.IMPLICIT_DENY);
    }

    @Test
    void denyPushToMainStopsMainOnly() {
      PolicySet policies = PolicySet.ofIdentity(policy(allow("codecommit:*", "*") + "," + DENY_MAIN));
      assertThat(push(policies, "refs/heads/main")).isEqualTo(Effect.EXPLICIT_DENY);
      assertThat(push(policies, "refs/heads/feature/x")).isEqualTo(Effect.ALLOW);
      assertThat(decide(policies, "codecommit:GitPull")).isEqualTo(Effect.ALLOW);
    }

    @Test
    void sourceIpAllowList() {
      PolicySet policies = PolicySet.ofIdentity(policy(allow("codecommit:*", "*")
          + ",{\"Effect\":\"Deny\",\"Action\":\"codecommit:*\",\"Resource\":\"*\",\"Condition\":{\"NotIpAddress\":{\"aws:SourceIp\":[\"192.0.2.0/24\",\"2001:db8::/32\"]}}}"));
      assertThat(decide(policies, "codecommit:GitPull", REPO, Map.of("aws:SourceIp", List.of("192.0.2.17")))).isEqualTo(Effect.ALLOW);
      assertThat(decide(policies, "codecommit:GitPull", REPO, Map.of("aws:SourceIp", List.of("2001:db8::1")))).isEqualTo(Effect.ALLOW);
      assertThat(decide(policies, "codecommit:GitPull", REPO, Map.of("aws:SourceIp", List.of("203.0.113.5")))).isEqualTo(Effect.EXPLICIT_DENY);
    }

    @Test
    void mfaRequiredForTemporaryAndLongTermCredentials() {
      PolicySet policies = PolicySet.ofIdentity(policy(allow("codecommit:*", "*")
          + ",{\"Effect\":\"Deny\",\"Action\":\"codecommit:*\",\"Resource\":\"*\",\"Condition\":{\"BoolIfExists\":{\"aws:MultiFactorAuthPresent\":\"false\"}}}"));
      assertThat(decide(policies, "codecommit:GitPull", REPO, Map.of())).isEqualTo(Effect.EXPLICIT_DENY);
      assertThat(decide(policies, "codecommit:GitPull", REPO, Map.of("aws:MultiFactorAuthPresent", List.of("false")))).isEqualTo(Effect.EXPLICIT_DENY);
      assertThat(decide(policies, "codecommit:GitPull", REPO, Map.of("aws:MultiFactorAuthPresent", List.of("true")))).isEqualTo(Effect.ALLOW);
    }
  }

  @Nested
  class PrincipalsInResourcePolicies {
    @ParameterizedTest
    @CsvSource({
        "'\"*\"', arn:aws:iam::111122223333:user/alice, true",
        "'{\"AWS\":\"111122223333\"}', arn:aws:iam::111122223333:user/alice, true",
        "'{\"AWS\":\"arn:aws:iam::111122223333:root\"}', arn:aws:iam::111122223333:role/r, true",
        "'{\"AWS\":\"arn:aws:iam::444455556666:root\"}', arn:aws:iam::111122223333:user/alice, false",
        "'{\"AWS\":\"arn:aws:iam::111122223333:role/deployer\"}', arn:aws:sts::111122223333:assumed-role/deployer/session-1, true",
        "'{\"AWS\":\"arn:aws:iam::111122223333:role/other\"}', arn:aws:sts::111122223333:assumed-role/deployer/session-1, false",
        "'{\"Service\":\"codebuild.amazonaws.com\"}', codebuild.amazonaws.com, true"})
    void principalsName(String principal, String caller, boolean matches) {
      PolicyDocument trust = PolicyDocument.parseTrustPolicy(
          "{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Allow\",\"Principal\":" + principal + ",\"Action\":\"sts:AssumeRole\"}}");
      // Whether the trust policy names the caller; what that allow is worth is AwsDocumentedRulesTest's.
      assertThat(evaluator.resourcePolicyAllows(trust,
          new AuthorizationRequest(caller, "sts:AssumeRole", "arn:aws:iam::111122223333:role/deployer", RequestContext.empty())))
          .isEqualTo(matches);
    }
  }
}
