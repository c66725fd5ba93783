package io.commitd.reviews;

import io.commitd.reviews.PullRequestStore.Outgoing;
import io.commitd.storage.errors.AwsException;
import io.commitd.storage.git.Refs;
import io.commitd.storage.git.RepositoryStore;
import io.commitd.storage.refs.Actor;
import io.commitd.storage.refs.RefUpdateListener;
import io.commitd.storage.refs.RefUpdateRequest;
import io.commitd.storage.repos.RepositoryCatalog;
import io.commitd.storage.repos.RepositoryRecord;
import io.commitd.triggers.events.PullRequestEventType;
import io.commitd.triggers.events.PullRequestStateChange;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.revwalk.filter.RevFilter;
import org.eclipse.jgit.transport.ReceiveCommand;

/**
 * Pull requests as CodeCommit keeps them: created against two branches, given a new revision on
 * every new source commit, and marked merged when their source becomes part of the destination —
 * by an API merge or a plain {@code git push}, since it hears of every ref change the pipeline
 * applies.
 */
public final class PullRequestService implements RefUpdateListener {
  /** CodeCommit's limit of open pull requests per repository. */
  public static final int MAX_OPEN_PER_REPOSITORY = 1000;
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final int UPDATE_ATTEMPTS = 5;

  private final PullRequestStore store;
  private final RepositoryCatalog catalog;
  private final RepositoryStore repositories;
  private final String region;
  private final Clock clock;
  private final NewPullRequestRules newRules;

  public PullRequestService(PullRequestStore store, RepositoryCatalog catalog, RepositoryStore repositories, String region,
      Clock clock) {
    this(store, catalog, repositories, region, clock, NewPullRequestRules.none());
  }

  /** @param newRules the approval rules each new pull request starts with (its repository's templates) */
  public PullRequestService(PullRequestStore store, RepositoryCatalog catalog, RepositoryStore repositories, String region,
      Clock clock, NewPullRequestRules newRules) {
    this.newRules = newRules;
    this.store = store;
    this.catalog = catalog;
    this.repositories = repositories;
    this.region = region;
    this.clock = clock;
  }

  public PullRequestStore store() {
    return store;
  }

  /**
   * Opens a pull request; with a client request token already used for the same pull request,
   * answers that one (idempotency), and for a different one fails.
   */
  public PullRequestRecord create(NewPullRequest request) {
    RepositoryRecord repository = request.repository();
    if (request.clientRequestToken() != null) {
      Optional<PullRequestRecord> earlier = store.findByToken(repository.accountId(), request.clientRequestToken());
      if (earlier.isPresent()) {
        return sameRequest(earlier.get(), request);
      }
    }
    if (request.sourceReference().equals(request.destinationReference())) {
      throw AwsException.badRequest("SourceAndDestinationAreSameException",
          "The source branch and destination branch for the pull request are the same. You must specify different branches for the source and destination.");
    }
    if (store.countOpen(repository.repositoryId()) >= MAX_OPEN_PER_REPOSITORY) {
      throw AwsException.badRequest("MaximumOpenPullRequestsExceededException",
          "You cannot create the pull request because the repository has too many open pull requests. The maximum number of open pull requests for a repository is "
              + MAX_OPEN_PER_REPOSITORY + ".");
    }
    try (Repository git = repositories.open(repository.repositoryId()); RevWalk walk = new RevWalk(git)) {
      ObjectId source = tip(git, request.sourceReference());
      ObjectId destination = tip(git, request.destinationReference());
      PullRequestRecord pr = new PullRequestRecord(store.nextId(), repository.accountId(), repository.repositoryId(),
          request.title(), request.description(), PullRequestRecord.OPEN, request.authorArn(), request.clientRequestToken(),
          newRevisionId(), request.at(), request.at(), request.sourceReference(), request.destinationReference(), source.name(),
          destination.name(), mergeBase(walk, source, destination), false, null, null, null, null, null);
      try {
        store.create(pr, PullRequestEvents.created(pr, repository.name()),
            outgoing(pr, repository, PullRequestEventType.PULL_REQUEST_CREATED, request.authorArn(), UnaryOperator.identity()),
            newRules.rulesFor(pr, repository));
      } catch (PullRequestStore.TokenTakenException e) {
        return sameRequest(store.findByToken(repository.accountId(), request.clientRequestToken()).orElseThrow(), request);
      }
      return pr;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static PullRequestRecord sameRequest(PullRequestRecord earlier, NewPullRequest request) {
    boolean same = earlier.repositoryId().equals(request.repository().repositoryId())
        && earlier.title().equals(request.title())
        && java.util.Objects.equals(earlier.description(), request.description())
        && earlier.sourceReference().equals(request.sourceReference())
        && earlier.destinationReference().equals(request.destinationReference());
    if (!same) {
      throw AwsException.badRequest("IdempotencyParameterMismatchException",
          "The client request token is not valid. Either the token is not in a valid format, or the token has been used in a previous request and cannot be reused.");
    }
    return earlier;
  }

  public PullRequestRecord require(String pullRequestId) {
    long id;
    try {
      id = Long.parseLong(pullRequestId);
    } catch (NumberFormatException e) {
      throw AwsException.badRequest("InvalidPullRequestIdException", "The pull request ID is not valid: " + pullRequestId);
    }
    return store.find(id).orElseThrow(() -> AwsException.badRequest("PullRequestDoesNotExistException",
        "The pull request ID could not be found. Make sure that you have specified the correct repository name and pull request ID, and then try again."));
  }

  public PullRequestRecord updateTitle(PullRequestRecord pr, String title, String actorArn) {
    requireOpen(pr);
    return change(pr, current -> with(current, title, current.description(), current.status()), actorArn, List.of(), null);
  }

  public PullRequestRecord updateDescription(PullRequestRecord pr, String description, String actorArn) {
    requireOpen(pr);
    return change(pr, current -> with(current, current.title(), description, current.status()), actorArn, List.of(), null);
  }

  /** Opens or closes; a merged pull request stays closed. */
  public PullRequestRecord updateStatus(PullRequestRecord pr, String status, String actorArn) {
    if (pr.status().equals(status)) {
      return pr;
    }
    if (pr.merged()) {
      throw AwsException.badRequest("InvalidPullRequestStatusUpdateException",
          "The pull request status update is not valid. The only valid update is from OPEN to CLOSED.");
    }
    Instant now = clock.instant();
    return change(pr, current -> with(current, current.title(), current.description(), status), actorArn,
        List.of(), PullRequestEventType.PULL_REQUEST_STATUS_CHANGED, now, true);
  }

  /** Records that an API merge of the pull request produced {@code mergeCommitId}. */
  public PullRequestRecord markMerged(PullRequestRecord pr, String actorArn, String mergeCommitId, String mergeOption,
      String destinationCommit) {
    return mergedNow(pr, actorArn, mergeCommitId, mergeOption, destinationCommit);
  }

  /**
   * Overrides the approval rules of the pull request's current revision ({@code override}), or
   * revokes the override, recording {@code PULL_REQUEST_APPROVAL_RULE_OVERRIDDEN}.
   *
   * @param revisionId the revision the caller saw; another one answers {@code RevisionNotCurrentException}
   */
  public PullRequestRecord setOverride(PullRequestRecord pr, String revisionId, boolean override, String actorArn) {
    requireOpen(pr);
    requireCurrent(pr, revisionId);
    String status = override ? "OVERRIDE" : "REVOKE";
    if (override == "OVERRIDE".equals(pr.overrideStatus())) {
      throw AwsException.badRequest("OverrideAlreadySetException",
          "The pull request has already had its approval rules set to " + status + ".");
    }
    Instant now = clock.instant();
    PullRequestRecord updated = touched(new PullRequestRecord(pr.pullRequestId(), pr.accountId(), pr.repositoryId(),
        pr.title(), pr.description(), pr.status(), pr.authorArn(), pr.clientRequestToken(), pr.revisionId(), pr.createdAt(),
        now, pr.sourceReference(), pr.destinationReference(), pr.sourceCommit(), pr.destinationCommit(), pr.mergeBase(),
        pr.merged(), pr.mergedBy(), pr.mergeCommitId(), pr.mergeOption(), override ? "OVERRIDE" : null,
        override ? actorArn : null), now);
    PullRequestEvent event = PullRequestEvents.approvalRuleOverridden(pr.pullRequestId(), pr.revisionId(), status, now,
        actorArn);
    Outgoing outgoing = outgoing(updated, PullRequestEventType.PULL_REQUEST_APPROVAL_RULE_OVERRIDDEN, actorArn,
        detail -> detail.overrideStatus(status));
    if (!store.update(pr, updated, List.of(event), outgoing)) {
      PullRequestRecord current = store.find(pr.pullRequestId()).orElseThrow();
      requireOpen(current);
      requireCurrent(current, revisionId);
      return setOverride(current, revisionId, override, actorArn);
    }
    return updated;
  }

  /** {@code RevisionNotCurrentException} unless {@code revisionId} is the pull request's revision. */
  static void requireCurrent(PullRequestRecord pr, String revisionId) {
    if (!pr.revisionId().equals(revisionId)) {
      throw AwsException.badRequest("RevisionNotCurrentException",
          "The revision ID provided in the request does not match the current revision ID. Use GetPullRequest to"
              + " retrieve the current revision ID.");
    }
  }

  // ---- following the refs

  @Override
  public void applied(RefUpdateRequest<? extends Actor> request, List<ReceiveCommand> applied) {
    if (request.action().startsWith("codecommit:MergePullRequestBy")) {
      return; // the merge operation records its own merge, with its option and commit
    }
    String repositoryId = request.repository().repositoryId();
    for (ReceiveCommand command : applied) {
      for (PullRequestRecord pr : store.openTouching(repositoryId, command.getRefName())) {
        follow(pr, request.git(), command, request.actor().principalArn());
      }
    }
  }

  private void follow(PullRequestRecord pr, Repository git, ReceiveCommand command, String actorArn) {
    if (command.getType() == ReceiveCommand.Type.DELETE) {
      return;
    }
    String newTip = command.getNewId().name();
    try (RevWalk walk = new RevWalk(git)) {
      PullRequestRecord current = pr;
      if (command.getRefName().equals(pr.sourceReference()) && !newTip.equals(pr.sourceCommit())) {
        current = newRevision(pr, walk, newTip, actorArn);
      }
      if (command.getRefName().equals(pr.destinationReference())) {
        current = change(current, p -> withDestination(p, newTip, mergeBaseOf(walk, p.sourceCommit(), newTip)), actorArn,
            List.of(), null);
      }
      ObjectId source = ObjectId.fromString(current.sourceCommit());
      ObjectId destination = ObjectId.fromString(current.destinationCommit());
      if (isAncestor(walk, source, destination)) {
        String option = source.equals(destination) ? "FAST_FORWARD_MERGE" : "THREE_WAY_MERGE";
        mergedNow(current, actorArn, destination.name(), option, destination.name());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private PullRequestRecord newRevision(PullRequestRecord pr, RevWalk walk, String newTip, String actorArn) {
    String repositoryName = repositoryName(pr);
    Instant now = clock.instant();
    return change(pr, current -> {
      String base = mergeBaseOf(walk, newTip, current.destinationCommit());
      return new PullRequestRecord(current.pullRequestId(), current.accountId(), current.repositoryId(), current.title(),
          current.description(), current.status(), current.authorArn(), current.clientRequestToken(), newRevisionId(),
          current.createdAt(), now, current.sourceReference(), current.destinationReference(), newTip,
          current.destinationCommit(), base, current.merged(), current.mergedBy(), current.mergeCommitId(),
          current.mergeOption(), null, null); // an override, like an approval, belongs to the revision it was given for
    }, actorArn, List.of((before, after) -> PullRequestEvents.sourceUpdated(before, after, repositoryName, now, actorArn)),
        PullRequestEventType.PULL_REQUEST_SOURCE_BRANCH_UPDATED, now, false);
  }

  private PullRequestRecord mergedNow(PullRequestRecord pr, String actorArn, String mergeCommitId, String mergeOption,
      String destinationCommit) {
    String repositoryName = repositoryName(pr);
    Instant now = clock.instant();
    return change(pr, current -> new PullRequestRecord(current.pullRequestId(), current.accountId(), current.repositoryId(),
        current.title(), current.description(), PullRequestRecord.CLOSED, current.authorArn(), current.clientRequestToken(),
        current.revisionId(), current.createdAt(), now, current.sourceReference(), current.destinationReference(),
        current.sourceCommit(), destinationCommit, current.mergeBase(), true, actorArn, mergeCommitId, mergeOption,
        current.overrideStatus(), current.overriderArn()), actorArn,
        List.of((before, after) -> PullRequestEvents.mergeStateChanged(after, repositoryName, now, actorArn),
            (before, after) -> PullRequestEvents.statusChanged(after, now, actorArn)),
        PullRequestEventType.PULL_REQUEST_MERGE_STATUS_UPDATED, now, false);
  }

  // ---- the compare-and-swap of a pull request's row

  /** Builds one history entry from the row before and after a change. */
  @FunctionalInterface
  private interface EventOf {
    PullRequestEvent of(PullRequestRecord before, PullRequestRecord after);
  }

  private PullRequestRecord change(PullRequestRecord pr, UnaryOperator<PullRequestRecord> update, String actorArn,
      List<EventOf> events, PullRequestEventType eventBridgeType) {
    return change(pr, update, actorArn, events, eventBridgeType, clock.instant(), false);
  }

  /**
   * Applies {@code update} to the freshest row until no other writer got in between, recording
   * {@code events} (and the status-change entry when {@code statusEvent}) and the EventBridge event.
   */
  private PullRequestRecord change(PullRequestRecord pr, UnaryOperator<PullRequestRecord> update, String actorArn,
      List<EventOf> events, PullRequestEventType eventBridgeType, Instant now, boolean statusEvent) {
    PullRequestRecord current = pr;
    for (int attempt = 0; attempt < UPDATE_ATTEMPTS; attempt++) {
      PullRequestRecord updated = touched(update.apply(current), now);
      List<PullRequestEvent> entries = new java.util.ArrayList<>();
      for (EventOf event : events) {
        entries.add(event.of(current, updated));
      }
      if (statusEvent) {
        entries.add(PullRequestEvents.statusChanged(updated, now, actorArn));
      }
      RepositoryRecord repository = catalog.findById(updated.repositoryId()).orElse(null);
      Outgoing outgoing = eventBridgeType == null || repository == null ? null
          : outgoing(updated, repository, eventBridgeType, actorArn, UnaryOperator.identity());
      if (store.update(current, updated, entries, outgoing)) {
        return updated;
      }
      current = store.find(pr.pullRequestId()).orElseThrow();
    }
    throw new AwsException("ConcurrentReferenceUpdateException", 400,
        "The pull request could not be updated because it changed at the same time. Try again.");
  }

  private static PullRequestRecord touched(PullRequestRecord pr, Instant now) {
    return new PullRequestRecord(pr.pullRequestId(), pr.accountId(), pr.repositoryId(), pr.title(), pr.description(),
        pr.status(), pr.authorArn(), pr.clientRequestToken(), pr.revisionId(), pr.createdAt(), now, pr.sourceReference(),
        pr.destinationReference(), pr.sourceCommit(), pr.destinationCommit(), pr.mergeBase(), pr.merged(), pr.mergedBy(),
        pr.mergeCommitId(), pr.mergeOption(), pr.overrideStatus(), pr.overriderArn());
  }

  private static PullRequestRecord with(PullRequestRecord pr, String title, String description, String status) {
    return new PullRequestRecord(pr.pullRequestId(), pr.accountId(), pr.repositoryId(), title, description, status,
        pr.authorArn(), pr.clientRequestToken(), pr.revisionId(), pr.createdAt(), pr.lastActivityAt(), pr.sourceReference(),
        pr.destinationReference(), pr.sourceCommit(), pr.destinationCommit(), pr.mergeBase(), pr.merged(), pr.mergedBy(),
        pr.mergeCommitId(), pr.mergeOption(), pr.overrideStatus(), pr.overriderArn());
  }

  private static PullRequestRecord withDestination(PullRequestRecord pr, String destinationCommit, String mergeBase) {
    return new PullRequestRecord(pr.pullRequestId(), pr.accountId(), pr.repositoryId(), pr.title(), pr.description(),
        pr.status(), pr.authorArn(), pr.clientRequestToken(), pr.revisionId(), pr.createdAt(), pr.lastActivityAt(),
        pr.sourceReference(), pr.destinationReference(), pr.sourceCommit(), destinationCommit, mergeBase, pr.merged(),
        pr.mergedBy(), pr.mergeCommitId(), pr.mergeOption(), pr.overrideStatus(), pr.overriderArn());
  }

  // ---- events out

  /** The EventBridge event of a change to the pull request, for the approval events. */
  Outgoing outgoing(PullRequestRecord pr, PullRequestEventType type, String callerArn,
      UnaryOperator<PullRequestStateChange.Builder> extra) {
    RepositoryRecord repository = catalog.findById(pr.repositoryId()).orElse(null);
    return repository == null ? null : outgoing(pr, repository, type, callerArn, extra);
  }

  private Outgoing outgoing(PullRequestRecord pr, RepositoryRecord repository, PullRequestEventType type, String callerArn,
      UnaryOperator<PullRequestStateChange.Builder> extra) {
    PullRequestStateChange detail = extra.apply(PullRequestStateChange.builder(type)
        .pullRequestId(pr.id())
        .title(pr.title())
        .description(pr.description())
        .author(pr.authorArn())
        .callerUserArn(callerArn)
        .pullRequestStatus(pr.status())
        .merged(pr.merged())
        .mergeOption(pr.mergeOption())
        .revisionId(pr.revisionId())
        .repositoryNames(List.of(repository.name()))
        .source(pr.sourceReference(), pr.sourceCommit())
        .destination(pr.destinationReference(), pr.destinationCommit())
        .dates(pr.createdAt().toString(), pr.lastActivityAt().toString())).build();
    return new Outgoing(pr.accountId(), pr.repositoryId(), OutboxEvents.payload(detail, List.of(repository.arn(region))));
  }

  // ---- git

  private static ObjectId tip(Repository git, String refName) throws IOException {
    Ref ref = Refs.exact(git, refName);
    if (ref == null || ref.getObjectId() == null) {
      throw AwsException.badRequest("ReferenceDoesNotExistException", "The specified reference does not exist: " + refName);
    }
    return ref.getObjectId();
  }

  private static String mergeBase(RevWalk walk, ObjectId a, ObjectId b) throws IOException {
    // A walk filtered for merge bases cannot be reused for anything else: use one of its own.
    try (RevWalk bases = new RevWalk(walk.getObjectReader())) {
      bases.setRevFilter(RevFilter.MERGE_BASE);
      bases.markStart(bases.parseCommit(a));
      bases.markStart(bases.parseCommit(b));
      RevCommit base = bases.next();
      return base == null ? null : base.name();
    }
  }

  private static String mergeBaseOf(RevWalk walk, String a, String b) {
    try {
      return mergeBase(walk, ObjectId.fromString(a), ObjectId.fromString(b));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static boolean isAncestor(RevWalk walk, ObjectId ancestor, ObjectId descendant) throws IOException {
    walk.reset();
    return walk.isMergedInto(walk.parseCommit(ancestor), walk.parseCommit(descendant));
  }

  private String repositoryName(PullRequestRecord pr) {
    return catalog.findById(pr.repositoryId()).map(RepositoryRecord::name).orElse("");
  }

  static void requireOpen(PullRequestRecord pr) {
    if (!pr.isOpen()) {
      throw AwsException.badRequest("PullRequestAlreadyClosedException", "The pull request status cannot be updated because it is already closed.");
    }
  }

  private static String newRevisionId() {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return HexFormat.of().formatHex(bytes);
  }
}
