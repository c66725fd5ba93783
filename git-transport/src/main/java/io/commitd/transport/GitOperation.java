package io.commitd.transport;

import io.commitd.iam.auth.Requester;
import java.util.List;

/**
 * One git pull or push as it ended, over either transport: who, which repository, which refs,
 * how it went, how many bytes of pack moved and how long it took. The audit trail, the logs and
 * the metrics are made from it.
 *
 * @param transport {@code HTTP} or {@code SSH}
 * @param repositoryId the repository's id, or null when it was never resolved
 * @param refs for a push, each ref it asked to move and its result; empty for a pull
 * @param errorCode null when it succeeded; {@code AccessDenied} or the reason a push was refused
 * @param bytes the pack's size, received (push) or sent (pull); 0 when none moved
 */
public record GitOperation(
    Kind kind,
    String transport,
    Requester requester,
    String repositoryName,
    String repositoryId,
    String repositoryArn,
    List<RefResult> refs,
    String errorCode,
    String errorMessage,
    long bytes,
    long millis) {

  public GitOperation {
    refs = List.copyOf(refs);
  }

  public enum Kind {
    PULL("GitPull"),
    PUSH("GitPush");

    private final String eventName;

    Kind(String eventName) {
      this.eventName = eventName;
    }

    /** The action and CloudTrail event name: {@code GitPull} or {@code GitPush}. */
    public String eventName() {
      return eventName;
    }
  }

  /** A ref a push asked to move: its name, old and new ids, and JGit's result ({@code OK}, {@code REJECTED_…}). */
  public record RefResult(String ref, String oldId, String newId, String result, String message) {}

  public boolean succeeded() {
    return errorCode == null;
  }

  /** Where operations are reported. */
  public interface Listener {
    Listener NONE = operation -> {};

    void completed(GitOperation operation);
  }
}
