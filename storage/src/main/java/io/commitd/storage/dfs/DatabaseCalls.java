package io.commitd.storage.dfs;

import io.commitd.storage.db.DatabaseException;
import java.io.IOException;
import java.util.function.Supplier;

/** JGit's storage interfaces speak IOException; the metadata database speaks DatabaseException. */
final class DatabaseCalls {
  private DatabaseCalls() {}

  static <T> T io(Supplier<T> work) throws IOException {
    try {
      return work.get();
    } catch (DatabaseException e) {
      throw new IOException(e.getMessage(), e);
    }
  }
}
