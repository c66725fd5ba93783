package io.commitd.server.codecommit.repositories;

import static org.assertj.core.api.Assertions.assertThat;

import io.commitd.server.api.Json;
import io.commitd.storage.repos.RepositoryRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RenderedPagesTest {
  private final RenderedPages pages = new RenderedPages(2);

  @Test
  void writesThePageSizeFirstPairsAsBotocoreShapesThem() throws Exception {
    List<RepositoryRecord> page = List.of(record("1", "alpha"), record("2", "beta \"quoted\" é"), record("3", "gamma"));

    String written = Json.MAPPER.writeValueAsString(Map.of("repositories", pages.of(page)));

    assertThat(Json.MAPPER.readTree(written)).isEqualTo(Json.MAPPER.readTree(
        "{\"repositories\":[{\"repositoryName\":\"alpha\",\"repositoryId\":\"1\"},"
            + "{\"repositoryName\":\"beta \\\"quoted\\\" é\",\"repositoryId\":\"2\"}]}"));
  }

  @Test
  void aPageAnsweredAgainIsNotWrittenAgain() {
    List<RepositoryRecord> page = List.of(record("1", "alpha"));

    assertThat(pages.of(page)).isSameAs(pages.of(page));
  }

  @Test
  void anotherPageWithTheSameRecordsIsWrittenAnew() {
    List<RepositoryRecord> page = List.of(record("1", "alpha"));
    List<RepositoryRecord> reread = new ArrayList<>(page);

    assertThat(pages.of(reread)).isNotSameAs(pages.of(page)).isEqualTo(pages.of(page));
  }

  @Test
  void aChangedCatalogsNewPageShowsTheChange() throws Exception {
    pages.of(List.of(record("1", "alpha")));

    String written = Json.MAPPER.writeValueAsString(pages.of(List.of(record("1", "renamed"))));

    assertThat(written).contains("renamed").doesNotContain("alpha");
  }

  private static RepositoryRecord record(String id, String name) {
    Instant now = Instant.parse("2026-12-07T00:00:00Z");
    return new RepositoryRecord(id, "000000000000", name, null, null, "alias/aws/codecommit", now, now);
  }
}
