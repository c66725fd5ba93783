package io.commitd.storage.refs;

import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.transport.ReceiveCommand;

/**
 * One ref change as the journal keeps it: the ref, its value before and after — an object id in
 * hex, or {@code ref: refs/heads/…} for a symbolic ref such as HEAD — and the outbox event type.
 */
public record RefChange(String refName, String oldValue, String newValue, String eventType) {
  /** The outbox event type of a branch or tag change; the trigger dispatcher turns it into EventBridge's. */
  public static final String REFERENCE_CHANGED = "referenceChanged";
  /** The outbox event type of a default-branch change (HEAD linked to another branch). */
  public static final String DEFAULT_BRANCH_CHANGED = "defaultBranchChanged";

  private static final String SYMBOLIC_PREFIX = "ref: ";

  static RefChange of(ReceiveCommand command) {
    return new RefChange(command.getRefName(), command.getOldId().name(), command.getNewId().name(), REFERENCE_CHANGED);
  }

  static RefChange headLink(String oldTarget, String newTarget) {
    return new RefChange(Constants.HEAD, symbolic(oldTarget), symbolic(newTarget), DEFAULT_BRANCH_CHANGED);
  }

  static String symbolic(String target) {
    return target == null ? ObjectId.zeroId().name() : SYMBOLIC_PREFIX + target;
  }

  /** The target of a symbolic value, or null for an object id. */
  static String targetOf(String value) {
    return value.startsWith(SYMBOLIC_PREFIX) ? value.substring(SYMBOLIC_PREFIX.length()) : null;
  }
}
