package io.commitd.git.merge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.commitd.storage.errors.AwsException;
import org.junit.jupiter.api.Test;

class MergeVocabularyTest {
  @Test
  void absentOptionsTakeTheServicesDefaults() {
    assertThat(ConflictDetailLevel.parse(null)).isEqualTo(ConflictDetailLevel.FILE_LEVEL);
    assertThat(ConflictResolutionStrategy.parse(null)).isEqualTo(ConflictResolutionStrategy.NONE);
  }

  @Test
  void unknownValuesAreRefusedWithTheServicesCodes() {
    assertCode(
        () -> ConflictDetailLevel.parse("WORD_LEVEL"), "InvalidConflictDetailLevelException");
    assertCode(
        () -> ConflictResolutionStrategy.parse("ACCEPT_BOTH"),
        "InvalidConflictResolutionStrategyException");
    assertCode(() -> MergeOption.parse("REBASE"), "InvalidMergeOptionException");
    assertCode(() -> MergeOption.parse(null), "MergeOptionRequiredException");
  }

  @Test
  void onlyMergesThatMakeACommitCanDescribeConflicts() {
    assertThat(MergeOption.SQUASH_MERGE.requireMergeCommit()).isEqualTo(MergeOption.SQUASH_MERGE);
    assertCode(MergeOption.FAST_FORWARD_MERGE::requireMergeCommit, "InvalidMergeOptionException");
  }

  private static void assertCode(
      org.assertj.core.api.ThrowableAssert.ThrowingCallable call, String code) {
    assertThatThrownBy(call)
        .isInstanceOfSatisfying(AwsException.class, e -> assertThat(e.code()).isEqualTo(code));
  }
}
