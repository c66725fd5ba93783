package io.commitd.storage.git;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import org.eclipse.jgit.errors.RepositoryNotFoundException;
import org.eclipse.jgit.internal.storage.file.FileRepository;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.RepositoryCache;
import org.eclipse.jgit.transport.PackParser;
import org.eclipse.jgit.util.FS;

/**
 * A repository of JGit's file storage whose received packs are indexed on every core
 * ({@link ParallelPackParser}); everything else is JGit's.
 */
final class ParallelIndexingRepository extends FileRepository {
  ParallelIndexingRepository(File gitDir) throws IOException {
    super(gitDir);
  }

  @Override
  public ObjectInserter newObjectInserter() {
    ObjectInserter jgit = super.newObjectInserter();
    return new ObjectInserter.Filter() {
      @Override
      protected ObjectInserter delegate() {
        return jgit;
      }

      @Override
      public PackParser newPackParser(InputStream in) throws IOException {
        return new ParallelPackParser(ParallelIndexingRepository.this, getObjectDatabase(), in, () -> jgit.newPackParser(in));
      }
    };
  }

  /** The key under which JGit's repository cache opens such repositories. */
  static final class Key extends RepositoryCache.FileKey {
    Key(File directory) {
      super(directory, FS.DETECTED);
    }

    @Override
    public Repository open(boolean mustExist) throws IOException {
      if (mustExist && !isGitRepository(getFile(), FS.DETECTED)) {
        throw new RepositoryNotFoundException(getFile());
      }
      return new ParallelIndexingRepository(getFile());
    }
  }
}
