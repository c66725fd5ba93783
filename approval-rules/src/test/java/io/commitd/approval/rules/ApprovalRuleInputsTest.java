package io.commitd.approval.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ApprovalRuleInputsTest {

  private static String code(Throwable thrown) {
    return ((ApprovalRuleException) thrown).code();
  }

  @Test
  void ruleNamesOfOneToOneHundredCharactersAreAccepted() {
    assertThat(ApprovalRuleInputs.requireValidRuleName("a")).isEqualTo("a");
    assertThat(ApprovalRuleInputs.requireValidRuleName("r".repeat(100))).hasSize(100);
  }

  @Test
  void aMissingRuleNameIsReportedAsRequired() {
    assertThatThrownBy(() -> ApprovalRuleInputs.requireValidRuleName(null))
        .satisfies(e -> assertThat(code(e)).isEqualTo("ApprovalRuleNameRequiredException"));
    assertThatThrownBy(() -> ApprovalRuleInputs.requireValidRuleName(""))
        .isInstanceOf(ApprovalRuleNameRequiredException.class);
  }

  @Test
  void aRuleNameOverOneHundredCharactersIsInvalid() {
    assertThatThrownBy(() -> ApprovalRuleInputs.requireValidRuleName("r".repeat(101)))
        .isInstanceOf(InvalidApprovalRuleNameException.class)
        .satisfies(e -> assertThat(code(e)).isEqualTo("InvalidApprovalRuleNameException"));
  }

  @Test
  void nameLimitsCountCharactersNotUtf16Units() {
    String hundredEmoji = "\uD83D\uDE00".repeat(100);

    assertThat(ApprovalRuleInputs.requireValidRuleName(hundredEmoji)).isEqualTo(hundredEmoji);
  }

  @Test
  void templateNamesOfOneToOneHundredCharactersAreAccepted() {
    assertThat(ApprovalRuleInputs.requireValidTemplateName("t".repeat(100))).hasSize(100);
  }

  @Test
  void aMissingTemplateNameIsReportedAsRequired() {
    assertThatThrownBy(() -> ApprovalRuleInputs.requireValidTemplateName(""))
        .isInstanceOf(ApprovalRuleTemplateNameRequiredException.class)
        .satisfies(e -> assertThat(code(e)).isEqualTo("ApprovalRuleTemplateNameRequiredException"));
  }

  @Test
  void aTemplateNameOverOneHundredCharactersIsInvalid() {
    assertThatThrownBy(() -> ApprovalRuleInputs.requireValidTemplateName("t".repeat(101)))
        .isInstanceOf(InvalidApprovalRuleTemplateNameException.class)
        .satisfies(e -> assertThat(code(e)).isEqualTo("InvalidApprovalRuleTemplateNameException"));
  }

  @Test
  void aMissingTemplateDescriptionBecomesEmpty() {
    assertThat(ApprovalRuleInputs.requireValidTemplateDescription(null)).isEmpty();
  }

  @Test
  void templateDescriptionsUpToOneThousandCharactersAreAccepted() {
    assertThat(ApprovalRuleInputs.requireValidTemplateDescription("d".repeat(1000))).hasSize(1000);
  }

  @Test
  void aTemplateDescriptionOverOneThousandCharactersIsInvalid() {
    assertThatThrownBy(() -> ApprovalRuleInputs.requireValidTemplateDescription("d".repeat(1001)))
        .isInstanceOf(InvalidApprovalRuleTemplateDescriptionException.class)
        .satisfies(e -> assertThat(code(e)).isEqualTo("InvalidApprovalRuleTemplateDescriptionException"));
  }
}
