package io.commitd.git.commits;

import io.commitd.storage.errors.AwsException;
import io.commitd.storage.git.Refs;
import java.io.IOException;
import java.util.Optional;
import java.util.regex.Pattern;
import org.eclipse.jgit.errors.MissingObjectException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevObject;
import org.eclipse.jgit.revwalk.RevWalk;

/**
 * Resolves what callers name commits by: a full commit id, a branch name, a tag, or a full ref
 * ({@code refs/heads/main}); no specifier means the default branch.
 */
public final class CommitSpecifiers {
  static final Pattern FULL_ID = Pattern.compile("[0-9a-f]{40}");

  private CommitSpecifiers() {}

  public static boolean isFullId(String value) {
    return value != null && FULL_ID.matcher(value).matches();
  }

  /** The commit a specifier names, or empty. */
  public static Optional<RevCommit> resolve(Repository git, RevWalk walk, String specifier) throws IOException {
    if (specifier == null) {
      Ref head = Refs.exact(git, Constants.HEAD);
      return head == null || head.getObjectId() == null ? Optional.empty() : commit(walk, head.getObjectId());
    }
    if (isFullId(specifier)) {
      return commit(walk, ObjectId.fromString(specifier));
    }
    for (String candidate : new String[] {specifier, Constants.R_HEADS + specifier, Constants.R_TAGS + specifier}) {
      if (!candidate.startsWith(Constants.R_REFS) || !Repository.isValidRefName(candidate)) {
        continue;
      }
      Ref ref = Refs.exact(git, candidate);
      if (ref != null && ref.getObjectId() != null) {
        return commit(walk, ref.getObjectId());
      }
    }
    return Optional.empty();
  }

  /** The commit, or {@code CommitDoesNotExistException}. */
  public static RevCommit require(Repository git, RevWalk walk, String specifier) throws IOException {
    return resolve(git, walk, specifier).orElseThrow(() -> AwsException.badRequest("CommitDoesNotExistException",
        "Could not find the specified commit: " + (specifier == null ? "the default branch" : specifier) + "."));
  }

  /** The object id as a commit, if it is one. */
  public static Optional<RevCommit> commit(RevWalk walk, ObjectId id) throws IOException {
    try {
      RevObject object = walk.parseAny(id);
      RevObject peeled = walk.peel(object);
      return peeled instanceof RevCommit commit ? Optional.of(commit) : Optional.empty();
    } catch (MissingObjectException e) {
      return Optional.empty();
    }
  }
}
