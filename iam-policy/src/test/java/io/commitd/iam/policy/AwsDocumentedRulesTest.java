package io.commitd.iam.policy;

import static org.assertj.core.api.Assertions.assertThat;

import io.commitd.iam.policy.Decision.Effect;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The rules of AWS's evaluation logic that are easy to get wrong, each with the IAM User Guide
 * page (and sentence) it comes from.
 */
class AwsDocumentedRulesTest {
  static final String ACCOUNT = "111122223333";
  static final String OTHER = "444455556666";
  static final String ALICE = "arn:aws:iam::" + ACCOUNT + ":user/alice";
  static final String ROLE = "arn:aws:iam::" + ACCOUNT + ":role/deployer";
  static final String SESSION = "arn:aws:sts::" + ACCOUNT + ":assumed-role/deployer/build-7";
  static final String REPO = "arn:aws:codecommit:us-east-1:" + ACCOUNT + ":app";
  final PolicyEvaluator evaluator = new PolicyEvaluator();

  static PolicyDocument policy(String statements) {
    return PolicyDocument.parse("{\"Version\":\"2012-10-17\",\"Statement\":[" + statements + "]}");
  }

  static PolicyDocument resourcePolicy(String statements) {
    return PolicyDocument.parseResourcePolicy("{\"Version\":\"2012-10-17\",\"Statement\":[" + statements + "]}");
  }

  static String allowTo(String principal, String action) {
    return "{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"" + principal + "\"},\"Action\":\"" + action + "\",\"Resource\":\"*\"}";
  }

  Effect decide(PolicySet policies, String principal, String action, String resource, Map<String, List<String>> context) {
    return evaluator.evaluate(policies, new AuthorizationRequest(principal, action, resource, RequestContext.of(context))).effect();
  }

  Effect decide(PolicySet policies, String principal, String resource) {
    return decide(policies, principal, "codecommit:GetRepository", resource, Map.of());
  }

  // "Cross-account policy evaluation logic": "the principal in the trusting account must have an
  // identity-based policy that allows access ... and the resource-based policy of the trusted
  // account must allow access" — both sides, never one alone.
  @Test
  void acrossAccountsBothSidesMustAllow() {
    String foreignRepo = "arn:aws:codecommit:us-east-1:" + OTHER + ":shared";
    PolicyDocument identity = policy("{\"Effect\":\"Allow\",\"Action\":\"codecommit:*\",\"Resource\":\"*\"}");
    PolicyDocument resource = resourcePolicy(allowTo(ACCOUNT, "codecommit:GetRepository"));
    assertThat(decide(PolicySet.ofIdentity(identity), ALICE, foreignRepo)).isEqualTo(Effect.IMPLICIT_DENY);
    assertThat(decide(PolicySet.ofIdentity().withResource(resource), ALICE, foreignRepo)).isEqualTo(Effect.IMPLICIT_DENY);
    assertThat(decide(PolicySet.ofIdentity(identity).withResource(resource), ALICE, foreignRepo)).isEqualTo(Effect.ALLOW);
  }

  // "Policy evaluation logic" (resource-based policies): "Within the same account, resource-based
  // policies that grant permissions to an IAM user ARN ... are not limited by an implicit deny in
  // an identity-based policy or permissions boundary"; naming the account delegates to the
  // account, whose identity policies must then allow.
  @Test
  void inOneAccountAResourcePolicyNamingTheUserSufficesNamingTheAccountDelegates() {
    PolicyDocument namesAlice = resourcePolicy(allowTo(ALICE, "codecommit:GetRepository"));
    PolicyDocument namesAccount = resourcePolicy(allowTo("arn:aws:iam::" + ACCOUNT + ":root", "codecommit:GetRepository"));
    PolicyDocument narrowBoundary = policy("{\"Effect\":\"Allow\",\"Action\":\"sts:GetCallerIdentity\",\"Resource\":\"*\"}");
    assertThat(decide(PolicySet.ofIdentity().withResource(namesAlice).withBoundary(narrowBoundary), ALICE, REPO)).isEqualTo(Effect.ALLOW);
    assertThat(decide(PolicySet.ofIdentity().withResource(namesAccount), ALICE, REPO)).isEqualTo(Effect.IMPLICIT_DENY);
    assertThat(decide(PolicySet.ofIdentity(policy("{\"Effect\":\"Allow\",\"Action\":\"codecommit:Get*\",\"Resource\":\"*\"}"))
        .withResource(namesAccount), ALICE, REPO)).isEqualTo(Effect.ALLOW);
  }

  // "Policy evaluation logic": "Resource-based policies that grant permissions to an IAM role ARN
  // are limited by an implicit deny in a permissions boundary or session policy" — while
  // "resource-based policies that grant permissions to an IAM role session principal ARN ... are
  // not limited by an implicit deny in an identity-based policy, permissions boundary, or session
  // policy".
  @Test
  void aResourcePolicyNamingTheRoleIsLimitedNamingTheSessionIsNot() {
    PolicyDocument boundary = policy("{\"Effect\":\"Allow\",\"Action\":\"sts:GetCallerIdentity\",\"Resource\":\"*\"}");
    PolicyDocument sessionPolicy = policy("{\"Effect\":\"Allow\",\"Action\":\"codecommit:GitPull\",\"Resource\":\"*\"}");
    PolicyDocument namesRole = resourcePolicy(allowTo(ROLE, "codecommit:GetRepository"));
    PolicyDocument namesSession = resourcePolicy(allowTo(SESSION, "codecommit:GetRepository"));

    assertThat(decide(PolicySet.ofIdentity().withResource(namesRole), SESSION, REPO)).isEqualTo(Effect.ALLOW);
    assertThat(decide(PolicySet.ofIdentity().withResource(namesRole).withBoundary(boundary), SESSION, REPO)).isEqualTo(Effect.IMPLICIT_DENY);
    assertThat(decide(PolicySet.ofIdentity().withResource(namesRole).withSession(List.of(sessionPolicy)), SESSION, REPO))
        .isEqualTo(Effect.IMPLICIT_DENY);

    assertThat(decide(PolicySet.ofIdentity().withResource(namesSession).withBoundary(boundary).withSession(List.of(sessionPolicy)),
        SESSION, REPO)).isEqualTo(Effect.ALLOW);
  }

  // "Permissions boundaries for IAM entities": "The NotPrincipal element with a Deny effect will
  // always deny any IAM principal that has a permissions boundary policy attached, regardless of
  // the values specified in the NotPrincipal element."
  @Test
  void denyWithNotPrincipalAlwaysDeniesAPrincipalWithABoundary() {
    PolicyDocument resource = resourcePolicy(allowTo(ALICE, "codecommit:*")
        + ",{\"Effect\":\"Deny\",\"NotPrincipal\":{\"AWS\":[\"" + ALICE + "\",\"arn:aws:iam::" + ACCOUNT + ":root\"]},"
        + "\"Action\":\"codecommit:*\",\"Resource\":\"*\"}");
    PolicyDocument everything = policy("{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\"}");
    assertThat(decide(PolicySet.ofIdentity().withResource(resource), ALICE, REPO)).isEqualTo(Effect.ALLOW);
    assertThat(decide(PolicySet.ofIdentity().withResource(resource).withBoundary(everything), ALICE, REPO)).isEqualTo(Effect.EXPLICIT_DENY);
    // Everyone not listed is denied, boundary or not.
    assertThat(decide(PolicySet.ofIdentity(everything).withResource(resource), "arn:aws:iam::" + ACCOUNT + ":user/bob", REPO))
        .isEqualTo(Effect.EXPLICIT_DENY);
  }

  // "AWS JSON policy elements: NotPrincipal": with Deny, "you must also specify the account ARN"
  // of the principal to exclude — the account is evaluated too, so naming the user alone does not
  // exempt it.
  @Test
  void notPrincipalMustNameTheAccountToo() {
    PolicyDocument resource = resourcePolicy(allowTo(ALICE, "codecommit:*")
        + ",{\"Effect\":\"Deny\",\"NotPrincipal\":{\"AWS\":\"" + ALICE + "\"},\"Action\":\"codecommit:*\",\"Resource\":\"*\"}");
    assertThat(decide(PolicySet.ofIdentity().withResource(resource), ALICE, REPO)).isEqualTo(Effect.EXPLICIT_DENY);
  }

  // "IAM policy elements: Variables and tags" (special characters): "${*} - Represents the * (asterisk)
  // character", "${?} - Represents the ? (question mark) character", "${$} - Represents the $
  // (dollar sign) character" — literal characters, never wildcards.
  @Test
  void escapedCharactersAreLiteral() {
    PolicyDocument identity = policy("{\"Effect\":\"Allow\",\"Action\":\"codecommit:GetRepository\","
        + "\"Resource\":\"arn:aws:codecommit:us-east-1:" + ACCOUNT + ":app${*}${?}${$}\"}");
    assertThat(decide(PolicySet.ofIdentity(identity), ALICE, "arn:aws:codecommit:us-east-1:" + ACCOUNT + ":app*?$"))
        .isEqualTo(Effect.ALLOW);
    assertThat(decide(PolicySet.ofIdentity(identity), ALICE, "arn:aws:codecommit:us-east-1:" + ACCOUNT + ":application-x$"))
        .isEqualTo(Effect.IMPLICIT_DENY);
    PolicyDocument condition = policy("{\"Effect\":\"Allow\",\"Action\":\"codecommit:GitPush\",\"Resource\":\"*\","
        + "\"Condition\":{\"StringLike\":{\"codecommit:References\":\"refs/heads/${*}\"}}}");
    assertThat(decide(PolicySet.ofIdentity(condition), ALICE, "codecommit:GitPush", REPO,
        Map.of("codecommit:References", List.of("refs/heads/*")))).isEqualTo(Effect.ALLOW);
    assertThat(decide(PolicySet.ofIdentity(condition), ALICE, "codecommit:GitPush", REPO,
        Map.of("codecommit:References", List.of("refs/heads/main")))).isEqualTo(Effect.IMPLICIT_DENY);
  }

  // "AWS account root user": the root user "has complete access to all AWS services and resources
  // in the account" — without any policy; in another account it is an ordinary principal.
  @Test
  void theRootUserNeedsNoPolicyInItsOwnAccount() {
    String root = "arn:aws:iam::" + ACCOUNT + ":root";
    assertThat(decide(PolicySet.ofIdentity(), root, REPO)).isEqualTo(Effect.ALLOW);
    assertThat(decide(PolicySet.ofIdentity(), root, "*")).isEqualTo(Effect.ALLOW);
    assertThat(decide(PolicySet.ofIdentity(), root, "arn:aws:codecommit:us-east-1:" + OTHER + ":x")).isEqualTo(Effect.IMPLICIT_DENY);
  }
}
