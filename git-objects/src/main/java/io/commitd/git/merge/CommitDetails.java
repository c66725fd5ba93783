package io.commitd.git.merge;

import java.time.Instant;
import java.util.Objects;

/**
 * Who merges, when, and with what message. The name is both author and committer, as the service
 * documents; the caller fills in its own defaults for a missing name or email (the service uses the
 * caller's identity) and passes the time, so merging needs no clock.
 *
 * @param commitMessage {@code null} for the default, {@link #defaultMessage}
 */
public record CommitDetails(String authorName, String email, String commitMessage, Instant when) {
  public CommitDetails {
    authorName = authorName == null ? "" : authorName;
    email = email == null ? "" : email;
    Objects.requireNonNull(when, "when");
  }

  /**
   * The message of a merge made without one, naming what was merged as the request named it (a
   * branch name, or a commit id when the request gave one).
   */
  public static String defaultMessage(String sourceName, String destinationName) {
    return "Merged " + sourceName + " into " + destinationName;
  }

  String messageOr(String sourceName, String destinationName) {
    return commitMessage != null ? commitMessage : defaultMessage(sourceName, destinationName);
  }
}
