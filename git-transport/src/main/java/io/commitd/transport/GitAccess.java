package io.commitd.transport;

import io.commitd.iam.auth.AccessControl;
import io.commitd.iam.auth.AccessRequest;
import io.commitd.iam.auth.Action;
import io.commitd.iam.auth.AuthorizationResult;
import io.commitd.iam.auth.Requester;
import io.commitd.storage.git.RepositoryStore;
import io.commitd.storage.refs.RefUpdatePipeline;
import io.commitd.storage.refs.RefUpdateRequest;
import io.commitd.storage.repos.RepositoryCatalog;
import io.commitd.storage.repos.RepositoryRecord;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.eclipse.jgit.internal.transport.connectivity.IterativeConnectivityChecker;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.transport.PreReceiveHook;
import org.eclipse.jgit.transport.ReceiveCommand;
import org.eclipse.jgit.transport.ReceivePack;
import org.eclipse.jgit.transport.UploadPack;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What both transports share: finding a repository by the name in the URL (in the caller's
 * account), authorizing {@code codecommit:GitPull}, and building upload-pack and receive-pack
 * whose ref updates go through the one ref-update pipeline.
 */
public final class GitAccess {
  private static final Logger LOG = LoggerFactory.getLogger(GitAccess.class);
  private static final Pattern NAME = Pattern.compile("[\\w.-]{1,100}");

  private final RepositoryCatalog catalog;
  private final RepositoryStore store;
  private final AccessControl access;
  private final RefUpdatePipeline<Requester> refUpdates;
  private final Maintenance maintenance;
  private final String region;
  private final GitOperation.Listener listener;

  public GitAccess(RepositoryCatalog catalog, RepositoryStore store, AccessControl access,
      RefUpdatePipeline<Requester> refUpdates, Maintenance maintenance, String region) {
    this(catalog, store, access, refUpdates, maintenance, region, GitOperation.Listener.NONE);
  }

  /** Git access that reports every pull and push, and every refused one, to {@code listener}. */
  public GitAccess(RepositoryCatalog catalog, RepositoryStore store, AccessControl access,
      RefUpdatePipeline<Requester> refUpdates, Maintenance maintenance, String region, GitOperation.Listener listener) {
    this.listener = listener;
    this.catalog = catalog;
    this.store = store;
    this.access = access;
    this.refUpdates = refUpdates;
    this.maintenance = maintenance;
    this.region = region;
  }

  /** A repository opened for one git request: its metadata and its JGit handle (close it). */
  public record OpenRepository(RepositoryRecord record, Repository git) implements AutoCloseable {
    @Override
    public void close() {
      git.close();
    }
  }

  /** The repository {@code name} of the requester's account, or empty when there is none. */
  public Optional<OpenRepository> open(Requester requester, String name) throws IOException {
    if (!NAME.matcher(name).matches()) {
      return Optional.empty();
    }
    Optional<RepositoryRecord> record = catalog.findByName(requester.accountId(), name);
    if (record.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new OpenRepository(record.get(), store.open(record.get().repositoryId())));
  }

  /** Throws unless the requester may fetch from the repository. */
  public void authorizePull(Requester requester, RepositoryRecord repository) throws GitAccessDeniedException {
    AccessRequest question = AccessRequest.of(requester.caller(), requester.facts(), Action.GIT_PULL, repository.arn(region));
    AuthorizationResult result = access.decide(question);
    if (!result.allowed()) {
      throw new GitAccessDeniedException(AccessControl.denial(question, result).getMessage());
    }
  }

  /** Throws unless the requester may fetch; a refusal is reported as a {@code GitPull} that failed. */
  public void authorizePull(Requester requester, RepositoryRecord repository, String transport) throws GitAccessDeniedException {
    try {
      authorizePull(requester, repository);
    } catch (GitAccessDeniedException e) {
      report(new GitOperation(GitOperation.Kind.PULL, transport, requester, repository.name(),
          repository.repositoryId(), repository.arn(region), List.of(), "AccessDenied", e.getMessage(), 0, 0));
      throw e;
    }
  }

  /** An upload-pack that reports the pack it sent as a {@code GitPull} once it is sent. */
  public UploadPack uploadPack(OpenRepository repository, Requester requester, List<String> extraParameters, String transport) {
    long started = System.nanoTime();
    UploadPack uploadPack = uploadPack(repository.git(), extraParameters);
    RepositoryRecord record = repository.record();
    // JGit calls the hook also when writing the pack failed (the client went away, the server
    // stopped); a written pack has at least its header and checksum, so no bytes means it failed.
    uploadPack.setPostUploadHook(statistics -> {
      boolean sent = statistics.getTotalBytes() > 0;
      report(new GitOperation(GitOperation.Kind.PULL, transport, requester, record.name(),
          record.repositoryId(), record.arn(region), List.of(), sent ? null : "Incomplete",
          sent ? null : "the pack was not sent completely", statistics.getTotalBytes(), (System.nanoTime() - started) / 1_000_000));
    });
    return uploadPack;
  }

  /** A receive-pack as {@link #receivePack(OpenRepository, Requester)}, reporting each push as a {@code GitPush}. */
  public ReceivePack receivePack(OpenRepository repository, Requester requester, String transport) {
    long started = System.nanoTime();
    ReceivePack receivePack = receivePack(repository, requester);
    PreReceiveHook apply = receivePack.getPreReceiveHook();
    RepositoryRecord record = repository.record();
    receivePack.setPreReceiveHook((rp, commands) -> {
      apply.onPreReceive(rp, commands);
      List<GitOperation.RefResult> refs = new ArrayList<>();
      ReceiveCommand refused = null;
      for (ReceiveCommand command : commands) {
        refs.add(new GitOperation.RefResult(command.getRefName(), command.getOldId().name(), command.getNewId().name(),
            command.getResult().name(), command.getMessage()));
        if (refused == null && command.getResult() != ReceiveCommand.Result.OK) {
          refused = command;
        }
      }
      long bytes;
      try {
        bytes = rp.getPackSize();
      } catch (IllegalStateException e) {
        bytes = 0; // only deletions: no pack was sent
      }
      report(new GitOperation(GitOperation.Kind.PUSH, transport, requester, record.name(),
          record.repositoryId(), record.arn(region), refs,
          refused == null ? null : errorCode(refused),
          refused == null ? null : refused.getRefName() + ": " + (refused.getMessage() == null ? refused.getResult().name() : refused.getMessage()),
          bytes, (System.nanoTime() - started) / 1_000_000));
    });
    return receivePack;
  }

  /**
   * Tells the listener; its failure (the audit database down) is logged, never the client's: the
   * refs have moved or the pack was sent by now.
   */
  private void report(GitOperation operation) {
    try {
      listener.completed(operation);
    } catch (RuntimeException e) {
      LOG.error("{} of repository {} was served but not recorded", operation.kind().eventName(), operation.repositoryName(), e);
    }
  }

  private static String errorCode(ReceiveCommand command) {
    String message = command.getMessage() == null ? "" : command.getMessage();
    if (message.contains("not authorized") || message.contains("explicit deny") || message.contains("no identity-based policy")) {
      return "AccessDenied";
    }
    return switch (command.getResult()) {
      case REJECTED_NONFASTFORWARD, LOCK_FAILURE -> "StaleReference";
      case REJECTED_OTHER_REASON -> "transaction aborted".equals(message) ? "Aborted" : "Rejected";
      default -> "Rejected";
    };
  }

  /**
   * An upload-pack for the repository. {@code extraParameters} carry the protocol version the
   * client asked for, from {@code GIT_PROTOCOL} (SSH) or the {@code Git-Protocol} header (HTTP).
   */
  public UploadPack uploadPack(Repository git, List<String> extraParameters) {
    UploadPack uploadPack = new UploadPack(git);
    uploadPack.setExtraParameters(extraParameters);
    uploadPack.setPreUploadHook(new ShallowClonePacking());
    return uploadPack;
  }

  /** A receive-pack whose every ref update is decided and applied by the ref-update pipeline. */
  public ReceivePack receivePack(OpenRepository repository, Requester requester) {
    ReceivePack receivePack = new ReceivePack(repository.git()) {
      {
        // A pack that holds everything its new refs reach needs no walk. Otherwise a push is
        // checked for connectivity from the refs it updates first, and walked against every
        // advertised ref only when it does not connect there (JGit's iterative checker).
        connectivityChecker = new SelfContainedPackCheck(new IterativeConnectivityChecker(connectivityChecker));
      }
    };
    receivePack.setAtomic(true);
    receivePack.setAllowPushOptions(true);
    receivePack.setAllowCreates(true);
    receivePack.setAllowDeletes(true);
    receivePack.setAllowNonFastForwards(true);
    receivePack.setPreReceiveHook((rp, commands) -> {
      List<ReceiveCommand> accepted = new ArrayList<>();
      for (ReceiveCommand command : commands) {
        if (command.getResult() != ReceiveCommand.Result.NOT_ATTEMPTED) {
          continue;
        }
        String ref = command.getRefName();
        if (!ref.startsWith(Constants.R_HEADS) && !ref.startsWith(Constants.R_TAGS)) {
          command.setResult(ReceiveCommand.Result.REJECTED_OTHER_REASON, "only branches and tags can be pushed");
        } else {
          accepted.add(command);
        }
      }
      if (rp.isAtomic() && accepted.size() != commands.size()) {
        ReceiveCommand.abort(commands);
        return;
      }
      try {
        refUpdates.apply(RefUpdateRequest.of(repository.record(), rp.getRepository(), requester, Action.GIT_PUSH.toString(),
            accepted, rp.isAtomic()));
      } catch (IOException e) {
        for (ReceiveCommand command : accepted) {
          if (command.getResult() == ReceiveCommand.Result.NOT_ATTEMPTED) {
            command.setResult(ReceiveCommand.Result.REJECTED_OTHER_REASON, "the server could not update the ref");
          }
        }
      }
    });
    receivePack.setPostReceiveHook((rp, commands) -> maintenance.afterPush(repository.record().repositoryId()));
    return receivePack;
  }
}
