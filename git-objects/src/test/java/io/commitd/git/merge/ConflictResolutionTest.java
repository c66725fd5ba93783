package io.commitd.git.merge;

import static io.commitd.git.merge.History.MERGER;
import static io.commitd.git.merge.History.bytes;
import static io.commitd.git.merge.History.lines;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.commitd.storage.errors.AwsException;
import java.util.ArrayList;
import java.util.List;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ConflictResolutionTest {
  private final History history = new History();
  private final Merger merger = new Merger(history.repository);

  private RevCommit source;
  private RevCommit destination;

  @BeforeEach
  void branchesThatEditTheSameLineAndDeleteWhatTheOtherEdits() throws Exception {
    RevCommit base =
        history
            .root()
            .add("f.txt", lines("1", "2", "3"))
            .add("gone.txt", lines("g"))
            .add("clean.txt", lines("c"))
            .create();
    source = history.child(base).add("f.txt", lines("1", "source", "3")).rm("gone.txt").create();
    destination =
        history
            .child(base)
            .add("f.txt", lines("1", "destination", "3"))
            .add("gone.txt", lines("edited"))
            .create();
  }

  @Test
  void unresolvedConflictsRequireAManualMerge() {
    assertError(() -> merge(ConflictResolution.NONE), "ManualMergeRequiredException");
  }

  @Test
  void newContentAndADeletionResolveEveryConflict() throws Exception {
    MergeOutcome outcome =
        merge(
            new ConflictResolution(
                List.of(replace("f.txt", ReplacementType.USE_NEW_CONTENT, "resolved\n")),
                List.of(new DeleteFileEntry("gone.txt")),
                List.of()));

    assertThat(history.content(outcome.treeId(), "f.txt")).isEqualTo("resolved\n");
    assertThat(history.mode(outcome.treeId(), "f.txt")).isEqualTo(FileMode.REGULAR_FILE);
    assertThat(history.content(outcome.treeId(), "gone.txt")).isNull();
    assertThat(history.content(outcome.treeId(), "clean.txt")).isEqualTo(lines("c"));
  }

  @Test
  void keepingAVersionTakesThatVersionsContent() throws Exception {
    MergeOutcome outcome =
        merge(
            new ConflictResolution(
                List.of(
                    replace("f.txt", ReplacementType.KEEP_BASE, null),
                    replace("gone.txt", ReplacementType.KEEP_DESTINATION, null)),
                List.of(),
                List.of()));

    assertThat(history.content(outcome.treeId(), "f.txt")).isEqualTo(lines("1", "2", "3"));
    assertThat(history.content(outcome.treeId(), "gone.txt")).isEqualTo(lines("edited"));
  }

  @Test
  void keepingTheSourceOfAFileItDeletedDeletesIt() throws Exception {
    MergeOutcome outcome =
        merge(
            new ConflictResolution(
                List.of(
                    replace("f.txt", ReplacementType.KEEP_SOURCE, null),
                    replace("gone.txt", ReplacementType.KEEP_SOURCE, null)),
                List.of(),
                List.of()));

    assertThat(history.content(outcome.treeId(), "f.txt")).isEqualTo(lines("1", "source", "3"));
    assertThat(history.content(outcome.treeId(), "gone.txt")).isNull();
  }

  @Test
  void aReplacementMayChooseTheFileMode() throws Exception {
    MergeOutcome outcome =
        merge(
            new ConflictResolution(
                List.of(
                    new ReplaceContentEntry(
                        "f.txt",
                        ReplacementType.USE_NEW_CONTENT,
                        bytes("#!/bin/sh\n"),
                        FileModeType.EXECUTABLE),
                    replace("gone.txt", ReplacementType.KEEP_DESTINATION, null)),
                List.of(),
                List.of()));

    assertThat(history.mode(outcome.treeId(), "f.txt")).isEqualTo(FileMode.EXECUTABLE_FILE);
  }

  @Test
  void entriesCombineWithTheStrategyForTheFilesTheyDoNotName() throws Exception {
    MergeOutcome outcome =
        merger.threeWay(
            MergeRequest.of(source, destination, MERGER)
                .withConflictResolutionStrategy(ConflictResolutionStrategy.ACCEPT_DESTINATION)
                .withConflictResolution(
                    new ConflictResolution(
                        List.of(), List.of(new DeleteFileEntry("gone.txt")), List.of())));

    assertThat(history.content(outcome.treeId(), "f.txt"))
        .isEqualTo(lines("1", "destination", "3"));
    assertThat(history.content(outcome.treeId(), "gone.txt")).isNull();
  }

  @Test
  void choosingTheModeResolvesAFileModeConflict() throws Exception {
    RevCommit base = history.root().add("README", "r").create();
    RevCommit left = history.child(base).add("run.sh", "echo\n").create();
    RevCommit right = history.child(base).edit(history.executable("run.sh", "echo\n")).create();

    MergeOutcome outcome =
        merger.threeWay(
            MergeRequest.of(left, right, MERGER)
                .withConflictDetailLevel(ConflictDetailLevel.LINE_LEVEL)
                .withConflictResolution(
                    new ConflictResolution(
                        List.of(),
                        List.of(),
                        List.of(new SetFileModeEntry("run.sh", FileModeType.EXECUTABLE)))));

    assertThat(history.mode(outcome.treeId(), "run.sh")).isEqualTo(FileMode.EXECUTABLE_FILE);
    assertThat(history.content(outcome.treeId(), "run.sh")).isEqualTo("echo\n");
  }

  @Test
  void choosingTheModeDoesNotResolveConflictingContent() {
    assertError(
        () ->
            merge(
                new ConflictResolution(
                    List.of(),
                    List.of(new DeleteFileEntry("gone.txt")),
                    List.of(new SetFileModeEntry("f.txt", FileModeType.NORMAL)))),
        "ManualMergeRequiredException");
  }

  @Test
  void aPathMayBeResolvedOnlyOnce() {
    assertError(
        () ->
            merge(
                new ConflictResolution(
                    List.of(replace("f.txt", ReplacementType.KEEP_SOURCE, null)),
                    List.of(new DeleteFileEntry("/f.txt")),
                    List.of())),
        "MultipleConflictResolutionEntriesException");
  }

  @Test
  void aPathWithoutConflictCannotBeResolved() {
    assertError(
        () ->
            merge(
                new ConflictResolution(
                    List.of(), List.of(new DeleteFileEntry("clean.txt")), List.of())),
        "InvalidConflictResolutionException");
  }

  @Test
  void aReplacementNeedsAType() {
    assertError(
        () -> merge(only(replace("f.txt", null, null))), "ReplacementTypeRequiredException");
  }

  @Test
  void anUnknownReplacementTypeIsRefusedWhenParsed() {
    assertError(() -> ReplacementType.parse("KEEP_EVERYTHING"), "InvalidReplacementTypeException");
    assertThat(ReplacementType.parse(null)).isNull();
  }

  @Test
  void newContentNeedsContent() {
    assertError(
        () -> merge(only(replace("f.txt", ReplacementType.USE_NEW_CONTENT, null))),
        "ReplacementContentRequiredException");
  }

  @Test
  void contentWithAKeepReplacementIsInvalid() {
    assertError(
        () -> merge(only(replace("f.txt", ReplacementType.KEEP_SOURCE, "x"))),
        "InvalidReplacementContentException");
  }

  @Test
  void settingAModeNeedsAMode() {
    assertError(
        () ->
            merge(
                new ConflictResolution(
                    List.of(), List.of(), List.of(new SetFileModeEntry("f.txt", null)))),
        "FileModeRequiredException");
  }

  @Test
  void anUnknownFileModeIsRefusedWhenParsed() {
    assertError(() -> FileModeType.parse("SETUID"), "InvalidFileModeException");
  }

  @Test
  void everyEntryNeedsAPath() {
    assertError(
        () ->
            merge(new ConflictResolution(List.of(), List.of(new DeleteFileEntry(null)), List.of())),
        "PathRequiredException");
  }

  @Test
  void pathsThatEscapeTheRepositoryAreInvalid() {
    for (String path : List.of("../f.txt", "a//b", "dir/", ".git/config", "a/./b")) {
      assertError(
          () ->
              merge(
                  new ConflictResolution(List.of(), List.of(new DeleteFileEntry(path)), List.of())),
          "InvalidPathException");
    }
  }

  @Test
  void atMostAHundredEntriesAreAccepted() {
    List<DeleteFileEntry> deletions = new ArrayList<>();
    for (int i = 0; i <= ResolvedMerge.MAX_RESOLUTION_ENTRIES; i++) {
      deletions.add(new DeleteFileEntry("file" + i));
    }

    assertError(
        () -> merge(new ConflictResolution(List.of(), deletions, List.of())),
        "MaximumConflictResolutionEntriesExceededException");
  }

  @Test
  void replacementContentIsBoundedBySixMegabytes() {
    ReplaceContentEntry tooLarge =
        new ReplaceContentEntry(
            "f.txt",
            ReplacementType.USE_NEW_CONTENT,
            new byte[ResolvedMerge.MAX_CONTENT_BYTES + 1],
            null);

    assertError(() -> merge(only(tooLarge)), "FileContentSizeLimitExceededException");
  }

  private MergeOutcome merge(ConflictResolution resolution) {
    return merger.squash(
        MergeRequest.of(source, destination, MERGER)
            .withConflictDetailLevel(ConflictDetailLevel.LINE_LEVEL)
            .withConflictResolution(resolution));
  }

  private static ConflictResolution only(ReplaceContentEntry entry) {
    return new ConflictResolution(List.of(entry), List.of(), List.of());
  }

  private static ReplaceContentEntry replace(String path, ReplacementType type, String content) {
    return new ReplaceContentEntry(path, type, content == null ? null : bytes(content), null);
  }

  private static void assertError(ThrowingCallable call, String code) {
    assertThatThrownBy(call)
        .isInstanceOfSatisfying(AwsException.class, e -> assertThat(e.code()).isEqualTo(code));
  }
}
