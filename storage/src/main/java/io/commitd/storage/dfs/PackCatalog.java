package io.commitd.storage.dfs;

import io.commitd.storage.db.Database;
import io.commitd.storage.db.Sql;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jgit.internal.storage.dfs.DfsObjDatabase.PackSource;
import org.eclipse.jgit.internal.storage.dfs.DfsPackDescription;
import org.eclipse.jgit.internal.storage.dfs.DfsRepositoryDescription;
import org.eclipse.jgit.internal.storage.pack.PackExt;

/**
 * The pack list of every DFS repository, in the metadata database: S3 holds bytes, this holds
 * which of them are live. Every change of a repository's list locks its {@code dfs_repositories}
 * row first, so concurrent commits from any node serialise.
 */
final class PackCatalog {
  private final Database database;

  PackCatalog(Database database) {
    this.database = database;
  }

  /** Registers a new repository; false when the id is taken (even by a deleted one). */
  boolean register(String repositoryId, long now) {
    return database.inTransaction(
        c ->
            Sql.update(
                    c,
                    "INSERT INTO dfs_repositories (repository_id, created_at) VALUES (?, ?)"
                        + " ON CONFLICT DO NOTHING",
                    repositoryId,
                    now)
                == 1);
  }

  boolean isLive(String repositoryId) {
    return database.inTransaction(c -> isLive(c, repositoryId, false));
  }

  /** The live packs, in no particular order: JGit sorts them itself. */
  List<DfsPackDescription> livePacks(DfsRepositoryDescription repository) {
    String repositoryId = repository.getRepositoryName();
    List<PackRow> rows =
        database.inTransaction(
            c ->
                Sql.query(
                    c,
                    "SELECT p.pack_name, p.pack_source, p.object_count, p.delta_count,"
                        + " p.index_version, p.created_at, f.extension, f.size_bytes, f.block_size"
                        + " FROM dfs_packs p JOIN dfs_pack_files f"
                        + " ON f.repository_id = p.repository_id AND f.pack_name = p.pack_name"
                        + " WHERE p.repository_id = ? AND p.replaced_at IS NULL"
                        + " ORDER BY p.pack_name",
                    row ->
                        new PackRow(
                            row.getString(1),
                            row.getString(2),
                            row.getLong(3),
                            row.getLong(4),
                            row.getInt(5),
                            row.getLong(6),
                            row.getString(7),
                            row.getLong(8),
                            row.getInt(9)),
                    repositoryId));
    Map<String, DfsPackDescription> packs = new LinkedHashMap<>();
    for (PackRow row : rows) {
      DfsPackDescription pack =
          packs.computeIfAbsent(
              row.name(),
              name ->
                  new DfsPackDescription(repository, name, PackSource.valueOf(row.source()))
                      .setObjectCount(row.objectCount())
                      .setDeltaCount(row.deltaCount())
                      .setIndexVersion(row.indexVersion())
                      .setLastModified(row.createdAt()));
      Optional<PackExt> ext = PackExtensions.byName(row.extension());
      // A file kind this JGit does not know (written by a newer node) is simply not read.
      ext.ifPresent(
          known -> {
            pack.addFileExt(known);
            pack.setFileSize(known, row.sizeBytes());
            if (row.blockSize() > 0) {
              pack.setBlockSize(known, row.blockSize());
            }
          });
    }
    return new ArrayList<>(packs.values());
  }

  /**
   * Adds {@code added} and retires {@code replaced} in one transaction.
   *
   * @throws StalePackListException if a pack to replace is no longer live (another node replaced
   *     it first), or the repository is gone; nothing changes then
   */
  void commit(
      String repositoryId,
      Collection<DfsPackDescription> added,
      Collection<DfsPackDescription> replaced,
      long now) {
    database.inTransaction(
        c -> {
          if (!isLive(c, repositoryId, true)) {
            throw new StalePackListException("repository is gone: " + repositoryId);
          }
          for (DfsPackDescription old : replaced) {
            int retired =
                Sql.update(
                    c,
                    "UPDATE dfs_packs SET replaced_at = ?"
                        + " WHERE repository_id = ? AND pack_name = ? AND replaced_at IS NULL",
                    now,
                    repositoryId,
                    PackNames.of(old));
            if (retired != 1) {
              throw new StalePackListException(
                  "pack " + PackNames.of(old) + " of " + repositoryId + " was already replaced");
            }
          }
          for (DfsPackDescription pack : added) {
            insert(c, repositoryId, pack, now);
          }
          return null;
        });
  }

  /** Marks the repository deleted and retires all its packs, holding its row lock. */
  boolean retireRepository(Connection c, String repositoryId, long now) throws SQLException {
    if (!isLive(c, repositoryId, true)) {
      return false;
    }
    Sql.update(
        c,
        "UPDATE dfs_repositories SET deleted_at = ? WHERE repository_id = ?",
        now,
        repositoryId);
    Sql.update(
        c,
        "UPDATE dfs_packs SET replaced_at = ? WHERE repository_id = ? AND replaced_at IS NULL",
        now,
        repositoryId);
    return true;
  }

  /** Packs retired before {@code cutoff}: safe to delete once no reader can still hold them. */
  List<RetiredPack> retiredBefore(long cutoff) {
    List<String[]> rows =
        database.inTransaction(
            c ->
                Sql.query(
                    c,
                    "SELECT p.repository_id, p.pack_name, f.extension"
                        + " FROM dfs_packs p LEFT JOIN dfs_pack_files f"
                        + " ON f.repository_id = p.repository_id AND f.pack_name = p.pack_name"
                        + " WHERE p.replaced_at IS NOT NULL AND p.replaced_at < ?"
                        + " ORDER BY p.repository_id, p.pack_name",
                    row -> new String[] {row.getString(1), row.getString(2), row.getString(3)},
                    cutoff));
    Map<List<String>, List<PackExt>> byPack = new LinkedHashMap<>();
    for (String[] row : rows) {
      List<PackExt> extensions =
          byPack.computeIfAbsent(List.of(row[0], row[1]), key -> new ArrayList<>());
      if (row[2] != null) {
        PackExtensions.byName(row[2]).ifPresent(extensions::add);
      }
    }
    List<RetiredPack> retired = new ArrayList<>();
    byPack.forEach((key, extensions) -> retired.add(new RetiredPack(key.get(0), key.get(1), extensions)));
    return retired;
  }

  /** Forgets a retired pack whose files are deleted; its file rows go with it. */
  void forget(RetiredPack pack) {
    database.inTransaction(
        c ->
            Sql.update(
                c,
                "DELETE FROM dfs_packs WHERE repository_id = ? AND pack_name = ?"
                    + " AND replaced_at IS NOT NULL",
                pack.repositoryId(),
                pack.packName()));
  }

  private static boolean isLive(Connection c, String repositoryId, boolean lock)
      throws SQLException {
    List<Boolean> rows =
        Sql.query(
            c,
            "SELECT deleted_at IS NULL FROM dfs_repositories WHERE repository_id = ?"
                + (lock ? " FOR UPDATE" : ""),
            row -> row.getBoolean(1),
            repositoryId);
    return !rows.isEmpty() && rows.get(0);
  }

  private static void insert(Connection c, String repositoryId, DfsPackDescription pack, long now)
      throws SQLException {
    Sql.update(
        c,
        "INSERT INTO dfs_packs (repository_id, pack_name, pack_source, object_count, delta_count,"
            + " index_version, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
        repositoryId,
        PackNames.of(pack),
        pack.getPackSource().name(),
        pack.getObjectCount(),
        pack.getDeltaCount(),
        pack.getIndexVersion(),
        now);
    for (PackExt ext : PackExt.values()) {
      if (pack.hasFileExt(ext)) {
        Sql.update(
            c,
            "INSERT INTO dfs_pack_files (repository_id, pack_name, extension, size_bytes,"
                + " block_size) VALUES (?, ?, ?, ?, ?)",
            repositoryId,
            PackNames.of(pack),
            ext.getExtension(),
            pack.getFileSize(ext),
            pack.getBlockSize(ext));
      }
    }
  }

  private record PackRow(
      String name,
      String source,
      long objectCount,
      long deltaCount,
      int indexVersion,
      long createdAt,
      String extension,
      long sizeBytes,
      int blockSize) {}

  /** A retired pack awaiting deletion, with the files it had. */
  record RetiredPack(String repositoryId, String packName, List<PackExt> extensions) {}
}
