package io.commitd.iam.policy;

import java.util.List;

/** The answer of a policy evaluation, with the statements that decided it. */
public record Decision(Effect effect, List<String> reasons) {

  /** The three outcomes of AWS's evaluation logic. */
  public enum Effect {
    ALLOW,
    EXPLICIT_DENY,
    IMPLICIT_DENY
  }

  public Decision {
    reasons = List.copyOf(reasons);
  }

  public boolean allowed() {
    return effect == Effect.ALLOW;
  }
}
