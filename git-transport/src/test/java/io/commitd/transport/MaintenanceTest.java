package io.commitd.transport;

import static org.assertj.core.api.Assertions.assertThat;

import io.commitd.storage.git.FileRepositoryStore;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Background repacks after pushes. */
class MaintenanceTest {
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
}
