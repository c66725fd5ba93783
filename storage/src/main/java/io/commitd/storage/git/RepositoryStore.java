package io.commitd.storage.git;

import java.io.IOException;
import org.eclipse.jgit.lib.Repository;

/**
 * Where Git repositories live, by immutable repository id (never by name). Both transports and
 * the data API open repositories only through this seam, so an engine change touches nothing
 * else.
 */
public interface RepositoryStore extends AutoCloseable {

  /** Creates an empty bare repository for {@code repositoryId}. */
  void create(String repositoryId) throws IOException;

  /**
   * Opens the repository. The returned instance is shared and cached: callers must
   * {@link Repository#close()} it when done, which releases their use, not the cache's.
   *
   * @throws org.eclipse.jgit.errors.RepositoryNotFoundException if there is none
   */
  Repository open(String repositoryId) throws IOException;

  /** Deletes the repository and everything in it. */
  void delete(String repositoryId) throws IOException;

  @Override
  void close();
}
