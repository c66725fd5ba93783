package io.commitd.git.merge;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.ZoneOffset;
import java.util.Map;
import org.eclipse.jgit.lib.AnyObjectId;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;

/**
 * Makes the commits of CodeCommit's merges. It writes objects and never moves a reference: the
 * caller updates the target branch (or, for {@code CreateUnreferencedMergeCommit}, leaves the
 * commit unreferenced).
 *
 * <p>When the source is already part of the destination there is nothing to merge, and every merge
 * answers the destination commit rather than moving the branch backwards or making an empty commit.
 */
public final class Merger {
  private final Repository repository;

  public Merger(Repository repository) {
    this.repository = repository;
  }

  /**
   * The source commit, when the destination branch can move to it.
   *
   * @throws io.commitd.storage.errors.AwsException {@code ManualMergeRequiredException} when the
   *     branches have diverged
   */
  public MergeOutcome fastForward(AnyObjectId source, AnyObjectId destination) {
    try (ObjectReader reader = repository.newObjectReader()) {
      MergeBase mergeBase = MergeBase.find(reader, source, destination);
      if (mergeBase.fastForwardPossible()) {
        return outcomeOf(reader, mergeBase.sourceCommitId());
      }
      if (mergeBase.sourceInDestination()) {
        return outcomeOf(reader, mergeBase.destinationCommitId());
      }
      throw MergeErrors.manualMergeRequired();
    }
  }

  /** One new commit on top of the destination holding the merged tree. */
  public MergeOutcome squash(MergeRequest request) {
    return mergeCommit(request, false);
  }

  /** A merge commit whose parents are the destination, then the source. */
  public MergeOutcome threeWay(MergeRequest request) {
    return mergeCommit(request, true);
  }

  /** The merge an option names; a fast-forward ignores everything but the two commits. */
  public MergeOutcome merge(MergeOption option, MergeRequest request) {
    return switch (option) {
      case FAST_FORWARD_MERGE ->
          fastForward(request.sourceCommitId(), request.destinationCommitId());
      case SQUASH_MERGE -> squash(request);
      case THREE_WAY_MERGE -> threeWay(request);
    };
  }

  private MergeOutcome mergeCommit(MergeRequest request, boolean keepSourceAsParent) {
    // The reader comes from the inserter so that the merged tree, written and then read back
    // to keep empty folders, is visible before anything is flushed.
    try (ObjectInserter inserter = repository.newObjectInserter();
        ObjectReader reader = inserter.newReader()) {
      MergeBase mergeBase =
          MergeBase.find(reader, request.sourceCommitId(), request.destinationCommitId());
      TreeMerge merge = TreeMerge.of(reader, mergeBase, request.conflictDetailLevel());
      // The resolution is checked even when there is nothing to merge: a malformed request
      // is refused the same way whatever the branches hold.
      Map<String, MergedEntry> entries =
          ResolvedMerge.entries(
              merge, request.conflictResolutionStrategy(), request.conflictResolution());
      if (mergeBase.sourceInDestination()) {
        return outcomeOf(reader, mergeBase.destinationCommitId());
      }
      MergedTreeWriter writer = new MergedTreeWriter(reader, inserter);
      ObjectId tree = writer.write(entries);
      if (request.keepEmptyFolders()) {
        tree = writer.keepEmptyFolders(treeOf(reader, mergeBase.destinationCommitId()), tree);
      }
      CommitBuilder commit = new CommitBuilder();
      commit.setTreeId(tree);
      if (keepSourceAsParent) {
        commit.setParentIds(mergeBase.destinationCommitId(), mergeBase.sourceCommitId());
      } else {
        commit.setParentId(mergeBase.destinationCommitId());
      }
      PersonIdent person = personOf(request.commitDetails());
      commit.setAuthor(person);
      commit.setCommitter(person);
      commit.setMessage(
          request.commitDetails().messageOr(request.sourceName(), request.destinationName()));
      ObjectId commitId = inserter.insert(commit);
      inserter.flush();
      return new MergeOutcome(commitId, tree);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  // Times are recorded in UTC so that nothing depends on the host's zone.
  private static PersonIdent personOf(CommitDetails details) {
    return new PersonIdent(details.authorName(), details.email(), details.when(), ZoneOffset.UTC);
  }

  private static MergeOutcome outcomeOf(ObjectReader reader, ObjectId commit) {
    return new MergeOutcome(commit, treeOf(reader, commit));
  }

  private static ObjectId treeOf(ObjectReader reader, ObjectId commit) {
    try (RevWalk walk = new RevWalk(reader)) {
      RevCommit parsed = walk.parseCommit(commit);
      return parsed.getTree().copy();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
