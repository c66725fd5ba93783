package io.commitd.approval.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class ApprovalPoolMemberTest {

  private static boolean matches(String poolMember, String approverArn) {
    return ApprovalPoolMember.parse(poolMember).matches(approverArn);
  }

  @Nested
  class FullArns {

    @Test
    void anIamUserArnMatchesThatUserOnly() {
      assertThat(matches("arn:aws:iam::1:user/alice", "arn:aws:iam::1:user/alice")).isTrue();
      assertThat(matches("arn:aws:iam::1:user/alice", "arn:aws:iam::1:user/alicia")).isFalse();
      assertThat(matches("arn:aws:iam::1:user/alice", "arn:aws:iam::2:user/alice")).isFalse();
    }

    @Test
    void aStarMatchesAnyRunOfCharactersIncludingSlashes() {
      assertThat(matches("arn:aws:iam::1:user/*", "arn:aws:iam::1:user/alice")).isTrue();
      assertThat(matches("arn:aws:iam::1:user/*", "arn:aws:iam::1:user/eng/alice")).isTrue();
      assertThat(matches("arn:aws:iam::1:user/*", "arn:aws:iam::1:role/alice")).isFalse();
    }

    @Test
    void aQuestionMarkMatchesExactlyOneCharacter() {
      assertThat(matches("arn:aws:iam::1:user/dev?", "arn:aws:iam::1:user/dev1")).isTrue();
      assertThat(matches("arn:aws:iam::1:user/dev?", "arn:aws:iam::1:user/dev")).isFalse();
      assertThat(matches("arn:aws:iam::1:user/dev?", "arn:aws:iam::1:user/dev12")).isFalse();
    }

    @Test
    void otherCharactersAreLiteralNotRegularExpressions() {
      assertThat(matches("arn:aws:iam::1:user/a.b", "arn:aws:iam::1:user/axb")).isFalse();
      assertThat(matches("arn:aws:iam::1:user/a+", "arn:aws:iam::1:user/aa")).isFalse();
    }

    @Test
    void aUserPathPatternMatchesUsersUnderThatPath() {
      assertThat(matches("arn:aws:iam::1:user/eng/*", "arn:aws:iam::1:user/eng/alice")).isTrue();
      assertThat(matches("arn:aws:iam::1:user/eng/*", "arn:aws:iam::1:user/ops/alice")).isFalse();
    }

    @Test
    void anAssumedRoleWildcardMatchesEverySessionOfThatRole() {
      String pool = "arn:aws:sts::123456789012:assumed-role/CodeCommitReview/*";

      assertThat(matches(pool, "arn:aws:sts::123456789012:assumed-role/CodeCommitReview/Mary_Major")).isTrue();
      assertThat(matches(pool, "arn:aws:sts::123456789012:assumed-role/Deployer/Mary_Major")).isFalse();
    }

    @Test
    void anAssumedRoleSessionArnMatchesThatSessionOnly() {
      String pool = "arn:aws:sts::1:assumed-role/Review/mary";

      assertThat(matches(pool, "arn:aws:sts::1:assumed-role/Review/mary")).isTrue();
      assertThat(matches(pool, "arn:aws:sts::1:assumed-role/Review/john")).isFalse();
    }

    @Test
    void anAssumedRoleArnWithoutSessionMatchesEverySessionOfThatRole() {
      assertThat(matches("arn:aws:sts::1:assumed-role/Review", "arn:aws:sts::1:assumed-role/Review/mary")).isTrue();
      assertThat(matches("arn:aws:sts::1:assumed-role/Review", "arn:aws:sts::1:assumed-role/Reviewer/mary"))
          .isFalse();
    }

    @Test
    void anIamRoleArnMatchesSessionsOfThatRole() {
      String pool = "arn:aws:iam::1:role/Review";

      assertThat(matches(pool, "arn:aws:sts::1:assumed-role/Review/anything")).isTrue();
      assertThat(matches(pool, "arn:aws:sts::1:assumed-role/Other/anything")).isFalse();
      assertThat(matches(pool, "arn:aws:sts::2:assumed-role/Review/anything")).isFalse();
    }

    @Test
    void anIamRoleArnWithAPathMatchesSessionsOfTheRoleBecauseSessionsCarryNoPath() {
      assertThat(matches("arn:aws:iam::1:role/teams/Review", "arn:aws:sts::1:assumed-role/Review/mary")).isTrue();
    }

    @Test
    void anIamRoleWildcardMatchesSessionsOfMatchingRoles() {
      assertThat(matches("arn:aws:iam::1:role/Review*", "arn:aws:sts::1:assumed-role/ReviewTeam/mary")).isTrue();
      assertThat(matches("arn:aws:iam::1:role/Review*", "arn:aws:sts::1:assumed-role/Deploy/mary")).isFalse();
    }

    @Test
    void anIamRoleArnStaysInItsPartition() {
      assertThat(matches("arn:aws:iam::1:role/Review", "arn:aws-cn:sts::1:assumed-role/Review/mary")).isFalse();
    }

    @Test
    void anIamRoleArnDoesNotMatchAUserOfTheSameName() {
      assertThat(matches("arn:aws:iam::1:role/Review", "arn:aws:iam::1:user/Review")).isFalse();
    }
  }

  @Nested
  class CodeCommitApproversShorthand {

    @Test
    void matchesTheIamUserOfThatNameInThatAccount() {
      String pool = "CodeCommitApprovers:123456789012:Mary_Major";

      assertThat(matches(pool, "arn:aws:iam::123456789012:user/Mary_Major")).isTrue();
      assertThat(matches(pool, "arn:aws:iam::123456789012:user/Mary_Minor")).isFalse();
      assertThat(matches(pool, "arn:aws:iam::210987654321:user/Mary_Major")).isFalse();
    }

    @Test
    void matchesAnIamUserWhateverItsPath() {
      assertThat(matches("CodeCommitApprovers:1:alice", "arn:aws:iam::1:user/eng/alice")).isTrue();
    }

    @Test
    void matchesTheFederatedUserOfThatName() {
      assertThat(matches("CodeCommitApprovers:1:Mary_Major", "arn:aws:sts::1:federated-user/Mary_Major")).isTrue();
    }

    @Test
    void doesNotMatchAnAssumedRoleSessionByItsBareSessionName() {
      // The CodeCommit API reference: the shorthand does not recognise a session named Mary_Major
      // "unless you include a wildcard (*Mary_Major)".
      assertThat(
              matches(
                  "CodeCommitApprovers:1:Mary_Major",
                  "arn:aws:sts::1:assumed-role/CodeCommitReview/Mary_Major"))
          .isFalse();
    }

    @Test
    void matchesAnAssumedRoleSessionWhenTheNameCarriesALeadingWildcard() {
      String pool = "CodeCommitApprovers:1:*Mary_Major";

      assertThat(matches(pool, "arn:aws:sts::1:assumed-role/CodeCommitReview/Mary_Major")).isTrue();
      assertThat(matches(pool, "arn:aws:sts::1:assumed-role/CodeCommitReview/John_Doe")).isFalse();
    }

    @Test
    void matchesEverySessionOfARoleWhenWrittenAsRoleSlashWildcard() {
      assertThat(matches("CodeCommitApprovers:1:CodeCommitReview/*", "arn:aws:sts::1:assumed-role/CodeCommitReview/x"))
          .isTrue();
    }

    @Test
    void nameWildcardsWorkForUsersToo() {
      assertThat(matches("CodeCommitApprovers:1:dev_*", "arn:aws:iam::1:user/dev_alice")).isTrue();
      assertThat(matches("CodeCommitApprovers:1:dev_*", "arn:aws:iam::1:user/ops_alice")).isFalse();
    }

    @Test
    void doesNotMatchRolesRootOrArbitraryText() {
      assertThat(matches("CodeCommitApprovers:1:Review", "arn:aws:iam::1:role/Review")).isFalse();
      assertThat(matches("CodeCommitApprovers:1:root", "arn:aws:iam::1:root")).isFalse();
      assertThat(matches("CodeCommitApprovers:1:alice", "alice")).isFalse();
      assertThat(matches("CodeCommitApprovers:1:alice", null)).isFalse();
    }

    @Test
    void exposesItsAccountAndName() {
      CodeCommitApproversPoolMember member =
          (CodeCommitApproversPoolMember) ApprovalPoolMember.parse("CodeCommitApprovers:1:alice");

      assertThat(member.account()).isEqualTo("1");
      assertThat(member.name()).isEqualTo("alice");
      assertThat(member.text()).isEqualTo("CodeCommitApprovers:1:alice");
    }
  }

  @Nested
  class MalformedMembers {

    @Test
    void areRejectedWhenNeitherArnNorShorthand() {
      assertThatThrownBy(() -> ApprovalPoolMember.parse("Mary_Major")).isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> ApprovalPoolMember.parse("arn:aws:iam::1")).isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> ApprovalPoolMember.parse("")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void areRejectedWhenTheShorthandHasTheWrongNumberOfParts() {
      assertThatThrownBy(() -> ApprovalPoolMember.parse("CodeCommitApprovers:1"))
          .isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> ApprovalPoolMember.parse("CodeCommitApprovers:1:a:b"))
          .isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> ApprovalPoolMember.parse("CodeCommitApprovers::alice"))
          .isInstanceOf(IllegalArgumentException.class);
    }
  }
}
