package io.commitd.server.codecommit.merges;

import io.commitd.git.commits.CommitSpecifiers;
import io.commitd.git.merge.CommitDetails;
import io.commitd.git.merge.ConflictDetailLevel;
import io.commitd.git.merge.ConflictResolution;
import io.commitd.git.merge.ConflictResolutionStrategy;
import io.commitd.git.merge.DeleteFileEntry;
import io.commitd.git.merge.FileModeType;
import io.commitd.git.merge.MergeRequest;
import io.commitd.git.merge.ReplaceContentEntry;
import io.commitd.git.merge.ReplacementType;
import io.commitd.git.merge.SetFileModeEntry;
import io.commitd.server.codecommit.Input;
import io.commitd.server.codecommit.OperationRequest;
import io.commitd.server.codecommit.data.CommitIdentity;
import io.commitd.storage.errors.AwsException;
import io.commitd.storage.git.Refs;
import java.io.IOException;
import java.util.List;
import java.util.function.Function;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;

/**
 * The inputs the merge operations share, read from the wire: commit specifiers, how to find and
 * settle conflicts, and who makes the merge commit.
 */
public final class MergeInputs {
  static final String SOURCE = "sourceCommitSpecifier";
  static final String DESTINATION = "destinationCommitSpecifier";

  private MergeInputs() {}

  /** The two commits a merge is about, as the request named them. */
  public record Commits(String sourceName, RevCommit source, String destinationName, RevCommit destination) {}

  /**
   * Resolves the request's source and destination specifiers. A missing one is {@code
   * CommitRequiredException}; one that cannot name anything is {@code invalid}'s error; one that
   * names nothing here is {@code CommitDoesNotExistException}.
   */
  public static Commits commits(Repository git, RevWalk walk, Input input, Function<String, AwsException> invalid) throws IOException {
    String source = input.requiredString(SOURCE, "CommitRequiredException", "A commit was not specified.");
    String destination = input.requiredString(DESTINATION, "CommitRequiredException", "A commit was not specified.");
    return new Commits(source, commit(git, walk, source, invalid.apply(SOURCE)),
        destination, commit(git, walk, destination, invalid.apply(DESTINATION)));
  }

  /** The error most operations answer for a specifier that is not a commit id nor a ref name. */
  public static AwsException invalidCommit(String member) {
    return AwsException.badRequest("InvalidCommitException", "The specified commit is not valid: " + member + ".");
  }

  private static RevCommit commit(Repository git, RevWalk walk, String specifier, AwsException invalid) throws IOException {
    if (!CommitSpecifiers.isFullId(specifier) && !Repository.isValidRefName(
        specifier.startsWith(Constants.R_REFS) ? specifier : Constants.R_HEADS + specifier)) {
      throw invalid;
    }
    return CommitSpecifiers.require(git, walk, specifier);
  }

  /**
   * The branch a specifier resolves through, as {@link CommitSpecifiers#resolve} reads it (full
   * ref, then branch, then tag), or null when it names a commit id, a tag or another ref.
   */
  public static String branchOf(Repository git, String specifier) throws IOException {
    if (specifier == null || CommitSpecifiers.isFullId(specifier)) {
      return null;
    }
    for (String candidate : new String[] {specifier, Constants.R_HEADS + specifier, Constants.R_TAGS + specifier}) {
      if (!candidate.startsWith(Constants.R_REFS) || !Repository.isValidRefName(candidate)) {
        continue;
      }
      Ref ref = Refs.exact(git, candidate);
      if (ref != null && ref.getObjectId() != null) {
        return candidate.startsWith(Constants.R_HEADS) ? candidate : null;
      }
    }
    return null;
  }

  public static ConflictDetailLevel level(Input input) {
    return ConflictDetailLevel.parse(input.string("conflictDetailLevel"));
  }

  public static ConflictResolutionStrategy strategy(Input input) {
    return ConflictResolutionStrategy.parse(input.string("conflictResolutionStrategy"));
  }

  /**
   * The squash or three-way merge the request describes: its commits and names, detail level,
   * strategy, conflict resolution, empty-folder choice, and the merge commit's author (by default
   * the caller, as for PutFile) and message.
   */
  public static MergeRequest mergeRequest(OperationRequest request, Commits commits) {
    Input input = request.input();
    PersonIdent person = CommitIdentity.of(request.caller(), input.string("authorName"), input.string("email"), request.now());
    String message = CommitIdentity.message(input.string("commitMessage"), null);
    return new MergeRequest(commits.source().copy(), commits.destination().copy(), commits.sourceName(), commits.destinationName(),
        level(input), strategy(input), resolution(input.structure("conflictResolution")),
        Boolean.TRUE.equals(input.bool("keepEmptyFolders")),
        new CommitDetails(person.getName(), person.getEmailAddress(), message, request.now()));
  }

  /** botocore's {@code ConflictResolution}; the merge engine checks what the entries say. */
  static ConflictResolution resolution(Input resolution) {
    if (resolution == null) {
      return ConflictResolution.NONE;
    }
    List<ReplaceContentEntry> replacements = orEmpty(resolution.structureList("replaceContents")).stream()
        .map(entry -> new ReplaceContentEntry(entry.string("filePath"), ReplacementType.parse(entry.string("replacementType")),
            entry.blob("content"), FileModeType.parse(entry.string("fileMode"))))
        .toList();
    List<DeleteFileEntry> deletions = orEmpty(resolution.structureList("deleteFiles")).stream()
        .map(entry -> new DeleteFileEntry(entry.string("filePath")))
        .toList();
    List<SetFileModeEntry> modes = orEmpty(resolution.structureList("setFileModes")).stream()
        .map(entry -> new SetFileModeEntry(entry.string("filePath"), FileModeType.parse(entry.string("fileMode"))))
        .toList();
    return new ConflictResolution(replacements, deletions, modes);
  }

  private static <T> List<T> orEmpty(List<T> list) {
    return list == null ? List.of() : list;
  }
}
