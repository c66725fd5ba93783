package io.commitd.storage.git;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.internal.storage.file.FileRepository;
import org.eclipse.jgit.junit.TestRepository;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RefsTest {
  /** Each round moves the branch on as a loose ref, then packs it, as a push and the repack after it do. */
  private static final int ROUNDS = 1000;
  private static final String MAIN = Constants.R_HEADS + "main";

  @TempDir Path directory;

  @Test
  void aBranchBeingPackedIsNeverReadBehindAValueAlreadyRead() throws Exception {
    try (FileRepository repository = new FileRepository(directory.resolve("race.git").toFile());
        TestRepository<FileRepository> history = new TestRepository<>(repository);
        Git git = new Git(repository)) {
      repository.create(true);
      List<ObjectId> commits = new ArrayList<>();
      RevCommit tip = history.commit().create();
      commits.add(tip);
      for (int round = 0; round < ROUNDS; round++) {
        tip = history.commit().parent(tip).create();
        commits.add(tip);
      }
      move(repository, commits.get(0));
      repository.updateRef(Constants.HEAD).link(MAIN);
      git.packRefs().setAll(true).call();

      AtomicBoolean packing = new AtomicBoolean(true);
      ExecutorService reader = Executors.newSingleThreadExecutor();
      try {
        Future<Reads> reads = reader.submit(() -> {
          Reads read = new Reads(commits);
          while (packing.get()) {
            read.check(Refs.exact(repository, MAIN));
            if (read.count % 16 == 0) {
              read.check(Refs.exact(repository, Constants.HEAD));
            }
          }
          return read;
        });
        for (int round = 1; round <= ROUNDS; round++) {
          move(repository, commits.get(round));
          git.packRefs().setAll(true).call();
        }
        packing.set(false);

        Reads read = reads.get();
        assertThat(read.count).as("reads while packing").isGreaterThan(ROUNDS);
        assertThat(read.behind).as("reads that found no branch or an older commit than one already read").isZero();
      } finally {
        reader.shutdownNow();
      }
    }
  }

  private static void move(FileRepository repository, ObjectId to) throws Exception {
    RefUpdate update = repository.updateRef(MAIN);
    update.setNewObjectId(to);
    assertThat(update.forceUpdate()).isIn(RefUpdate.Result.NEW, RefUpdate.Result.FORCED);
  }

  /** What the reader saw: a branch only moves forward through {@code commits}. */
  private static final class Reads {
    private final Map<ObjectId, Integer> positions = new HashMap<>();
    private int newest;
    int count;
    int behind;

    Reads(List<ObjectId> commits) {
      for (int position = 0; position < commits.size(); position++) {
        positions.put(commits.get(position), position);
      }
    }

    void check(Ref ref) {
      count++;
      int position = ref == null || ref.getObjectId() == null ? -1 : positions.get(ref.getObjectId());
      if (position < newest) {
        behind++;
      } else {
        newest = position;
      }
    }
  }
}
