package io.commitd.git.merge;

import static io.commitd.git.merge.History.MERGER;
import static io.commitd.git.merge.History.lines;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.commitd.storage.errors.AwsException;
import java.time.Instant;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class MergerTest {
  private final History history = new History();
  private final Merger merger = new Merger(history.repository);

  private RevCommit base;
  private RevCommit source;
  private RevCommit destination;

  @BeforeEach
  void divergedBranchesThatMergeCleanly() throws Exception {
    base = history.root().add("a.txt", lines("a")).add("b.txt", lines("b")).create();
    source = history.child(base).add("a.txt", lines("A from source")).create();
    destination = history.child(base).add("b.txt", lines("B from destination")).create();
  }

  @Test
  void aThreeWayMergeCommitHasTheDestinationThenTheSourceAsParents() throws Exception {
    MergeOutcome outcome = merger.threeWay(MergeRequest.of(source, destination, MERGER));

    RevCommit merge = history.commit(outcome.commitId());
    assertThat(merge.getParents()).containsExactly(destination, source);
    assertThat(merge.getTree()).isEqualTo(outcome.treeId());
    assertThat(history.content(outcome.treeId(), "a.txt")).isEqualTo(lines("A from source"));
    assertThat(history.content(outcome.treeId(), "b.txt")).isEqualTo(lines("B from destination"));
  }

  @Test
  void aSquashMergeCommitHasOnlyTheDestinationAsParent() throws Exception {
    MergeOutcome outcome = merger.squash(MergeRequest.of(source, destination, MERGER));

    RevCommit squash = history.commit(outcome.commitId());
    assertThat(squash.getParents()).containsExactly(destination);
    assertThat(history.content(outcome.treeId(), "a.txt")).isEqualTo(lines("A from source"));
  }

  @Test
  void theMergerIsBothAuthorAndCommitterAtTheGivenTime() throws Exception {
    RevCommit merge =
        history.commit(merger.threeWay(MergeRequest.of(source, destination, MERGER)).commitId());

    assertThat(merge.getAuthorIdent().getName()).isEqualTo("Merger");
    assertThat(merge.getAuthorIdent().getEmailAddress()).isEqualTo("merger@example.com");
    assertThat(merge.getAuthorIdent().getWhenAsInstant()).isEqualTo(MERGER.when());
    assertThat(merge.getCommitterIdent()).isEqualTo(merge.getAuthorIdent());
  }

  @Test
  void aMergeWithoutMessageSaysWhatWasMergedIntoWhat() throws Exception {
    MergeRequest request =
        MergeRequest.of(source, destination, MERGER).withNames("feature", "main");

    RevCommit merge = history.commit(merger.threeWay(request).commitId());

    assertThat(merge.getFullMessage()).isEqualTo("Merged feature into main");
  }

  @Test
  void aMergeWithAMessageKeepsIt() throws Exception {
    CommitDetails details =
        new CommitDetails("Merger", "merger@example.com", "Ship it", Instant.EPOCH);

    RevCommit merge =
        history.commit(merger.squash(MergeRequest.of(source, destination, details)).commitId());

    assertThat(merge.getFullMessage()).isEqualTo("Ship it");
  }

  @Test
  void fastForwardAnswersTheSourceWhenTheDestinationIsItsAncestor() throws Exception {
    RevCommit ahead = history.child(destination).add("c.txt", "c").create();

    MergeOutcome outcome = merger.fastForward(ahead, destination);

    assertThat(outcome.commitId()).isEqualTo(ahead);
    assertThat(outcome.treeId()).isEqualTo(ahead.getTree());
  }

  @Test
  void fastForwardOfDivergedBranchesRequiresAManualMerge() {
    assertThatThrownBy(() -> merger.fastForward(source, destination))
        .isInstanceOfSatisfying(
            AwsException.class,
            e -> {
              assertThat(e.code()).isEqualTo("ManualMergeRequiredException");
              assertThat(e.status()).isEqualTo(400);
            });
  }

  @Test
  void mergingASourceAlreadyInTheDestinationAnswersTheDestination() throws Exception {
    RevCommit later = history.child(source).add("c.txt", "c").create();

    assertThat(merger.threeWay(MergeRequest.of(source, later, MERGER)).commitId()).isEqualTo(later);
    assertThat(merger.fastForward(source, later).commitId()).isEqualTo(later);
  }

  @Test
  void aThreeWayMergeOfAFastForwardableSourceStillMakesAMergeCommit() throws Exception {
    RevCommit ahead = history.child(destination).add("c.txt", "c").create();

    MergeOutcome outcome = merger.threeWay(MergeRequest.of(ahead, destination, MERGER));

    assertThat(history.commit(outcome.commitId()).getParents()).containsExactly(destination, ahead);
    assertThat(outcome.treeId()).isEqualTo(ahead.getTree());
  }

  @Test
  void nonOverlappingEditsToOneFileAreMergedAtLineLevel() throws Exception {
    RevCommit start = history.root().add("f.txt", lines("1", "2", "3", "4", "5")).create();
    RevCommit left = history.child(start).add("f.txt", lines("one", "2", "3", "4", "5")).create();
    RevCommit right = history.child(start).add("f.txt", lines("1", "2", "3", "4", "five")).create();

    MergeOutcome outcome =
        merger.threeWay(
            MergeRequest.of(left, right, MERGER)
                .withConflictDetailLevel(ConflictDetailLevel.LINE_LEVEL));

    assertThat(history.content(outcome.treeId(), "f.txt"))
        .isEqualTo(lines("one", "2", "3", "4", "five"));
  }

  @Test
  void theDefaultFileLevelRequiresAManualMergeOfTheSameEdits() throws Exception {
    RevCommit start = history.root().add("f.txt", lines("1", "2", "3", "4", "5")).create();
    RevCommit left = history.child(start).add("f.txt", lines("one", "2", "3", "4", "5")).create();
    RevCommit right = history.child(start).add("f.txt", lines("1", "2", "3", "4", "five")).create();

    assertThatThrownBy(() -> merger.squash(MergeRequest.of(left, right, MERGER)))
        .isInstanceOfSatisfying(
            AwsException.class,
            e -> assertThat(e.code()).isEqualTo("ManualMergeRequiredException"));
  }

  @Test
  void acceptSourceAtLineLevelTakesTheSourceOnlyWhereTheEditsConflict() throws Exception {
    RevCommit start = history.root().add("f.txt", lines("1", "2", "3", "4", "5")).create();
    RevCommit left = history.child(start).add("f.txt", lines("1", "two", "3", "4", "5")).create();
    RevCommit right = history.child(start).add("f.txt", lines("1", "II", "3", "4", "V")).create();

    MergeOutcome outcome =
        merger.threeWay(
            MergeRequest.of(left, right, MERGER)
                .withConflictDetailLevel(ConflictDetailLevel.LINE_LEVEL)
                .withConflictResolutionStrategy(ConflictResolutionStrategy.ACCEPT_SOURCE));

    assertThat(history.content(outcome.treeId(), "f.txt"))
        .isEqualTo(lines("1", "two", "3", "4", "V"));
  }

  @Test
  void acceptDestinationAtFileLevelTakesTheDestinationsWholeFile() throws Exception {
    RevCommit start = history.root().add("f.txt", lines("1", "2", "3", "4", "5")).create();
    RevCommit left = history.child(start).add("f.txt", lines("1", "two", "3", "4", "5")).create();
    RevCommit right = history.child(start).add("f.txt", lines("1", "II", "3", "4", "V")).create();

    MergeOutcome outcome =
        merger.squash(
            MergeRequest.of(left, right, MERGER)
                .withConflictResolutionStrategy(ConflictResolutionStrategy.ACCEPT_DESTINATION));

    assertThat(history.content(outcome.treeId(), "f.txt"))
        .isEqualTo(lines("1", "II", "3", "4", "V"));
  }

  @Test
  void acceptSourceKeepsTheSourcesDeletion() throws Exception {
    RevCommit start = history.root().add("f.txt", lines("1")).add("g.txt", "g").create();
    RevCommit left = history.child(start).rm("f.txt").create();
    RevCommit right = history.child(start).add("f.txt", lines("changed")).create();

    MergeOutcome outcome =
        merger.threeWay(
            MergeRequest.of(left, right, MERGER)
                .withConflictResolutionStrategy(ConflictResolutionStrategy.ACCEPT_SOURCE));

    assertThat(history.content(outcome.treeId(), "f.txt")).isNull();
    assertThat(history.content(outcome.treeId(), "g.txt")).isEqualTo("g");
  }

  @Test
  void aModeChangeOnOneSideAndAnEditOnTheOtherBothLand() throws Exception {
    RevCommit start = history.root().add("run.sh", lines("echo 1")).create();
    RevCommit left =
        history.child(start).edit(history.executable("run.sh", lines("echo 1"))).create();
    RevCommit right = history.child(start).add("run.sh", lines("echo 2")).create();

    MergeOutcome outcome =
        merger.threeWay(
            MergeRequest.of(left, right, MERGER)
                .withConflictDetailLevel(ConflictDetailLevel.LINE_LEVEL));

    assertThat(history.content(outcome.treeId(), "run.sh")).isEqualTo(lines("echo 2"));
    assertThat(history.mode(outcome.treeId(), "run.sh")).isEqualTo(FileMode.EXECUTABLE_FILE);
  }

  @Test
  void keepingEmptyFoldersLeavesAGitkeepWhereTheMergeEmptiedAFolder() throws Exception {
    RevCommit start =
        history.root().add("docs/old/guide.md", "g").add("README", lines("r")).create();
    RevCommit left = history.child(start).rm("docs/old/guide.md").create();
    RevCommit right = history.child(start).add("README", lines("R")).create();

    MergeOutcome kept =
        merger.threeWay(MergeRequest.of(left, right, MERGER).withKeepEmptyFolders(true));
    MergeOutcome dropped = merger.threeWay(MergeRequest.of(left, right, MERGER));

    assertThat(history.content(kept.treeId(), "docs/old/.gitkeep")).isEmpty();
    assertThat(history.content(kept.treeId(), "README")).isEqualTo(lines("R"));
    assertThat(history.mode(dropped.treeId(), "docs")).isNull();
  }

  @Test
  void theMergeOptionChoosesTheMerge() throws Exception {
    MergeRequest request = MergeRequest.of(source, destination, MERGER);

    assertThat(
            history
                .commit(merger.merge(MergeOption.SQUASH_MERGE, request).commitId())
                .getParentCount())
        .isEqualTo(1);
    assertThat(
            history
                .commit(merger.merge(MergeOption.THREE_WAY_MERGE, request).commitId())
                .getParentCount())
        .isEqualTo(2);
    assertThatThrownBy(() -> merger.merge(MergeOption.FAST_FORWARD_MERGE, request))
        .isInstanceOf(AwsException.class);
  }
}
