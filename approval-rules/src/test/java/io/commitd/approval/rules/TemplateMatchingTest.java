package io.commitd.approval.rules;

import static org.assertj.core.api.Assertions.assertThat;

import io.commitd.approval.rules.ApprovalRuleContent.Kind;
import org.junit.jupiter.api.Test;

class TemplateMatchingTest {

  private static ApprovalRuleContent template(String destinations) {
    return ApprovalRuleContent.parse(
        "{\"Version\": \"2018-11-08\"" + destinations + ", \"Statements\": []}", Kind.TEMPLATE);
  }

  @Test
  void aTemplateWithoutDestinationReferencesAppliesToEveryDestination() {
    assertThat(TemplateMatching.appliesTo(template(""), "refs/heads/main")).isTrue();
    assertThat(TemplateMatching.appliesTo(template(""), "refs/heads/feature/x")).isTrue();
  }

  @Test
  void aTemplateWithAnEmptyDestinationListAppliesToEveryDestination() {
    assertThat(TemplateMatching.appliesTo(template(", \"DestinationReferences\": []"), "refs/heads/dev")).isTrue();
  }

  @Test
  void aTemplateWithDestinationReferencesAppliesOnlyToThoseBranches() {
    ApprovalRuleContent content =
        template(", \"DestinationReferences\": [\"refs/heads/main\", \"refs/heads/release\"]");

    assertThat(TemplateMatching.appliesTo(content, "refs/heads/main")).isTrue();
    assertThat(TemplateMatching.appliesTo(content, "refs/heads/release")).isTrue();
    assertThat(TemplateMatching.appliesTo(content, "refs/heads/dev")).isFalse();
  }

  @Test
  void destinationsAreComparedAsFullRefNamesExactly() {
    ApprovalRuleContent content = template(", \"DestinationReferences\": [\"refs/heads/main\"]");

    assertThat(TemplateMatching.appliesTo(content, "main")).isFalse();
    assertThat(TemplateMatching.appliesTo(content, "refs/heads/main2")).isFalse();
    assertThat(TemplateMatching.appliesTo(content, "refs/heads/Main")).isFalse();
  }
}
