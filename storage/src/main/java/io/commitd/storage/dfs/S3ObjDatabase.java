package io.commitd.storage.dfs;

import io.commitd.storage.db.DatabaseException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.eclipse.jgit.internal.storage.dfs.DfsObjDatabase;
import org.eclipse.jgit.internal.storage.dfs.DfsOutputStream;
import org.eclipse.jgit.internal.storage.dfs.DfsPackDescription;
import org.eclipse.jgit.internal.storage.dfs.DfsReaderOptions;
import org.eclipse.jgit.internal.storage.dfs.ReadableChannel;
import org.eclipse.jgit.internal.storage.pack.PackExt;
import org.eclipse.jgit.lib.ObjectId;

/**
 * Objects of one repository: pack files in S3, the list of live packs in the metadata database.
 * Mirrors JGit's in-memory DFS object database with those two stores behind it.
 */
final class S3ObjDatabase extends DfsObjDatabase {
  private final PackCatalog catalog;
  private final S3PackFiles files;
  private final String repositoryId;
  /** How this view's new files are encrypted; looked up on the first write. */
  private SseKms encryption;
  /** Files this view wrote whose uploads may still run. */
  private final PendingUploads uploads;

  S3ObjDatabase(S3DfsRepository repository, PackCatalog catalog, S3PackFiles files) {
    super(repository, new DfsReaderOptions());
    this.catalog = catalog;
    this.files = files;
    this.repositoryId = repository.getDescription().getRepositoryName();
    this.uploads = files.newUploads();
  }

  @Override
  protected DfsPackDescription newPack(PackSource source) {
    // Names are never reused: a reader holding an old pack list must never see other bytes.
    String name = "pack-" + UUID.randomUUID().toString().replace("-", "") + "-" + source.name();
    return new DfsPackDescription(getRepository().getDescription(), name, source);
  }

  @Override
  protected void commitPackImpl(
      Collection<DfsPackDescription> added, Collection<DfsPackDescription> replaced)
      throws IOException {
    try {
      // Listed packs must be readable from every node: all their files are stored first.
      uploads.awaitPacks(added);
      catalog.commit(
          repositoryId,
          added,
          replaced == null ? List.of() : replaced,
          System.currentTimeMillis());
    } catch (StalePackListException e) {
      throw new IOException(e.getMessage(), e);
    } catch (DatabaseException e) {
      throw new IOException(e.getMessage(), e);
    } finally {
      // Whether this commit won or lost, the list in memory may now be behind the catalog.
      clearCache();
    }
  }

  @Override
  protected void rollbackPack(Collection<DfsPackDescription> packs) {
    // Uncommitted packs are in no list, so deleting their files cannot hurt a reader. An upload
    // still running would store its file after the delete: let them finish first.
    try {
      uploads.awaitPacks(packs);
    } catch (IOException | RuntimeException e) {
      // A failed upload is why we roll back; its file is deleted below all the same.
    }
    for (DfsPackDescription pack : packs) {
      try {
        files.delete(repositoryId, PackNames.of(pack), List.of(PackExt.values()));
      } catch (IOException e) {
        // Rollback runs while another failure is reported; leftovers only cost storage.
      }
    }
  }

  @Override
  protected List<DfsPackDescription> listPacks() throws IOException {
    try {
      return new ArrayList<>(catalog.livePacks(getRepository().getDescription()));
    } catch (DatabaseException e) {
      throw new IOException(e.getMessage(), e);
    }
  }

  @Override
  protected ReadableChannel openFile(DfsPackDescription pack, PackExt ext) throws IOException {
    uploads.awaitFile(pack.getFileName(ext));
    return files.open(repositoryId, pack, ext);
  }

  @Override
  protected DfsOutputStream writeFile(DfsPackDescription pack, PackExt ext) throws IOException {
    // A pack and its index are two files: ask for the repository's key once per view, not per file.
    if (encryption == null) {
      encryption = files.encryption(repositoryId);
    }
    String fileName = pack.getFileName(ext);
    return files.create(
        repositoryId, pack, ext, encryption, upload -> uploads.start(fileName, upload));
  }

  @Override
  public Set<ObjectId> getShallowCommits() {
    // A server-side bare repository is never shallow.
    return Set.of();
  }

  @Override
  public void setShallowCommits(Set<ObjectId> shallowCommits) {
    throw new UnsupportedOperationException("server repositories are never shallow");
  }

  @Override
  public long getApproximateObjectCount() {
    long count = 0;
    for (DfsPackDescription pack : getCurrentPackDescriptions()) {
      count += pack.getObjectCount();
    }
    return count;
  }

  private List<DfsPackDescription> getCurrentPackDescriptions() {
    List<DfsPackDescription> packs = new ArrayList<>();
    for (var pack : getCurrentPacks()) {
      packs.add(pack.getPackDescription());
    }
    return packs;
  }
}
