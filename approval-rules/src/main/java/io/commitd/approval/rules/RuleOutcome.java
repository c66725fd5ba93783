package io.commitd.approval.rules;

/** Whether one rule is met, and why, in words a person can act on. */
public record RuleOutcome(String ruleName, boolean satisfied, String reason) {}
