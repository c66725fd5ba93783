package io.commitd.git.merge;

import static io.commitd.git.merge.History.bytes;
import static io.commitd.git.merge.History.lines;
import static org.assertj.core.api.Assertions.assertThat;

import io.commitd.git.merge.LineMerge.Range;
import io.commitd.git.merge.LineMerge.Region;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class LineMergeTest {
  private static final byte[] BASE = bytes(lines("a", "b", "c", "d", "e", "f", "g"));

  @Test
  void changesFarApartAreSeparateRegionsWithoutConflict() {
    LineMerge merge =
        LineMerge.of(
            BASE,
            bytes(lines("A", "b", "c", "d", "e", "f", "g")),
            bytes(lines("a", "b", "c", "d", "e", "f", "G")));

    assertThat(merge.regions())
        .containsExactly(
            new Region(new Range(0, 1), new Range(0, 1), new Range(0, 1), false),
            new Region(new Range(6, 7), new Range(6, 7), new Range(6, 7), false));
    assertThat(merge.conflictCount()).isZero();
    assertThat(text(merge.merged(LineMerge.Favor.NEITHER).orElseThrow()))
        .isEqualTo(lines("A", "b", "c", "d", "e", "f", "G"));
  }

  @Test
  void linesInsertedOnOneSideShiftTheOtherSidesRanges() {
    LineMerge merge =
        LineMerge.of(
            BASE,
            bytes(lines("a", "new1", "new2", "b", "c", "d", "e", "f", "g")),
            bytes(lines("a", "b", "c", "d", "e", "f", "G")));

    assertThat(merge.regions())
        .containsExactly(
            new Region(new Range(1, 1), new Range(1, 3), new Range(1, 1), false),
            new Region(new Range(6, 7), new Range(8, 9), new Range(6, 7), false));
  }

  @Test
  void overlappingChangesConflictOverTheUnionOfWhatEachSideChanged() {
    LineMerge merge =
        LineMerge.of(
            BASE,
            bytes(lines("a", "B", "C", "d", "e", "f", "g")),
            bytes(lines("a", "b", "X", "Y", "Z", "e", "f", "g")));

    assertThat(merge.regions())
        .containsExactly(new Region(new Range(1, 4), new Range(1, 4), new Range(1, 5), true));
    assertThat(text(merge.sourceLines(new Range(1, 4)))).isEqualTo(lines("B", "C", "d"));
    assertThat(text(merge.destinationLines(new Range(1, 5)))).isEqualTo(lines("b", "X", "Y", "Z"));
    assertThat(merge.conflictCount()).isEqualTo(1);
    assertThat(merge.merged(LineMerge.Favor.NEITHER)).isEmpty();
  }

  @Test
  void changesToAdjacentLinesConflictAsInGit() {
    LineMerge merge =
        LineMerge.of(
            BASE,
            bytes(lines("a", "B", "c", "d", "e", "f", "g")),
            bytes(lines("a", "b", "C", "d", "e", "f", "g")));

    assertThat(merge.conflictCount()).isEqualTo(1);
  }

  @Test
  void theSameChangeOnBothSidesIsNoConflict() {
    byte[] same = bytes(lines("a", "B", "c", "d", "e", "f", "g"));
    LineMerge merge = LineMerge.of(BASE, same, same);

    assertThat(merge.regions()).singleElement().extracting(Region::conflict).isEqualTo(false);
    assertThat(merge.merged(LineMerge.Favor.NEITHER))
        .hasValueSatisfying(m -> assertThat(m).isEqualTo(same));
  }

  @Test
  void favoringASideTakesItsLinesOnlyWhereTheChangesConflict() {
    LineMerge merge =
        LineMerge.of(
            BASE,
            bytes(lines("a", "S", "c", "d", "e", "f", "g")),
            bytes(lines("a", "D", "c", "d", "e", "f", "G")));

    assertThat(text(merge.merged(LineMerge.Favor.SOURCE).orElseThrow()))
        .isEqualTo(lines("a", "S", "c", "d", "e", "f", "G"));
    assertThat(text(merge.merged(LineMerge.Favor.DESTINATION).orElseThrow()))
        .isEqualTo(lines("a", "D", "c", "d", "e", "f", "G"));
  }

  @Test
  void aLastLineWithoutNewlineSurvivesTheMerge() {
    LineMerge merge = LineMerge.of(bytes("a\nb\nc"), bytes("A\nb\nc"), bytes("a\nb\nC"));

    assertThat(text(merge.merged(LineMerge.Favor.NEITHER).orElseThrow())).isEqualTo("A\nb\nC");
  }

  private static String text(byte[] content) {
    return new String(content, StandardCharsets.UTF_8);
  }
}
