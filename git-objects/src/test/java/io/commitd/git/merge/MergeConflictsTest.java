package io.commitd.git.merge;

import static io.commitd.git.merge.ConflictDetailLevel.FILE_LEVEL;
import static io.commitd.git.merge.ConflictDetailLevel.LINE_LEVEL;
import static io.commitd.git.merge.ConflictResolutionStrategy.ACCEPT_DESTINATION;
import static io.commitd.git.merge.ConflictResolutionStrategy.ACCEPT_SOURCE;
import static io.commitd.git.merge.ConflictResolutionStrategy.AUTOMERGE;
import static io.commitd.git.merge.ConflictResolutionStrategy.NONE;
import static io.commitd.git.merge.History.bytes;
import static io.commitd.git.merge.History.lines;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.commitd.storage.errors.AwsException;
import java.nio.charset.StandardCharsets;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.Test;

class MergeConflictsTest {
  private static final String BASE_TEXT = lines("one", "two", "three", "four", "five", "six");

  private final History history = new History();

  @Test
  void nonOverlappingEditsMergeAtLineLevelWithoutConflicts() throws Exception {
    RevCommit base = history.root().add("notes.txt", BASE_TEXT).create();
    RevCommit source =
        history
            .child(base)
            .add("notes.txt", lines("ONE", "two", "three", "four", "five", "six"))
            .create();
    RevCommit destination =
        history
            .child(base)
            .add("notes.txt", lines("one", "two", "three", "four", "five", "SIX"))
            .create();

    MergeAnalysis analysis = analyze(source, destination, LINE_LEVEL, NONE);

    assertThat(analysis.mergeable()).isTrue();
    assertThat(analysis.conflicting()).isEmpty();
    Conflict file = analysis.conflict("notes.txt").orElseThrow();
    assertThat(file.conflictMetadata().numberOfConflicts()).isZero();
    assertThat(file.conflictMetadata().contentConflict()).isFalse();
    assertThat(file.mergeHunks()).extracting(MergeHunk::isConflict).containsExactly(false, false);
  }

  @Test
  void theSameNonOverlappingEditsConflictAtFileLevel() throws Exception {
    RevCommit base = history.root().add("notes.txt", BASE_TEXT).create();
    String sourceText = lines("ONE", "two", "three", "four", "five", "six");
    String destinationText = lines("one", "two", "three", "four", "five", "SIX");
    RevCommit source = history.child(base).add("notes.txt", sourceText).create();
    RevCommit destination = history.child(base).add("notes.txt", destinationText).create();

    MergeAnalysis analysis = analyze(source, destination, FILE_LEVEL, NONE);

    assertThat(analysis.mergeable()).isFalse();
    ConflictMetadata metadata = analysis.conflicting().get(0).conflictMetadata();
    assertThat(metadata.filePath()).isEqualTo("notes.txt");
    assertThat(metadata.contentConflict()).isTrue();
    assertThat(metadata.numberOfConflicts()).isEqualTo(1);
    MergeHunk wholeFile = analysis.conflicting().get(0).mergeHunks().get(0);
    assertThat(wholeFile.isConflict()).isTrue();
    assertThat(wholeFile.source()).isEqualTo(new MergeHunkDetail(0, 6, bytes(sourceText)));
    assertThat(wholeFile.destination())
        .isEqualTo(new MergeHunkDetail(0, 6, bytes(destinationText)));
    assertThat(wholeFile.base()).isEqualTo(new MergeHunkDetail(0, 6, bytes(BASE_TEXT)));
  }

  @Test
  void automergeMergesNonOverlappingEditsEvenAtFileLevel() throws Exception {
    RevCommit base = history.root().add("notes.txt", BASE_TEXT).create();
    RevCommit source =
        history
            .child(base)
            .add("notes.txt", lines("ONE", "two", "three", "four", "five", "six"))
            .create();
    RevCommit destination =
        history
            .child(base)
            .add("notes.txt", lines("one", "two", "three", "four", "five", "SIX"))
            .create();

    assertThat(analyze(source, destination, FILE_LEVEL, AUTOMERGE).mergeable()).isTrue();
  }

  @Test
  void overlappingEditsConflictAtLineLevelWithHunksNamingTheLinesOfEachVersion() throws Exception {
    RevCommit base = history.root().add("notes.txt", BASE_TEXT).create();
    RevCommit source =
        history
            .child(base)
            .add("notes.txt", lines("one", "two", "3 from source", "four", "five", "six"))
            .create();
    RevCommit destination =
        history
            .child(base)
            .add(
                "notes.txt",
                lines("one", "two", "3 from destination", "3 and a half", "four", "five", "six"))
            .create();

    MergeAnalysis analysis = analyze(source, destination, LINE_LEVEL, NONE);

    assertThat(analysis.mergeable()).isFalse();
    assertThat(analysis.baseCommitId()).isEqualTo(base);
    Conflict conflict = analysis.conflicting().get(0);
    ConflictMetadata metadata = conflict.conflictMetadata();
    assertThat(metadata.numberOfConflicts()).isEqualTo(1);
    assertThat(metadata.contentConflict()).isTrue();
    assertThat(metadata.fileModeConflict()).isFalse();
    assertThat(metadata.objectTypeConflict()).isFalse();
    assertThat(metadata.mergeOperations())
        .isEqualTo(new MergeOperations(ChangeType.M, ChangeType.M));
    assertThat(metadata.fileModes())
        .isEqualTo(new Sides<>(FileModeType.NORMAL, FileModeType.NORMAL, FileModeType.NORMAL));
    assertThat(metadata.objectTypes())
        .isEqualTo(new Sides<>(ObjectType.FILE, ObjectType.FILE, ObjectType.FILE));
    assertThat(metadata.isBinaryFile()).isEqualTo(new Sides<>(false, false, false));
    assertThat(metadata.fileSizes().base()).isEqualTo((long) BASE_TEXT.length());
    assertThat(conflict.mergeHunks())
        .containsExactly(
            new MergeHunk(
                true,
                new MergeHunkDetail(2, 3, bytes(lines("3 from source"))),
                new MergeHunkDetail(2, 4, bytes(lines("3 from destination", "3 and a half"))),
                new MergeHunkDetail(2, 3, bytes(lines("three")))));
  }

  @Test
  void aFastForwardListsNoConflictsAndIsMergeableOnlyWhenTheDestinationIsAnAncestor()
      throws Exception {
    RevCommit base = history.root().add("notes.txt", BASE_TEXT).create();
    RevCommit source = history.child(base).add("notes.txt", lines("source")).create();
    RevCommit destination = history.child(base).add("notes.txt", lines("destination")).create();
    RevCommit ahead = history.child(destination).add("more.txt", "m").create();

    MergeAnalysis diverged = analyze(source, destination, LINE_LEVEL, NONE);
    MergeAnalysis behind = analyze(ahead, destination, LINE_LEVEL, NONE);

    assertThat(diverged.conflictingFor(MergeOption.FAST_FORWARD_MERGE)).isEmpty();
    assertThat(diverged.conflictingFor(MergeOption.THREE_WAY_MERGE)).hasSize(1);
    assertThat(diverged.mergeableBy(MergeOption.FAST_FORWARD_MERGE)).isFalse();
    assertThat(behind.mergeableBy(MergeOption.FAST_FORWARD_MERGE)).isTrue();
  }

  @Test
  void hunkContentTravelsAsBase64() {
    MergeHunkDetail detail = new MergeHunkDetail(0, 1, bytes(lines("three")));

    assertThat(detail.hunkContentBase64()).isEqualTo("dGhyZWUK");
  }

  @Test
  void acceptingEitherSideMakesOverlappingEditsMergeable() throws Exception {
    RevCommit base = history.root().add("notes.txt", BASE_TEXT).create();
    RevCommit source = history.child(base).add("notes.txt", lines("one", "TWO")).create();
    RevCommit destination = history.child(base).add("notes.txt", lines("one", "2")).create();

    assertThat(analyze(source, destination, LINE_LEVEL, NONE).mergeable()).isFalse();
    assertThat(analyze(source, destination, LINE_LEVEL, AUTOMERGE).mergeable()).isFalse();
    assertThat(analyze(source, destination, LINE_LEVEL, ACCEPT_SOURCE).mergeable()).isTrue();
    assertThat(analyze(source, destination, FILE_LEVEL, ACCEPT_DESTINATION).mergeable()).isTrue();
    assertThat(analyze(source, destination, LINE_LEVEL, ACCEPT_SOURCE).conflicting())
        .as("the strategy settles conflicts; it does not hide them")
        .hasSize(1);
  }

  @Test
  void deletingAFileTheOtherSideModifiedIsAContentConflict() throws Exception {
    RevCommit base = history.root().add("notes.txt", BASE_TEXT).add("keep.txt", "k").create();
    RevCommit source = history.child(base).rm("notes.txt").create();
    RevCommit destination = history.child(base).add("notes.txt", lines("changed")).create();

    MergeAnalysis analysis = analyze(source, destination, LINE_LEVEL, NONE);

    ConflictMetadata metadata = analysis.conflicting().get(0).conflictMetadata();
    assertThat(metadata.mergeOperations())
        .isEqualTo(new MergeOperations(ChangeType.D, ChangeType.M));
    assertThat(metadata.contentConflict()).isTrue();
    assertThat(metadata.numberOfConflicts()).isEqualTo(1);
    assertThat(metadata.objectTypes())
        .isEqualTo(new Sides<>(null, ObjectType.FILE, ObjectType.FILE));
    assertThat(metadata.fileSizes().source()).isNull();
    assertThat(analysis.conflicting().get(0).mergeHunks()).isEmpty();
    assertThat(analysis.mergeable()).isFalse();
    assertThat(analyze(source, destination, LINE_LEVEL, AUTOMERGE).mergeable()).isFalse();
  }

  @Test
  void addingTheSameContentWithDifferentModesIsAFileModeConflictOnly() throws Exception {
    RevCommit base = history.root().add("README", "r").create();
    RevCommit source = history.child(base).add("run.sh", "echo hi\n").create();
    RevCommit destination =
        history.child(base).edit(history.executable("run.sh", "echo hi\n")).create();

    MergeAnalysis analysis = analyze(source, destination, LINE_LEVEL, NONE);

    ConflictMetadata metadata = analysis.conflicting().get(0).conflictMetadata();
    assertThat(metadata.fileModeConflict()).isTrue();
    assertThat(metadata.contentConflict()).isFalse();
    assertThat(metadata.numberOfConflicts()).isEqualTo(1);
    assertThat(metadata.fileModes())
        .isEqualTo(new Sides<>(FileModeType.NORMAL, FileModeType.EXECUTABLE, null));
    assertThat(metadata.mergeOperations())
        .isEqualTo(new MergeOperations(ChangeType.A, ChangeType.A));
    assertThat(analysis.mergeable()).isFalse();
    assertThat(analyze(source, destination, LINE_LEVEL, AUTOMERGE).mergeable()).isFalse();
    assertThat(analyze(source, destination, LINE_LEVEL, ACCEPT_DESTINATION).mergeable()).isTrue();
  }

  @Test
  void aModeChangeOnOneSideAndAnEditOnTheOtherMergeAtLineLevel() throws Exception {
    RevCommit base = history.root().add("run.sh", BASE_TEXT).create();
    RevCommit source = history.child(base).edit(history.executable("run.sh", BASE_TEXT)).create();
    RevCommit destination = history.child(base).add("run.sh", lines("edited")).create();

    assertThat(analyze(source, destination, LINE_LEVEL, NONE).mergeable()).isTrue();
    assertThat(analyze(source, destination, FILE_LEVEL, NONE).mergeable()).isFalse();
  }

  @Test
  void aFileOnOneSideAndAFolderOnTheOtherIsAnObjectTypeConflict() throws Exception {
    RevCommit base = history.root().add("docs", "a file at first").create();
    RevCommit source = history.child(base).rm("docs").add("docs/guide.md", "guide").create();
    RevCommit destination = history.child(base).add("docs", "still a file").create();

    MergeAnalysis analysis = analyze(source, destination, LINE_LEVEL, NONE);

    ConflictMetadata metadata = analysis.conflicting().get(0).conflictMetadata();
    assertThat(metadata.filePath()).isEqualTo("docs");
    assertThat(metadata.objectTypeConflict()).isTrue();
    assertThat(metadata.objectTypes())
        .isEqualTo(new Sides<>(ObjectType.DIRECTORY, ObjectType.FILE, ObjectType.FILE));
    assertThat(metadata.numberOfConflicts()).isEqualTo(1);
    assertThat(analyze(source, destination, LINE_LEVEL, ACCEPT_SOURCE).mergeable()).isTrue();
  }

  @Test
  void aBinaryFileChangedOnBothSidesConflictsWholeAndHasNoHunks() throws Exception {
    byte[] image = {'P', 'N', 'G', 0, 1, 2, 3};
    RevCommit base = history.root().add("logo.png", history.git.blob(image)).create();
    RevCommit source =
        history.child(base).add("logo.png", history.git.blob(new byte[] {'P', 0, 9})).create();
    RevCommit destination =
        history.child(base).add("logo.png", history.git.blob(new byte[] {'P', 0, 8})).create();

    MergeAnalysis analysis = analyze(source, destination, LINE_LEVEL, NONE);

    Conflict conflict = analysis.conflicting().get(0);
    assertThat(conflict.conflictMetadata().isBinaryFile()).isEqualTo(new Sides<>(true, true, true));
    assertThat(conflict.conflictMetadata().contentConflict()).isTrue();
    assertThat(conflict.conflictMetadata().fileSizes()).isEqualTo(new Sides<>(3L, 3L, 7L));
    assertThat(conflict.mergeHunks()).isEmpty();
    assertThat(analyze(source, destination, LINE_LEVEL, AUTOMERGE).mergeable()).isFalse();
  }

  @Test
  void aFileAddedOnBothSidesIsMergedAgainstAnEmptyBase() throws Exception {
    RevCommit base = history.root().add("README", "r").create();
    RevCommit source = history.child(base).add("new.txt", lines("from source")).create();
    RevCommit destination = history.child(base).add("new.txt", lines("from destination")).create();

    Conflict conflict = analyze(source, destination, LINE_LEVEL, NONE).conflicting().get(0);

    assertThat(conflict.conflictMetadata().mergeOperations())
        .isEqualTo(new MergeOperations(ChangeType.A, ChangeType.A));
    assertThat(conflict.mergeHunks())
        .singleElement()
        .satisfies(
            hunk -> {
              assertThat(hunk.isConflict()).isTrue();
              assertThat(hunk.base()).isNull();
              assertThat(new String(hunk.source().hunkContent(), StandardCharsets.UTF_8))
                  .isEqualTo(lines("from source"));
            });
  }

  @Test
  void changesInsideAFolderAreJudgedFileByFile() throws Exception {
    RevCommit base =
        history.root().add("src/a.txt", lines("a")).add("src/b.txt", lines("b")).create();
    RevCommit source = history.child(base).add("src/a.txt", lines("A")).create();
    RevCommit destination = history.child(base).add("src/b.txt", lines("B")).create();

    MergeAnalysis analysis = analyze(source, destination, FILE_LEVEL, NONE);

    assertThat(analysis.changedOnBothSides()).isEmpty();
    assertThat(analysis.mergeable()).isTrue();
  }

  @Test
  void unrelatedHistoriesHaveNoBaseAndEveryCommonPathIsAnAddition() throws Exception {
    RevCommit source = history.root().add("same.txt", lines("s")).create();
    RevCommit destination = history.root().add("same.txt", lines("d")).create();

    MergeAnalysis analysis = analyze(source, destination, LINE_LEVEL, NONE);

    assertThat(analysis.baseCommitId()).isNull();
    assertThat(analysis.conflicting().get(0).conflictMetadata().mergeOperations())
        .isEqualTo(new MergeOperations(ChangeType.A, ChangeType.A));
  }

  @Test
  void aMissingCommitIsCommitDoesNotExist() throws Exception {
    RevCommit real = history.root().add("a", "a").create();
    ObjectId missing = ObjectId.fromString("0123456789012345678901234567890123456789");

    assertThatThrownBy(() -> analyze(missing, real, FILE_LEVEL, NONE))
        .isInstanceOfSatisfying(
            AwsException.class, e -> assertThat(e.code()).isEqualTo("CommitDoesNotExistException"));
  }

  @Test
  void symlinkTargetsChangedOnBothSidesConflictWithoutLineMerging() throws Exception {
    RevCommit base = history.root().edit(history.symlink("current", "v1")).create();
    RevCommit source = history.child(base).edit(history.symlink("current", "v2")).create();
    RevCommit destination = history.child(base).edit(history.symlink("current", "v3")).create();

    ConflictMetadata metadata =
        analyze(source, destination, LINE_LEVEL, NONE).conflicting().get(0).conflictMetadata();

    assertThat(metadata.objectTypes().source()).isEqualTo(ObjectType.SYMBOLIC_LINK);
    assertThat(metadata.fileModes().source()).isEqualTo(FileModeType.SYMLINK);
    assertThat(metadata.isBinaryFile().source()).isNull();
    assertThat(metadata.contentConflict()).isTrue();
  }

  private MergeAnalysis analyze(
      ObjectId source,
      ObjectId destination,
      ConflictDetailLevel level,
      ConflictResolutionStrategy strategy) {
    return MergeConflicts.analyze(history.repository, source, destination, level, strategy);
  }
}
