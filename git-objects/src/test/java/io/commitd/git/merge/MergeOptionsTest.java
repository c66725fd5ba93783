package io.commitd.git.merge;

import static io.commitd.git.merge.History.lines;
import static org.assertj.core.api.Assertions.assertThat;

import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.Test;

class MergeOptionsTest {
  private final History history = new History();

  @Test
  void aSourceAheadOfTheDestinationOffersEveryMerge() throws Exception {
    RevCommit destination = history.root().add("a.txt", "a").create();
    RevCommit source = history.child(destination).add("b.txt", "b").create();

    MergeOptions options = evaluate(source, destination, ConflictDetailLevel.FILE_LEVEL);

    assertThat(options.mergeOptions())
        .containsExactly(
            MergeOption.FAST_FORWARD_MERGE, MergeOption.SQUASH_MERGE, MergeOption.THREE_WAY_MERGE);
    assertThat(options.baseCommitId()).isEqualTo(destination);
    assertThat(options.sourceCommitId()).isEqualTo(source);
    assertThat(options.destinationCommitId()).isEqualTo(destination);
  }

  @Test
  void divergedBranchesThatMergeCleanlyOfferSquashAndThreeWay() throws Exception {
    RevCommit base = history.root().add("a.txt", "a").create();
    RevCommit source = history.child(base).add("b.txt", "b").create();
    RevCommit destination = history.child(base).add("c.txt", "c").create();

    MergeOptions options = evaluate(source, destination, ConflictDetailLevel.FILE_LEVEL);

    assertThat(options.mergeOptions())
        .containsExactly(MergeOption.SQUASH_MERGE, MergeOption.THREE_WAY_MERGE);
    assertThat(options.baseCommitId()).isEqualTo(base);
  }

  @Test
  void conflictingBranchesOfferNothing() throws Exception {
    RevCommit base = history.root().add("a.txt", lines("a")).create();
    RevCommit source = history.child(base).add("a.txt", lines("source")).create();
    RevCommit destination = history.child(base).add("a.txt", lines("destination")).create();

    assertThat(evaluate(source, destination, ConflictDetailLevel.LINE_LEVEL).mergeOptions())
        .isEmpty();
  }

  @Test
  void theDetailLevelDecidesWhetherSeparateEditsToOneFileConflict() throws Exception {
    RevCommit base = history.root().add("a.txt", lines("1", "2", "3", "4")).create();
    RevCommit source = history.child(base).add("a.txt", lines("one", "2", "3", "4")).create();
    RevCommit destination = history.child(base).add("a.txt", lines("1", "2", "3", "four")).create();

    assertThat(evaluate(source, destination, ConflictDetailLevel.FILE_LEVEL).mergeOptions())
        .isEmpty();
    assertThat(evaluate(source, destination, ConflictDetailLevel.LINE_LEVEL).mergeOptions())
        .containsExactly(MergeOption.SQUASH_MERGE, MergeOption.THREE_WAY_MERGE);
  }

  @Test
  void theMergeBaseTellsWhetherTheSourceIsAlreadyInTheDestination() throws Exception {
    RevCommit source = history.root().add("a.txt", "a").create();
    RevCommit destination = history.child(source).add("b.txt", "b").create();

    MergeBase mergeBase;
    try (ObjectReader reader = history.repository.newObjectReader()) {
      mergeBase = MergeBase.find(reader, source, destination);
    }

    assertThat(mergeBase.sourceInDestination()).isTrue();
    assertThat(mergeBase.fastForwardPossible()).isFalse();
    assertThat(mergeBase.baseCommitId()).isEqualTo(source);
  }

  private MergeOptions evaluate(
      RevCommit source, RevCommit destination, ConflictDetailLevel level) {
    return MergeOptions.evaluate(
        history.repository, source, destination, level, ConflictResolutionStrategy.NONE);
  }
}
