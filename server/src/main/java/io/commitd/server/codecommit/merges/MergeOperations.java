package io.commitd.server.codecommit.merges;

import io.commitd.git.merge.CommitDetails;
import io.commitd.git.merge.Conflict;
import io.commitd.git.merge.ConflictPages;
import io.commitd.git.merge.MergeAnalysis;
import io.commitd.git.merge.MergeBase;
import io.commitd.git.merge.MergeConflicts;
import io.commitd.git.merge.MergeHunk;
import io.commitd.git.merge.MergeOption;
import io.commitd.git.merge.MergeOptions;
import io.commitd.git.merge.MergeOutcome;
import io.commitd.git.merge.MergeRequest;
import io.commitd.git.merge.Merger;
import io.commitd.git.merge.Page;
import io.commitd.git.commits.CommitSpecifiers;
import io.commitd.git.tree.GitPaths;
import io.commitd.iam.auth.RefUpdateAuthorization;
import io.commitd.server.api.OperationRegistry;
import io.commitd.server.codecommit.BranchNames;
import io.commitd.server.codecommit.Input;
import io.commitd.server.codecommit.Operation;
import io.commitd.server.codecommit.OperationFamily;
import io.commitd.server.codecommit.OperationRequest;
import io.commitd.server.codecommit.Repositories;
import io.commitd.storage.errors.AwsException;
import io.commitd.storage.git.Refs;
import io.commitd.storage.git.RepositoryStore;
import io.commitd.storage.repos.RepositoryRecord;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;

/**
 * Merges: GetMergeOptions, GetMergeCommit, GetMergeConflicts, DescribeMergeConflicts,
 * BatchDescribeMergeConflicts, MergeBranchesByFastForward, MergeBranchesBySquash,
 * MergeBranchesByThreeWay, CreateUnreferencedMergeCommit. The merge engine ({@code
 * io.commitd.git.merge}) decides; this family reads the wire, moves branches through {@link
 * BranchMerger}, and answers botocore's shapes.
 */
public final class MergeOperations implements OperationFamily {
  private final Repositories repositories;
  private final RepositoryStore store;
  private final BranchMerger merger;

  public MergeOperations(Repositories repositories, RepositoryStore store, BranchMerger merger) {
    this.repositories = repositories;
    this.store = store;
    this.merger = merger;
  }

  @Override
  public void register(OperationRegistry<OperationRequest> registry) {
    registry
        .add("GetMergeOptions", Operation.on(repositories::arnOfRepositoryName, this::getMergeOptions))
        .add("GetMergeCommit", Operation.on(repositories::arnOfRepositoryName, this::getMergeCommit))
        .add("GetMergeConflicts", Operation.on(repositories::arnOfRepositoryName, this::getMergeConflicts))
        .add("DescribeMergeConflicts", Operation.on(repositories::arnOfRepositoryName, this::describeMergeConflicts))
        .add("BatchDescribeMergeConflicts", Operation.on(repositories::arnOfRepositoryName, this::batchDescribeMergeConflicts))
        .add("MergeBranchesByFastForward", mergingBranches(MergeOption.FAST_FORWARD_MERGE))
        .add("MergeBranchesBySquash", mergingBranches(MergeOption.SQUASH_MERGE))
        .add("MergeBranchesByThreeWay", mergingBranches(MergeOption.THREE_WAY_MERGE))
        .add("CreateUnreferencedMergeCommit", Operation.on(repositories::arnOfRepositoryName, this::createUnreferencedMergeCommit));
  }

  private Object getMergeOptions(OperationRequest request) throws Exception {
    Input input = request.input();
    RepositoryRecord repository = repositories.require(request.accountId(), input.string("repositoryName"));
    try (Repository git = store.open(repository.repositoryId()); RevWalk walk = new RevWalk(git)) {
      MergeInputs.Commits commits = MergeInputs.commits(git, walk, input, MergeInputs::invalidCommit);
      MergeOptions options = MergeOptions.evaluate(git, commits.source(), commits.destination(),
          MergeInputs.level(input), MergeInputs.strategy(input));
      Map<String, Object> output = new LinkedHashMap<>();
      output.put("mergeOptions", options.mergeOptions().stream().map(Enum::name).toList());
      ConflictShapes.putCommits(output, options.sourceCommitId(), options.destinationCommitId(), options.baseCommitId());
      return output;
    }
  }

  /**
   * The merge commit that brought the source into the destination: the first commit of the
   * destination's first-parent line whose other parents hold the source. Absent when the source is
   * not merged yet, or was fast-forwarded (there is no merge commit then).
   */
  private Object getMergeCommit(OperationRequest request) throws Exception {
    Input input = request.input();
    RepositoryRecord repository = repositories.require(request.accountId(), input.string("repositoryName"));
    MergeInputs.level(input);
    MergeInputs.strategy(input);
    try (Repository git = store.open(repository.repositoryId()); RevWalk walk = new RevWalk(git)) {
      MergeInputs.Commits commits = MergeInputs.commits(git, walk, input, MergeInputs::invalidCommit);
      MergeBase base;
      try (ObjectReader reader = git.newObjectReader()) {
        base = MergeBase.find(reader, commits.source(), commits.destination());
      }
      Map<String, Object> output = new LinkedHashMap<>();
      ConflictShapes.putCommits(output, base.sourceCommitId(), base.destinationCommitId(), base.baseCommitId());
      if (base.sourceInDestination()) {
        mergeCommitOf(walk, commits.source(), commits.destination()).ifPresent(merge -> output.put("mergedCommitId", merge.name()));
      }
      return output;
    }
  }

  private static Optional<RevCommit> mergeCommitOf(RevWalk walk, RevCommit source, RevCommit destination) throws IOException {
    RevCommit current = destination;
    while (current != null && !current.equals(source)) {
      walk.parseHeaders(current);
      RevCommit firstParent = current.getParentCount() == 0 ? null : walk.parseCommit(current.getParent(0));
      if (firstParent == null || !walk.isMergedInto(source, firstParent)) {
        return current.getParentCount() > 1 ? Optional.of(current) : Optional.empty();
      }
      current = firstParent;
    }
    return Optional.empty();
  }

  private Object getMergeConflicts(OperationRequest request) throws Exception {
    Input input = request.input();
    RepositoryRecord repository = repositories.require(request.accountId(), input.string("repositoryName"));
    MergeOption option = MergeOption.parse(input.string("mergeOption"));
    try (Repository git = store.open(repository.repositoryId()); RevWalk walk = new RevWalk(git)) {
      MergeInputs.Commits commits = MergeInputs.commits(git, walk, input, member -> AwsException.badRequest(
          member.equals(MergeInputs.SOURCE) ? "InvalidSourceCommitSpecifierException" : "InvalidDestinationCommitSpecifierException",
          "The " + (member.equals(MergeInputs.SOURCE) ? "source" : "destination")
              + " commit specifier is not valid. You must provide a valid branch name, tag, or full commit ID."));
      MergeAnalysis analysis = MergeConflicts.analyze(git, commits.source(), commits.destination(),
          MergeInputs.level(input), MergeInputs.strategy(input));
      Page<Conflict> page = ConflictPages.conflictFiles(analysis.conflictingFor(option), input.integer("maxConflictFiles"),
          input.string("nextToken"));
      Map<String, Object> output = new LinkedHashMap<>();
      output.put("mergeable", analysis.mergeableBy(option));
      ConflictShapes.putCommits(output, analysis.sourceCommitId(), analysis.destinationCommitId(), analysis.baseCommitId());
      output.put("conflictMetadataList", page.items().stream().map(c -> ConflictShapes.metadata(c.conflictMetadata())).toList());
      ConflictShapes.putPresent(output, "nextToken", page.nextToken());
      return output;
    }
  }

  private Object describeMergeConflicts(OperationRequest request) throws Exception {
    Input input = request.input();
    RepositoryRecord repository = repositories.require(request.accountId(), input.string("repositoryName"));
    MergeOption.parse(input.string("mergeOption")).requireMergeCommit();
    String path = conflictPath(input.string("filePath"));
    try (Repository git = store.open(repository.repositoryId()); RevWalk walk = new RevWalk(git)) {
      MergeInputs.Commits commits = MergeInputs.commits(git, walk, input, MergeInputs::invalidCommit);
      MergeAnalysis analysis = MergeConflicts.analyze(git, commits.source(), commits.destination(),
          MergeInputs.level(input), MergeInputs.strategy(input));
      Conflict conflict = analysis.conflict(path).orElseThrow(() -> noConflictAt(path));
      Page<MergeHunk> hunks = ConflictPages.mergeHunks(conflict.mergeHunks(), input.integer("maxMergeHunks"),
          input.string("nextToken"));
      Map<String, Object> output = new LinkedHashMap<>();
      output.put("conflictMetadata", ConflictShapes.metadata(conflict.conflictMetadata()));
      output.put("mergeHunks", ConflictShapes.hunks(hunks.items()));
      ConflictShapes.putPresent(output, "nextToken", hunks.nextToken());
      ConflictShapes.putCommits(output, analysis.sourceCommitId(), analysis.destinationCommitId(), analysis.baseCommitId());
      return output;
    }
  }

  private Object batchDescribeMergeConflicts(OperationRequest request) throws Exception {
    Input input = request.input();
    RepositoryRecord repository = repositories.require(request.accountId(), input.string("repositoryName"));
    MergeOption.parse(input.string("mergeOption")).requireMergeCommit();
    List<String> paths = input.stringList("filePaths");
    try (Repository git = store.open(repository.repositoryId()); RevWalk walk = new RevWalk(git)) {
      MergeInputs.Commits commits = MergeInputs.commits(git, walk, input, MergeInputs::invalidCommit);
      MergeAnalysis analysis = MergeConflicts.analyze(git, commits.source(), commits.destination(),
          MergeInputs.level(input), MergeInputs.strategy(input));
      List<Conflict> described = new ArrayList<>();
      List<Map<String, Object>> errors = new ArrayList<>();
      if (paths == null || paths.isEmpty()) {
        described.addAll(analysis.conflicting());
      } else {
        for (String requested : paths) {
          try {
            String path = conflictPath(requested);
            analysis.conflict(path).ifPresentOrElse(described::add, () -> {
              throw noConflictAt(path);
            });
          } catch (AwsException e) {
            errors.add(Map.of("filePath", requested, "exceptionName", e.code(), "message", e.getMessage()));
          }
        }
      }
      Page<Conflict> page = ConflictPages.conflictFiles(described, input.integer("maxConflictFiles"), input.string("nextToken"));
      Map<String, Object> output = new LinkedHashMap<>();
      output.put("conflicts", ConflictPages.limitHunks(page.items(), input.integer("maxMergeHunks")).stream()
          .map(ConflictShapes::conflict).toList());
      ConflictShapes.putPresent(output, "nextToken", page.nextToken());
      output.put("errors", errors);
      ConflictShapes.putCommits(output, analysis.sourceCommitId(), analysis.destinationCommitId(), analysis.baseCommitId());
      return output;
    }
  }

  private Object createUnreferencedMergeCommit(OperationRequest request) throws Exception {
    Input input = request.input();
    RepositoryRecord repository = repositories.require(request.accountId(), input.string("repositoryName"));
    MergeOption option = MergeOption.parse(input.string("mergeOption")).requireMergeCommit();
    try (Repository git = store.open(repository.repositoryId()); RevWalk walk = new RevWalk(git)) {
      MergeInputs.Commits commits = MergeInputs.commits(git, walk, input, MergeInputs::invalidCommit);
      MergeOutcome outcome = new Merger(git).merge(option, MergeInputs.mergeRequest(request, commits));
      return outcome(outcome);
    }
  }

  /**
   * MergeBranchesBy…: authorized with {@code codecommit:References} holding the branch the merge
   * moves when the input names it (the target branch, else the destination when it is a branch
   * name); the pipeline asks again for the ref actually moved when that guess does not cover it.
   */
  private Operation mergingBranches(MergeOption option) {
    return new Operation() {
      @Override
      public List<String> resources(OperationRequest request) {
        return List.of(repositories.arnOfRepositoryName(request));
      }

      @Override
      public Map<String, List<String>> conditionKeys(OperationRequest request) {
        String ref = namedTarget(request.input());
        return ref == null ? Map.of() : Map.of(RefUpdateAuthorization.REFERENCES_KEY, List.of(ref));
      }

      @Override
      public Object invoke(OperationRequest request) throws Exception {
        return mergeBranches(request, option);
      }
    };
  }

  /** The ref the request names as the branch to move, as far as the input alone tells. */
  private static String namedTarget(Input input) {
    String target = input.string("targetBranch");
    if (target != null && !target.isEmpty()) {
      return Constants.R_HEADS + target;
    }
    String destination = input.string(MergeInputs.DESTINATION);
    if (destination == null || destination.isEmpty() || CommitSpecifiers.isFullId(destination)) {
      return null;
    }
    if (destination.startsWith(Constants.R_REFS)) {
      return destination.startsWith(Constants.R_HEADS) ? destination : null;
    }
    return Constants.R_HEADS + destination;
  }

  private Object mergeBranches(OperationRequest request, MergeOption option) throws Exception {
    Input input = request.input();
    RepositoryRecord repository = repositories.require(request.accountId(), input.string("repositoryName"));
    String target = input.has("targetBranch") ? BranchNames.require(input.string("targetBranch")) : null;
    try (Repository git = store.open(repository.repositoryId()); RevWalk walk = new RevWalk(git)) {
      MergeInputs.Commits commits = MergeInputs.commits(git, walk, input, MergeInputs::invalidCommit);
      MergeRequest merge = option == MergeOption.FAST_FORWARD_MERGE
          ? MergeRequest.of(commits.source(), commits.destination(), new CommitDetails(null, null, null, request.now()))
          : MergeInputs.mergeRequest(request, commits);
      String destinationBranch = MergeInputs.branchOf(git, commits.destinationName());
      String targetRef = target != null ? Constants.R_HEADS + target : destinationBranch;
      if (targetRef == null) {
        throw AwsException.badRequest("BranchNameRequiredException",
            "A branch name is required, but was not specified: the destination is not a branch, so name the targetBranch.");
      }
      ObjectId expectedTip;
      if (targetRef.equals(destinationBranch)) {
        // The tip merged onto: if the branch moved since, the compare-and-swap refuses.
        expectedTip = commits.destination();
      } else {
        Ref ref = Refs.exact(git, targetRef);
        if (ref == null) {
          if (Refs.exact(git, Constants.R_TAGS + target) != null) {
            throw AwsException.badRequest("BranchNameIsTagNameException", "The specified branch name is a tag name: " + target);
          }
          throw BranchNames.doesNotExist(target);
        }
        expectedTip = ref.getObjectId();
      }
      return outcome(merger.merge(request, repository, git, targetRef, expectedTip, option, merge));
    }
  }

  private static Map<String, Object> outcome(MergeOutcome outcome) {
    Map<String, Object> output = new LinkedHashMap<>();
    output.put("commitId", outcome.commitId().name());
    output.put("treeId", outcome.treeId().name());
    return output;
  }

  /** A conflict's path as the merge engine names it: relative to the root, a leading slash tolerated. */
  private static String conflictPath(String filePath) {
    return GitPaths.readable(filePath, false);
  }

  private static AwsException noConflictAt(String path) {
    return AwsException.badRequest("FileDoesNotExistException",
        "The specified file does not exist or has no conflict in this merge: " + path);
  }
}
