package io.commitd.transport;

import static org.assertj.core.api.Assertions.assertThat;

import io.commitd.storage.git.FileRepositoryStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.StoredConfig;
import org.eclipse.jgit.lib.TreeFormatter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Background repacks after pushes. */
class MaintenanceTest {
  private static final Instant NOW = Instant.now();

  @TempDir Path root;

  @Test
  void aRepositoryDeletedBeforeItsRepackIsNoFailure() throws Exception {
    try (FileRepositoryStore store = new FileRepositoryStore(root);
        Maintenance maintenance = new Maintenance(store)) {
      store.create("gone");
      store.delete("gone");

      maintenance.repackIfNeeded("gone");

      assertThat(maintenance.failedRepacks()).isZero();
      assertThat(maintenance.repacks()).isZero();
    }
  }

  @Test
  void whatARepackWroteAfterItsRepositoryWasDeletedIsRemoved() throws Exception {
    try (FileRepositoryStore store = new FileRepositoryStore(root);
        Maintenance maintenance = new Maintenance(store)) {
      store.create("gone");
      Path directory = store.directoryOf("gone");
      store.delete("gone");
      // what a repack running through the deletion recreates as it writes its pack
      Files.createDirectories(directory.resolve("objects").resolve("pack"));

      maintenance.repackIfNeeded("gone");

      assertThat(directory).doesNotExist();
      assertThat(maintenance.failedRepacks()).isZero();
    }
  }

  @Test
  void aNewRepositoryLeavesItsRepacksToMaintenance() throws Exception {
    try (FileRepositoryStore store = new FileRepositoryStore(root)) {
      store.create("new");

      try (Repository repository = store.open("new")) {
        assertThat(repository.getConfig().getBoolean("receive", "autogc", true)).as("receive.autogc").isFalse();
      }
    }
  }

  @Test
  void aRepositoryOfAnEarlierVersionGetsTheLaterSettingsAtItsFirstMaintenance() throws Exception {
    try (FileRepositoryStore store = new FileRepositoryStore(root);
        Maintenance maintenance = new Maintenance(store)) {
      store.create("older");
      try (Repository repository = store.open("older")) {
        StoredConfig config = repository.getConfig();
        config.unset("receive", null, "autogc");
        config.unset("gc", null, "writeCommitGraph");
        config.save();
      }

      maintenance.repackIfNeeded("older");

      try (Repository repository = store.open("older")) {
        StoredConfig config = repository.getConfig();
        config.load();
        assertThat(config.getBoolean("receive", "autogc", true)).as("receive.autogc").isFalse();
        assertThat(config.getBoolean("gc", "writeCommitGraph", false)).as("gc.writeCommitGraph").isTrue();
      }
    }
  }

  @Test
  void onlyPacksWrittenAfterTheLastRepackCountTowardTheNext() throws Exception {
    Path packs = Files.createDirectories(root.resolve("pack"));
    pack(packs, "replaced-by-the-repack", NOW.minusSeconds(120), false);
    pack(packs, "older-repack", NOW.minusSeconds(100), true);
    pack(packs, "last-repack", NOW.minusSeconds(60), true);
    pack(packs, "pushed-1", NOW.minusSeconds(30), false);
    pack(packs, "pushed-2", NOW.minusSeconds(10), false);

    assertThat(Maintenance.packsSinceLastRepack(packs)).isEqualTo(2);
  }

  @Test
  void withoutARepackEveryPackCounts() throws Exception {
    Path packs = Files.createDirectories(root.resolve("pack"));
    pack(packs, "pushed-1", NOW.minusSeconds(30), false);
    pack(packs, "pushed-2", NOW.minusSeconds(10), false);

    assertThat(Maintenance.packsSinceLastRepack(packs)).isEqualTo(2);
  }

  @Test
  void aRepackRemovesThePacksItReplacedOnceTheyAreOlderThanTheGrace() throws Exception {
    try (FileRepositoryStore store = new FileRepositoryStore(root);
        Maintenance maintenance = new Maintenance(store)) {
      store.create("busy");
      commitManyFiles(store, "busy", "first");
      maintenance.repackIfNeeded("busy");
      Path packs = root.resolve("busy.git/objects/pack");
      List<Path> first = packFiles(packs);
      assertThat(first).hasSize(1);
      for (Path file : Files.list(packs).toList()) {
        Files.setLastModifiedTime(file, FileTime.from(NOW.minus(Maintenance.REPLACED_PACK_GRACE).minusSeconds(60)));
      }

      commitManyFiles(store, "busy", "second");
      maintenance.repackIfNeeded("busy");

      assertThat(maintenance.repacks()).isEqualTo(2);
      assertThat(packFiles(packs)).hasSize(1).doesNotContainAnyElementsOf(first);
    }
  }

  /** A commit of more loose objects than a repository may gather before it is repacked. */
  private static void commitManyFiles(FileRepositoryStore store, String id, String content) throws Exception {
    try (Repository repository = store.open(id); ObjectInserter inserter = repository.newObjectInserter()) {
      TreeFormatter tree = new TreeFormatter();
      for (int i = 0; i < Maintenance.LOOSE_OBJECT_THRESHOLD + 10; i++) {
        ObjectId blob = inserter.insert(Constants.OBJ_BLOB, (content + " " + i).getBytes(StandardCharsets.UTF_8));
        tree.append(String.format("file%04d", i), FileMode.REGULAR_FILE, blob);
      }
      CommitBuilder commit = new CommitBuilder();
      commit.setTreeId(inserter.insert(tree));
      ObjectId head = repository.resolve("refs/heads/main");
      if (head != null) {
        commit.setParentId(head);
      }
      PersonIdent ada = new PersonIdent("ada", "ada@example.com");
      commit.setAuthor(ada);
      commit.setCommitter(ada);
      commit.setMessage(content);
      ObjectId commitId = inserter.insert(commit);
      inserter.flush();
      RefUpdate update = repository.updateRef("refs/heads/main");
      update.setNewObjectId(commitId);
      update.forceUpdate();
    }
  }

  private static List<Path> packFiles(Path packs) throws Exception {
    try (Stream<Path> files = Files.list(packs)) {
      return files.filter(p -> p.toString().endsWith(".pack")).toList();
    }
  }

  private static void pack(Path packs, String name, Instant written, boolean bitmap) throws Exception {
    Path pack = Files.createFile(packs.resolve("pack-" + name + ".pack"));
    Files.setLastModifiedTime(pack, FileTime.from(written));
    if (bitmap) {
      Files.createFile(packs.resolve("pack-" + name + ".bitmap"));
    }
  }
}
