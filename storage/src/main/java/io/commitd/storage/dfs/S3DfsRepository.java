package io.commitd.storage.dfs;

import io.commitd.storage.db.Database;
import java.io.IOException;
import org.eclipse.jgit.internal.storage.dfs.DfsObjDatabase;
import org.eclipse.jgit.internal.storage.dfs.DfsRepository;
import org.eclipse.jgit.internal.storage.dfs.DfsRepositoryBuilder;
import org.eclipse.jgit.internal.storage.dfs.DfsRepositoryDescription;
import org.eclipse.jgit.lib.RefDatabase;

/**
 * A view of one DFS repository: objects in S3, pack list and refs in SQL. Views are cheap and
 * short-lived; each caches what it read, so the store opens a fresh one per use.
 */
final class S3DfsRepository extends DfsRepository {
  private final S3ObjDatabase objects;
  private final SqlRefDatabase refs;

  private S3DfsRepository(Builder builder) {
    super(builder);
    this.objects = new S3ObjDatabase(this, builder.catalog, builder.files);
    this.refs = new SqlRefDatabase(this, builder.database);
  }

  static S3DfsRepository open(
      String repositoryId, Database database, PackCatalog catalog, S3PackFiles files)
      throws IOException {
    Builder builder = new Builder(database, catalog, files);
    builder.setRepositoryDescription(new DfsRepositoryDescription(repositoryId));
    return builder.build();
  }

  @Override
  public DfsObjDatabase getObjectDatabase() {
    return objects;
  }

  @Override
  public RefDatabase getRefDatabase() {
    return refs;
  }

  /** JGit's builder contract, carrying the stores every view shares. */
  static final class Builder extends DfsRepositoryBuilder<Builder, S3DfsRepository> {
    private final Database database;
    private final PackCatalog catalog;
    private final S3PackFiles files;

    Builder(Database database, PackCatalog catalog, S3PackFiles files) {
      this.database = database;
      this.catalog = catalog;
      this.files = files;
    }

    @Override
    public S3DfsRepository build() throws IOException {
      return new S3DfsRepository(this);
    }
  }
}
