package io.commitd.server.backup;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.commitd.storage.audit.TrailDump;
import io.commitd.storage.audit.TrailLog;
import io.commitd.storage.db.MetadataDump;
import io.commitd.storage.db.Sql;
import io.commitd.storage.git.FileRepositoryStore;
import io.commitd.storage.git.Refs;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.eclipse.jgit.errors.MissingObjectException;
import org.eclipse.jgit.errors.RepositoryNotFoundException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.NullProgressMonitor;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.transport.BundleWriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A consistent snapshot of a running commitd: the metadata from one repeatable-read transaction,
 * then every repository of that snapshot as a git bundle whose refs are the ref-change journal's
 * values in the snapshot — a push acknowledged before the snapshot is in it, one after it is not,
 * and no ref is ahead of its audit record. The data directory's keys (master key, SSH host key,
 * generated root credentials, created accounts' credentials) are copied too: the backup is as
 * secret as the server.
 */
public final class Backup {
  static final String MANIFEST = "manifest.json";
  static final int FORMAT = 1;
  /** Files of the data directory that a restored server needs as they were. */
  static final List<String> DATA_FILES = List.of("master.key", "ssh_host_key", "root-credentials");
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Logger LOG = LoggerFactory.getLogger(Backup.class);

  private Backup() {}

  /** What a backup holds, for the operator's message. */
  public record Summary(int repositories, int tables, Instant snapshotAt) {}

  /**
   * Backs up the server whose metadata {@code connection} reaches (a plain connection: a backup
   * never migrates the database of a running server) and whose data directory is {@code dataDir}.
   */
  public static Summary take(Connection connection, Path dataDir, Path target) throws IOException, SQLException {
    if (Files.exists(target)) {
      try (Stream<Path> entries = Files.list(target)) {
        if (entries.findAny().isPresent()) {
          throw new IOException(target + " is not empty: back up into a new directory");
        }
      }
    }
    Files.createDirectories(target, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    Instant snapshotAt = Instant.now();
    Map<String, Map<String, String>> journal = new LinkedHashMap<>();
    List<String> tables;
    String product = connection.getMetaData().getDatabaseProductName();
    {
      connection.setAutoCommit(false);
      connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
      try {
        tables = MetadataDump.dump(connection, target.resolve("metadata"));
        for (String repositoryId : Sql.query(connection, "SELECT repository_id FROM repositories", r -> r.getString(1))) {
          journal.put(repositoryId, new HashMap<>());
        }
        // The journal's value of each ref in the snapshot: its last applied change.
        for (String[] change : Sql.query(connection,
            "SELECT repository_id, ref_name, new_value FROM ref_changes WHERE applied ORDER BY created_at",
            r -> new String[] {r.getString(1), r.getString(2), r.getString(3)})) {
          Map<String, String> refs = journal.get(change[0]);
          if (refs != null) {
            refs.put(change[1], change[2]);
          }
        }
        connection.commit();
      } finally {
        connection.rollback();
        connection.setAutoCommit(true);
      }
    }
    // The embedded database's server keeps its trail in files: they join the dump as the trail
    // table's rows, so the backup restores into either database.
    TrailDump.appendTo(dataDir.resolve(TrailLog.DIRECTORY), target.resolve("metadata"));
    ArrayNode repositories = JSON.createArrayNode();
    Path bundles = Files.createDirectories(target.resolve("repositories"));
    try (FileRepositoryStore store = new FileRepositoryStore(dataDir.resolve("repositories"))) {
      for (Map.Entry<String, Map<String, String>> repository : journal.entrySet()) {
        repositories.add(bundle(store, repository.getKey(), repository.getValue(), bundles));
      }
    }
    Path files = Files.createDirectories(target.resolve("files"));
    for (String name : DATA_FILES) {
      if (Files.exists(dataDir.resolve(name))) {
        Files.copy(dataDir.resolve(name), files.resolve(name), StandardCopyOption.COPY_ATTRIBUTES);
      }
    }
    if (Files.isDirectory(dataDir.resolve("accounts"))) {
      copyTree(dataDir.resolve("accounts"), files.resolve("accounts"));
    }
    ObjectNode manifest = JSON.createObjectNode();
    manifest.put("format", FORMAT);
    manifest.put("snapshotAt", snapshotAt.toString());
    manifest.put("database", product);
    manifest.putPOJO("tables", tables);
    manifest.set("repositories", repositories);
    Files.writeString(target.resolve(MANIFEST), JSON.writerWithDefaultPrettyPrinter().writeValueAsString(manifest));
    return new Summary(repositories.size(), tables.size(), snapshotAt);
  }

  private static JsonNode bundle(FileRepositoryStore store, String repositoryId, Map<String, String> journal, Path bundles)
      throws IOException {
    ObjectNode entry = JSON.createObjectNode();
    entry.put("repositoryId", repositoryId);
    ObjectNode refsNode = entry.putObject("refs");
    Repository opened;
    try {
      opened = store.open(repositoryId);
    } catch (RepositoryNotFoundException e) {
      LOG.warn("repository {} was deleted after the snapshot; it is backed up empty", repositoryId);
      return entry;
    }
    try (Repository git = opened) {
      Ref head = Refs.exact(git, Constants.HEAD);
      if (head != null && head.isSymbolic()) {
        entry.put("head", head.getTarget().getName());
      }
      Map<String, ObjectId> refs = new LinkedHashMap<>();
      for (Ref ref : git.getRefDatabase().getRefs()) {
        // Branches and tags move only through the pipeline, so the journal knows each one the
        // snapshot has; one it does not know was created after the snapshot.
        boolean journaled = ref.getName().startsWith(Constants.R_HEADS) || ref.getName().startsWith(Constants.R_TAGS);
        if (ref.isSymbolic() || ref.getObjectId() == null || journaled) {
          continue;
        }
        refs.put(ref.getName(), ref.getObjectId());
      }
      // The journal wins over the live ref: a move after the snapshot is not in the backup.
      for (Map.Entry<String, String> change : journal.entrySet()) {
        ObjectId value = ObjectId.fromString(change.getValue());
        if (value.equals(ObjectId.zeroId())) {
          refs.remove(change.getKey());
        } else {
          refs.put(change.getKey(), value);
        }
      }
      BundleWriter writer = new BundleWriter(git);
      List<String> written = new ArrayList<>();
      try (RevWalk walk = new RevWalk(git)) {
        for (Map.Entry<String, ObjectId> ref : refs.entrySet()) {
          try {
            walk.parseAny(ref.getValue());
          } catch (MissingObjectException e) {
            LOG.warn("repository {}: {} points at {}, which is gone; it is not backed up", repositoryId, ref.getKey(),
                ref.getValue().name());
            continue;
          }
          writer.include(ref.getKey(), ref.getValue());
          refsNode.put(ref.getKey(), ref.getValue().name());
          written.add(ref.getKey());
        }
      }
      if (!written.isEmpty()) {
        String file = repositoryId + ".bundle";
        try (OutputStream out = Files.newOutputStream(bundles.resolve(file))) {
          writer.writeBundle(NullProgressMonitor.INSTANCE, out);
        }
        entry.put("bundle", "repositories/" + file);
      }
    }
    return entry;
  }

  static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> paths = Files.walk(from)) {
      for (Path path : paths.toList()) {
        Path target = to.resolve(from.relativize(path).toString());
        if (Files.isDirectory(path)) {
          Files.createDirectories(target);
        } else {
          Files.copy(path, target, StandardCopyOption.COPY_ATTRIBUTES);
        }
      }
    }
  }
}
