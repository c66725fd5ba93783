package io.commitd.iam.policy;

/** A statement's effect. */
public enum StatementEffect {
  ALLOW,
  DENY
}
