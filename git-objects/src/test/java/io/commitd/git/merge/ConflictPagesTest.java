package io.commitd.git.merge;

import static io.commitd.git.merge.History.bytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.commitd.storage.errors.AwsException;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConflictPagesTest {
  private static final List<String> FILES = List.of("a", "b", "c", "d", "e");

  @Test
  void pagesWalkTheListWithTheOffsetAsToken() {
    Page<String> first = ConflictPages.conflictFiles(FILES, 2, null);
    Page<String> second = ConflictPages.conflictFiles(FILES, 2, first.nextToken());
    Page<String> last = ConflictPages.conflictFiles(FILES, 2, second.nextToken());

    assertThat(first.items()).containsExactly("a", "b");
    assertThat(second.items()).containsExactly("c", "d");
    assertThat(last.items()).containsExactly("e");
    assertThat(last.nextToken()).isNull();
  }

  @Test
  void withoutAMaximumAHundredFilesMakeAPage() {
    Page<String> page = ConflictPages.conflictFiles(FILES, null, null);

    assertThat(page.items()).hasSize(5);
    assertThat(page.nextToken()).isNull();
  }

  @Test
  void aMaximumBelowOneIsInvalid() {
    assertCode(
        () -> ConflictPages.conflictFiles(FILES, 0, null), "InvalidMaxConflictFilesException");
    assertCode(
        () -> ConflictPages.mergeHunks(List.of(), -1, null), "InvalidMaxMergeHunksException");
  }

  @Test
  void aTokenThatIsNoOffsetIntoTheListIsInvalid() {
    for (String token : List.of("x", "-1", "6")) {
      assertCode(
          () -> ConflictPages.conflictFiles(FILES, 2, token), "InvalidContinuationTokenException");
    }
  }

  @Test
  void hunkLimitsSpanTheFilesOfABatch() {
    MergeHunk hunk =
        new MergeHunk(
            true,
            new MergeHunkDetail(0, 1, bytes("x\n")),
            new MergeHunkDetail(0, 1, bytes("y\n")),
            null);
    ConflictMetadata metadata =
        new ConflictMetadata("f", null, null, null, 1, null, true, false, false, null);
    List<Conflict> conflicts =
        List.of(
            new Conflict(metadata, List.of(hunk, hunk)),
            new Conflict(metadata, List.of(hunk, hunk)));

    List<Conflict> limited = ConflictPages.limitHunks(conflicts, 3);

    assertThat(limited).extracting(c -> c.mergeHunks().size()).containsExactly(2, 1);
  }

  private static void assertCode(
      org.assertj.core.api.ThrowableAssert.ThrowingCallable call, String code) {
    assertThatThrownBy(call)
        .isInstanceOfSatisfying(AwsException.class, e -> assertThat(e.code()).isEqualTo(code));
  }
}
