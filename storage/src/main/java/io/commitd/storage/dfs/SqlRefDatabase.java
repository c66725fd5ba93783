package io.commitd.storage.dfs;

import io.commitd.storage.db.Database;
import java.io.IOException;
import java.util.List;
import org.eclipse.jgit.internal.storage.dfs.DfsRefDatabase;
import org.eclipse.jgit.lib.BatchRefUpdate;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.ReflogReader;
import org.eclipse.jgit.util.RefList;

/**
 * Refs of one repository in the {@code dfs_refs} table. JGit's {@link DfsRefDatabase} caches the
 * whole list per repository instance; every update is a compare-and-swap in SQL, so a stale cache
 * can only make an update fail with LOCK_FAILURE, never overwrite a newer value.
 */
final class SqlRefDatabase extends DfsRefDatabase {
  private final Database database;
  private final String repositoryId;

  SqlRefDatabase(S3DfsRepository repository, Database database) {
    super(repository);
    this.database = database;
    this.repositoryId = repository.getDescription().getRepositoryName();
  }

  @Override
  protected RefCache scanAllRefs() throws IOException {
    List<Ref> rows =
        DatabaseCalls.io(() -> database.inTransaction(c -> RefRows.all(c, repositoryId)));
    RefList.Builder<Ref> all = new RefList.Builder<>(rows.size());
    RefList.Builder<Ref> symbolic = new RefList.Builder<>();
    for (Ref ref : rows) {
      all.add(ref);
      if (ref.isSymbolic()) {
        symbolic.add(ref);
      }
    }
    // SQL sorts by the database collation; RefList needs Java's string order.
    all.sort();
    symbolic.sort();
    return new RefCache(all.toRefList(), symbolic.toRefList());
  }

  @Override
  protected boolean compareAndPut(Ref oldRef, Ref newRef) throws IOException {
    long now = System.currentTimeMillis();
    return DatabaseCalls.io(
        () ->
            database.inTransaction(
                c ->
                    RefRows.compareAndPut(
                        c,
                        repositoryId,
                        newRef.getName(),
                        RefRows.Value.of(oldRef),
                        RefRows.Value.of(newRef),
                        now)));
  }

  @Override
  protected boolean compareAndRemove(Ref oldRef) throws IOException {
    return DatabaseCalls.io(
        () ->
            database.inTransaction(
                c ->
                    RefRows.compareAndRemove(
                        c, repositoryId, oldRef.getName(), RefRows.Value.of(oldRef))));
  }

  @Override
  public ReflogReader getReflogReader(Ref ref) {
    return NoReflogReader.INSTANCE;
  }

  @Override
  public boolean performsAtomicTransactions() {
    return true;
  }

  @Override
  public BatchRefUpdate newBatchUpdate() {
    return new SqlBatchRefUpdate(this, database, repositoryId);
  }
}
