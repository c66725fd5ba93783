package io.commitd.storage.repos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.commitd.storage.MetadataDatabases;
import io.commitd.storage.MetadataDatabases.Kind;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The repositories table behaves the same on H2 and on PostgreSQL. */
class RepositoryCatalogTest {
  static final Instant T0 = Instant.parse("2026-11-24T10:00:00.123Z");

  @TempDir Path scratch;

  static java.util.stream.Stream<Kind> kinds() {
    return MetadataDatabases.kinds();
  }

  @ParameterizedTest
  @MethodSource("kinds")
  void createsFindsAndListsRepositoriesPerAccount(Kind kind) throws Exception {
    try (var db = MetadataDatabases.open(kind, scratch)) {
      RepositoryCatalog catalog = new RepositoryCatalog(db.database());
      catalog.ensureAccount("111111111111", T0);
      catalog.ensureAccount("222222222222", T0);
      catalog.ensureAccount("111111111111", T0);
      catalog.create(record("id-b", "111111111111", "beta"), Map.of("team", "core"));
      catalog.create(record("id-a", "111111111111", "alpha"), Map.of());
      catalog.create(record("id-c", "222222222222", "alpha"), Map.of());

      assertThat(catalog.findByName("111111111111", "alpha")).get().extracting(RepositoryRecord::repositoryId).isEqualTo("id-a");
      assertThat(catalog.findByName("222222222222", "alpha")).get().extracting(RepositoryRecord::repositoryId).isEqualTo("id-c");
      assertThat(catalog.findByName("111111111111", "ALPHA")).isEmpty();
      assertThat(catalog.list("111111111111")).extracting(RepositoryRecord::name).containsExactly("alpha", "beta");
      assertThat(catalog.findById("id-b")).get().extracting(RepositoryRecord::createdAt).isEqualTo(T0);
      assertThat(catalog.tags("id-b")).isEqualTo(Map.of("team", "core"));
    }
  }

  @ParameterizedTest
  @MethodSource("kinds")
  void aNameIsUniqueWithinAnAccount(Kind kind) throws Exception {
    try (var db = MetadataDatabases.open(kind, scratch)) {
      RepositoryCatalog catalog = new RepositoryCatalog(db.database());
      catalog.ensureAccount("111111111111", T0);
      catalog.create(record("id-1", "111111111111", "same"), Map.of("a", "1"));
      assertThatThrownBy(() -> catalog.create(record("id-2", "111111111111", "same"), Map.of("b", "2")))
          .isInstanceOf(RepositoryCatalog.NameTakenException.class);
      // The failed create left nothing behind: no row, no tags.
      assertThat(catalog.findById("id-2")).isEmpty();
      assertThat(catalog.tags("id-2")).isEmpty();

      catalog.create(record("id-3", "111111111111", "other"), Map.of());
      assertThatThrownBy(() -> catalog.rename("id-3", "same", T0)).isInstanceOf(RepositoryCatalog.NameTakenException.class);
      assertThat(catalog.findById("id-3")).get().extracting(RepositoryRecord::name).isEqualTo("other");
    }
  }

  @ParameterizedTest
  @MethodSource("kinds")
  void updatesKeepTheIdAndTouchTheModificationTime(Kind kind) throws Exception {
    try (var db = MetadataDatabases.open(kind, scratch)) {
      RepositoryCatalog catalog = new RepositoryCatalog(db.database());
      catalog.ensureAccount("111111111111", T0);
      catalog.create(record("id-1", "111111111111", "before"), Map.of());
      Instant later = T0.plusSeconds(60);
      catalog.rename("id-1", "after", later);
      catalog.updateDescription("id-1", "described", later);
      catalog.updateKmsKeyId("id-1", "alias/other", later);

      RepositoryRecord updated = catalog.findById("id-1").orElseThrow();
      assertThat(updated.name()).isEqualTo("after");
      assertThat(updated.description()).isEqualTo("described");
      assertThat(updated.kmsKeyId()).isEqualTo("alias/other");
      assertThat(updated.lastModifiedAt()).isEqualTo(later);
      assertThat(updated.createdAt()).isEqualTo(T0);
    }
  }

  @ParameterizedTest
  @MethodSource("kinds")
  void aSoleWriterServesWhatItReadUntilItsNextWrite(Kind kind) throws Exception {
    try (var db = MetadataDatabases.open(kind, scratch)) {
      RepositoryCatalog catalog = RepositoryCatalog.soleWriter(db.database());
      catalog.ensureAccount("111111111111", T0);
      catalog.create(record("id-1", "111111111111", "before"), Map.of());
      assertThat(catalog.findByName("111111111111", "before")).isPresent();
      // Behind the catalog's back (what another process would do): not seen, which is why only the
      // database's sole writer keeps records.
      try (var connection = db.database().dataSource().getConnection();
          var statement = connection.createStatement()) {
        statement.executeUpdate("UPDATE repositories SET description = 'elsewhere' WHERE repository_id = 'id-1'");
      }
      assertThat(catalog.findByName("111111111111", "before").orElseThrow().description()).isNull();

      Instant later = T0.plusSeconds(60);
      catalog.rename("id-1", "after", later);
      assertThat(catalog.findByName("111111111111", "before")).isEmpty();
      assertThat(catalog.findByName("111111111111", "after").orElseThrow().description()).isEqualTo("elsewhere");
      catalog.updateDefaultBranch("id-1", "main", later);
      assertThat(catalog.findById("id-1").orElseThrow().defaultBranch()).isEqualTo("main");
      catalog.touch("id-1", later.plusSeconds(1));
      assertThat(catalog.findById("id-1").orElseThrow().lastModifiedAt()).isEqualTo(later.plusSeconds(1));
      catalog.delete("id-1");
      assertThat(catalog.findById("id-1")).isEmpty();
      assertThat(catalog.findByName("111111111111", "after")).isEmpty();
    }
  }

  @ParameterizedTest
  @MethodSource("kinds")
  void aSoleWritersListPagesFollowItsOwnWrites(Kind kind) throws Exception {
    try (var db = MetadataDatabases.open(kind, scratch)) {
      RepositoryCatalog catalog = RepositoryCatalog.soleWriter(db.database());
      String account = "111111111111";
      catalog.ensureAccount(account, T0);
      catalog.create(record("id-b", account, "beta"), Map.of());
      catalog.create(record("id-a", account, "alpha"), Map.of());
      assertThat(names(catalog.listPage(account, RepositoryCatalog.ListOrder.NAME, false, 0, 10))).containsExactly("alpha", "beta");
      // Behind the catalog's back: the page it read stays, as its records do.
      try (var connection = db.database().dataSource().getConnection();
          var statement = connection.createStatement()) {
        statement.executeUpdate("UPDATE repositories SET name = 'aardvark' WHERE repository_id = 'id-b'");
      }
      assertThat(names(catalog.listPage(account, RepositoryCatalog.ListOrder.NAME, false, 0, 10))).containsExactly("alpha", "beta");

      catalog.create(record("id-c", account, "gamma"), Map.of());
      assertThat(names(catalog.listPage(account, RepositoryCatalog.ListOrder.NAME, false, 0, 10)))
          .containsExactly("aardvark", "alpha", "gamma");
      assertThat(names(catalog.listPage(account, RepositoryCatalog.ListOrder.NAME, true, 1, 10))).containsExactly("alpha", "aardvark");
      catalog.touch("id-a", T0.plusSeconds(60));
      assertThat(names(catalog.listPage(account, RepositoryCatalog.ListOrder.LAST_MODIFIED, true, 0, 2)))
          .containsExactly("alpha", "gamma");
      catalog.delete("id-a");
      assertThat(names(catalog.listPage(account, RepositoryCatalog.ListOrder.LAST_MODIFIED, true, 0, 2)))
          .containsExactly("gamma", "aardvark");
    }
  }

  private static List<String> names(List<RepositoryRecord> page) {
    return page.stream().map(RepositoryRecord::name).toList();
  }

  @ParameterizedTest
  @MethodSource("kinds")
  void theFirstBranchBecomesTheDefaultOnlyOnce(Kind kind) throws Exception {
    try (var db = MetadataDatabases.open(kind, scratch)) {
      RepositoryCatalog catalog = new RepositoryCatalog(db.database());
      catalog.ensureAccount("111111111111", T0);
      catalog.create(record("id-1", "111111111111", "repo"), Map.of());
      assertThat(catalog.setDefaultBranchIfAbsent("id-1", "main", T0)).isTrue();
      assertThat(catalog.setDefaultBranchIfAbsent("id-1", "develop", T0)).isFalse();
      assertThat(catalog.findById("id-1").orElseThrow().defaultBranch()).isEqualTo("main");
    }
  }

  @ParameterizedTest
  @MethodSource("kinds")
  void tagsAreAddedOverwrittenRemovedAndGoWithTheRepository(Kind kind) throws Exception {
    try (var db = MetadataDatabases.open(kind, scratch)) {
      RepositoryCatalog catalog = new RepositoryCatalog(db.database());
      catalog.ensureAccount("111111111111", T0);
      catalog.create(record("id-1", "111111111111", "repo"), Map.of("a", "1", "b", "2"));
      catalog.tag("id-1", Map.of("b", "two", "c", "3"));
      catalog.untag("id-1", List.of("a", "absent"));
      assertThat(catalog.tags("id-1")).isEqualTo(Map.of("b", "two", "c", "3"));

      catalog.delete("id-1");
      assertThat(catalog.findById("id-1")).isEmpty();
      assertThat(catalog.tags("id-1")).isEmpty();
    }
  }

  private static RepositoryRecord record(String id, String account, String name) {
    return new RepositoryRecord(id, account, name, null, null, null, T0, T0);
  }
}
