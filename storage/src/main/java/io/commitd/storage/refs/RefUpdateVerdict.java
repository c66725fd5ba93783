package io.commitd.storage.refs;

import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jgit.transport.ReceiveCommand;

/**
 * What the pipeline decided for each command of one request. A refusal sets the command's JGit
 * result (so receive-pack reports it on the ref's own line) and keeps its typed reason (so an API
 * front end answers with the right error).
 */
public final class RefUpdateVerdict {
  private final List<ReceiveCommand> commands;
  private final Map<ReceiveCommand, Refusal> refusals = new IdentityHashMap<>();
  private final boolean headRequested;
  private Refusal headRefusal;
  private boolean headLinked;

  RefUpdateVerdict(List<ReceiveCommand> commands, boolean headRequested) {
    this.commands = commands;
    this.headRequested = headRequested;
  }

  /** Refuses {@code command} for {@code reason}; {@code message} is what the writer reads. */
  public void refuse(ReceiveCommand command, RefusalReason reason, String message) {
    refusals.put(command, new Refusal(reason, message));
    command.setResult(resultOf(reason), message);
  }

  /** Refuses every command not decided yet, and the request's HEAD change. */
  public void refuseAllPending(RefusalReason reason, String message) {
    if (headRequested && headRefusal == null && !headLinked) {
      headRefusal = new Refusal(reason, message);
    }
    for (ReceiveCommand command : commands) {
      if (command.getResult() == ReceiveCommand.Result.NOT_ATTEMPTED) {
        refuse(command, reason, message);
      }
    }
  }

  /** Why {@code command} was refused, or empty when it was applied or never decided. */
  public Optional<Refusal> refusalOf(ReceiveCommand command) {
    Refusal refusal = refusals.get(command);
    if (refusal != null) {
      return Optional.of(refusal);
    }
    return switch (command.getResult()) {
      case OK, NOT_ATTEMPTED -> Optional.empty();
      case LOCK_FAILURE, REJECTED_NONFASTFORWARD -> Optional.of(new Refusal(RefusalReason.STALE_VALUE, messageOf(command,
          "the ref was changed by another writer")));
      case REJECTED_NOCREATE, REJECTED_NODELETE, REJECTED_CURRENT_BRANCH, REJECTED_MISSING_OBJECT ->
          Optional.of(new Refusal(RefusalReason.INVALID_REF, messageOf(command, "the ref update is not valid")));
      case REJECTED_OTHER_REASON -> Optional.of(new Refusal(
          "transaction aborted".equals(command.getMessage()) ? RefusalReason.ABORTED : RefusalReason.INTERNAL_FAILURE,
          messageOf(command, "the server could not update the ref")));
    };
  }

  /** The first refusal of the request, if any: what an API call that moves one ref reports. */
  public Optional<Refusal> firstRefusal() {
    if (headRefusal != null) {
      return Optional.of(headRefusal);
    }
    return commands.stream().map(this::refusalOf).flatMap(Optional::stream)
        .filter(r -> r.reason() != RefusalReason.ABORTED)
        .findFirst()
        .or(() -> commands.stream().map(this::refusalOf).flatMap(Optional::stream).findFirst());
  }

  /** The commands that were applied and recorded. */
  public List<ReceiveCommand> applied() {
    return commands.stream().filter(c -> c.getResult() == ReceiveCommand.Result.OK).toList();
  }

  /** True when nothing of the request was refused. */
  public boolean allApplied() {
    return headRefusal == null && commands.stream().allMatch(c -> c.getResult() == ReceiveCommand.Result.OK);
  }

  /** True when any command, or the HEAD change, was refused. */
  boolean anyRefused() {
    return headRefusal != null || commands.stream().anyMatch(c -> refusalOf(c).isPresent());
  }

  boolean headRefused() {
    return headRefusal != null;
  }

  void refuseHead(RefusalReason reason, String message) {
    headRefusal = new Refusal(reason, message);
  }

  /** True when the request's HEAD change was applied and recorded. */
  public boolean headLinked() {
    return headLinked;
  }

  void markHeadLinked() {
    headLinked = true;
  }

  private static String messageOf(ReceiveCommand command, String fallback) {
    return command.getMessage() == null ? fallback : command.getMessage();
  }

  private static ReceiveCommand.Result resultOf(RefusalReason reason) {
    return switch (reason) {
      case STALE_VALUE -> ReceiveCommand.Result.LOCK_FAILURE;
      default -> ReceiveCommand.Result.REJECTED_OTHER_REASON;
    };
  }
}
