package io.commitd.approval.rules;

import java.util.Objects;

/** A named approval rule on a pull request, whether written for it or created from a template. */
public record ApprovalRule(String name, ApprovalRuleContent content) {

  public ApprovalRule {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(content, "content");
  }
}
