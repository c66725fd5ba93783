package io.commitd.approval.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.commitd.approval.rules.ApprovalRuleContent.Kind;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class ApprovalRuleContentTest {

  private static final String MINIMAL =
      "{\"Version\": \"2018-11-08\", \"Statements\": [{\"Type\": \"Approvers\", \"NumberOfApprovalsNeeded\": 1}]}";

  private static final String TWO_FROM_POOL =
      """
      {"Version": "2018-11-08",
       "DestinationReferences": ["refs/heads/main"],
       "Statements": [{"Type": "Approvers", "NumberOfApprovalsNeeded": 2,
                       "ApprovalPoolMembers": ["arn:aws:sts::123456789012:assumed-role/CodeCommitReview/*",
                                               "CodeCommitApprovers:123456789012:Mary_Major"]}]}
      """;

  private static String withStatement(String statement) {
    return "{\"Version\": \"2018-11-08\", \"Statements\": [" + statement + "]}";
  }

  private static void assertInvalidRule(String json, String messagePart) {
    assertThatThrownBy(() -> ApprovalRuleContent.parse(json))
        .isInstanceOf(InvalidApprovalRuleContentException.class)
        .hasMessageContaining(messagePart)
        .extracting(e -> ((ApprovalRuleException) e).code())
        .isEqualTo("InvalidApprovalRuleContentException");
  }

  @Nested
  class WellFormedContent {

    @Test
    void readsVersionStatementsPoolAndDestinations() {
      ApprovalRuleContent content = ApprovalRuleContent.parse(TWO_FROM_POOL, Kind.TEMPLATE);

      assertThat(content.version()).isEqualTo("2018-11-08");
      assertThat(content.destinationReferences()).containsExactly("refs/heads/main");
      assertThat(content.statements()).hasSize(1);
      ApprovalStatement statement = content.statements().get(0);
      assertThat(statement.type()).isEqualTo("Approvers");
      assertThat(statement.numberOfApprovalsNeeded()).isEqualTo(2);
      assertThat(statement.approvalPoolMembers())
          .extracting(ApprovalPoolMember::text)
          .containsExactly(
              "arn:aws:sts::123456789012:assumed-role/CodeCommitReview/*",
              "CodeCommitApprovers:123456789012:Mary_Major");
    }

    @Test
    void keepsTheContentTextExactlyAsGiven() {
      assertThat(ApprovalRuleContent.parse(TWO_FROM_POOL).text()).isEqualTo(TWO_FROM_POOL);
    }

    @Test
    void sha256IsTheLowerCaseHexDigestOfTheUtf8Text() {
      assertThat(ApprovalRuleContent.parse(MINIMAL).sha256())
          .isEqualTo("e2b077fcee53cfeaace5fef12b006ed3c1afb686d9d4b7a7f32273d20689ffae");
    }

    @Test
    void aStatementWithoutPoolMembersAdmitsAnyone() {
      ApprovalStatement statement = ApprovalRuleContent.parse(MINIMAL).statements().get(0);

      assertThat(statement.hasPool()).isFalse();
      assertThat(statement.admits("arn:aws:iam::1:user/anyone")).isTrue();
    }

    @Test
    void anEmptyStatementListIsAllowed() {
      assertThat(ApprovalRuleContent.parse("{\"Version\": \"2018-11-08\", \"Statements\": []}").statements())
          .isEmpty();
    }

    @Test
    void contentWithoutDestinationReferencesHasNone() {
      assertThat(ApprovalRuleContent.parse(MINIMAL, Kind.TEMPLATE).destinationReferences()).isEmpty();
    }

    @Test
    void pullRequestRulesAcceptDestinationReferencesWithoutCheckingThem() {
      String json =
          "{\"Version\": \"2018-11-08\", \"DestinationReferences\": [\"main\"], \"Statements\": []}";

      assertThat(ApprovalRuleContent.parse(json).destinationReferences()).containsExactly("main");
    }

    @Test
    void optionalFieldsMayBeNull() {
      String json =
          "{\"Version\": \"2018-11-08\", \"DestinationReferences\": null, \"Statements\": "
              + "[{\"Type\": \"Approvers\", \"NumberOfApprovalsNeeded\": 1, \"ApprovalPoolMembers\": null}]}";

      ApprovalRuleContent content = ApprovalRuleContent.parse(json, Kind.TEMPLATE);

      assertThat(content.destinationReferences()).isEmpty();
      assertThat(content.statements().get(0).hasPool()).isFalse();
    }

    @Test
    void contentOfExactlyThreeThousandCharactersIsAccepted() {
      String padded = MINIMAL.replace("{\"Version\"", "{" + " ".repeat(3000 - MINIMAL.length()) + "\"Version\"");

      assertThat(padded).hasSize(3000);
      assertThat(ApprovalRuleContent.parse(padded).text()).isEqualTo(padded);
    }
  }

  @Nested
  class MalformedRuleContent {

    @Test
    void isRejectedWhenNotJson() {
      assertInvalidRule("{\"Version\": ", "not valid JSON");
    }

    @Test
    void isRejectedWhenJsonIsFollowedByMoreText() {
      assertInvalidRule(MINIMAL + " {}", "not valid JSON");
    }

    @Test
    void isRejectedWhenAKeyIsRepeated() {
      assertInvalidRule(
          "{\"Version\": \"2018-11-08\", \"Version\": \"2018-11-08\", \"Statements\": []}",
          "not valid JSON");
    }

    @Test
    void isRejectedWhenNotAnObject() {
      assertInvalidRule("[]", "must be a JSON object");
    }

    @Test
    void isRejectedWhenBlank() {
      assertInvalidRule("   ", "must be a JSON object");
    }

    @Test
    void isRejectedWithoutVersion() {
      assertInvalidRule("{\"Statements\": []}", "must have a Version");
    }

    @Test
    void isRejectedWithAnotherVersion() {
      assertInvalidRule("{\"Version\": \"2012-10-17\", \"Statements\": []}", "Version must be");
    }

    @Test
    void isRejectedWithoutStatements() {
      assertInvalidRule("{\"Version\": \"2018-11-08\"}", "must have Statements");
    }

    @Test
    void isRejectedWhenStatementsIsNotAList() {
      assertInvalidRule("{\"Version\": \"2018-11-08\", \"Statements\": {}}", "Statements must be a list");
    }

    @Test
    void isRejectedWithAnUnknownField() {
      assertInvalidRule("{\"Version\": \"2018-11-08\", \"Statements\": [], \"Effect\": \"Allow\"}", "unknown field Effect");
    }

    @Test
    void isRejectedWhenAStatementHasAnUnknownField() {
      assertInvalidRule(
          withStatement("{\"Type\": \"Approvers\", \"NumberOfApprovalsNeeded\": 1, \"Approvers\": []}"),
          "unknown field Approvers");
    }

    @Test
    void isRejectedWhenAStatementIsNotAnObject() {
      assertInvalidRule(withStatement("\"Approvers\""), "must be a JSON object");
    }

    @Test
    void isRejectedWhenTheStatementTypeIsNotApprovers() {
      assertInvalidRule(withStatement("{\"Type\": \"Reviewers\", \"NumberOfApprovalsNeeded\": 1}"), "Type must be");
    }

    @Test
    void isRejectedWhenTheStatementTypeIsMissing() {
      assertInvalidRule(withStatement("{\"NumberOfApprovalsNeeded\": 1}"), "Type must be");
    }

    @Test
    void isRejectedWhenZeroApprovalsAreNeeded() {
      assertInvalidRule(withStatement("{\"Type\": \"Approvers\", \"NumberOfApprovalsNeeded\": 0}"), "at least 1");
    }

    @Test
    void isRejectedWhenANegativeNumberOfApprovalsIsNeeded() {
      assertInvalidRule(withStatement("{\"Type\": \"Approvers\", \"NumberOfApprovalsNeeded\": -2}"), "at least 1");
    }

    @Test
    void isRejectedWhenTheNumberOfApprovalsIsNotAWholeNumber() {
      assertInvalidRule(withStatement("{\"Type\": \"Approvers\", \"NumberOfApprovalsNeeded\": 1.5}"), "whole number");
      assertInvalidRule(withStatement("{\"Type\": \"Approvers\", \"NumberOfApprovalsNeeded\": \"2\"}"), "whole number");
      assertInvalidRule(
          withStatement("{\"Type\": \"Approvers\", \"NumberOfApprovalsNeeded\": 99999999999}"), "whole number");
    }

    @Test
    void isRejectedWhenTheNumberOfApprovalsIsMissing() {
      assertInvalidRule(withStatement("{\"Type\": \"Approvers\"}"), "must have NumberOfApprovalsNeeded");
    }

    @Test
    void isRejectedWhenThePoolIsNotAListOfStrings() {
      assertInvalidRule(
          withStatement("{\"Type\": \"Approvers\", \"NumberOfApprovalsNeeded\": 1, \"ApprovalPoolMembers\": \"x\"}"),
          "ApprovalPoolMembers must be a list of strings");
      assertInvalidRule(
          withStatement("{\"Type\": \"Approvers\", \"NumberOfApprovalsNeeded\": 1, \"ApprovalPoolMembers\": [1]}"),
          "ApprovalPoolMembers must be a list of strings");
    }

    @Test
    void isRejectedWhenAPoolMemberIsNeitherArnNorShorthand() {
      assertInvalidRule(
          withStatement(
              "{\"Type\": \"Approvers\", \"NumberOfApprovalsNeeded\": 1, \"ApprovalPoolMembers\": [\"Mary_Major\"]}"),
          "Mary_Major");
    }

    @Test
    void isRejectedWhenAShorthandPoolMemberLacksItsName() {
      assertInvalidRule(
          withStatement(
              "{\"Type\": \"Approvers\", \"NumberOfApprovalsNeeded\": 1, "
                  + "\"ApprovalPoolMembers\": [\"CodeCommitApprovers:123456789012\"]}"),
          "CodeCommitApprovers:ACCOUNT:NAME");
    }

    @Test
    void isRejectedWhenLongerThanThreeThousandCharacters() {
      String tooLong = MINIMAL.replace("{\"Version\"", "{" + " ".repeat(3001 - MINIMAL.length()) + "\"Version\"");

      assertInvalidRule(tooLong, "at most 3000");
    }

    @Test
    void thatIsMissingAltogetherIsReportedAsRequired() {
      assertThatThrownBy(() -> ApprovalRuleContent.parse(null))
          .isInstanceOf(ApprovalRuleContentRequiredException.class)
          .extracting(e -> ((ApprovalRuleException) e).code())
          .isEqualTo("ApprovalRuleContentRequiredException");
      assertThatThrownBy(() -> ApprovalRuleContent.parse(""))
          .isInstanceOf(ApprovalRuleContentRequiredException.class);
    }
  }

  @Nested
  class MalformedTemplateContent {

    @Test
    void isReportedWithTheTemplateErrorCode() {
      assertThatThrownBy(() -> ApprovalRuleContent.parse("{\"Version\": \"2018-11-08\"}", Kind.TEMPLATE))
          .isInstanceOf(InvalidApprovalRuleTemplateContentException.class)
          .extracting(e -> ((ApprovalRuleException) e).code())
          .isEqualTo("InvalidApprovalRuleTemplateContentException");
    }

    @Test
    void thatIsMissingAltogetherIsReportedAsTemplateContentRequired() {
      assertThatThrownBy(() -> ApprovalRuleContent.parse("", Kind.TEMPLATE))
          .isInstanceOf(ApprovalRuleTemplateContentRequiredException.class)
          .extracting(e -> ((ApprovalRuleException) e).code())
          .isEqualTo("ApprovalRuleTemplateContentRequiredException");
    }

    @Test
    void isRejectedWhenADestinationReferenceIsNotAFullRefName() {
      String json = "{\"Version\": \"2018-11-08\", \"DestinationReferences\": [\"main\"], \"Statements\": []}";

      assertThatThrownBy(() -> ApprovalRuleContent.parse(json, Kind.TEMPLATE))
          .isInstanceOf(InvalidApprovalRuleTemplateContentException.class)
          .hasMessageContaining("main");
    }

    @Test
    void isRejectedWhenADestinationReferenceIsNotAString() {
      String json = "{\"Version\": \"2018-11-08\", \"DestinationReferences\": [7], \"Statements\": []}";

      assertThatThrownBy(() -> ApprovalRuleContent.parse(json, Kind.TEMPLATE))
          .isInstanceOf(InvalidApprovalRuleTemplateContentException.class)
          .hasMessageContaining("DestinationReferences must be a list of strings");
    }
  }
}
