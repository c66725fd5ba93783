package io.commitd.server.backup;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.commitd.storage.db.Database;
import io.commitd.storage.db.MetadataDump;
import io.commitd.storage.db.Sql;
import io.commitd.storage.git.FileRepositoryStore;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.stream.Stream;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.NullProgressMonitor;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.Transport;
import org.eclipse.jgit.transport.URIish;

/**
 * Puts a {@link Backup} into an empty data directory and an empty database: the metadata rows,
 * every repository from its bundle with HEAD as it was, and the data directory's keys.
 */
public final class Restore {
  private static final ObjectMapper JSON = new ObjectMapper();

  private Restore() {}

  public static Backup.Summary restore(Path source, Database database, Path dataDir) throws IOException {
    JsonNode manifest = JSON.readTree(source.resolve(Backup.MANIFEST).toFile());
    if (manifest.path("format").asInt() != Backup.FORMAT) {
      throw new IOException(source + " is not a commitd backup of format " + Backup.FORMAT);
    }
    long accounts = new Sql(database).queryOne("SELECT COUNT(*) FROM accounts", r -> r.getLong(1)).orElse(0L);
    if (accounts > 0) {
      throw new IOException("the database already holds accounts: restore into an empty database");
    }
    Path repositoriesDir = dataDir.resolve("repositories");
    if (Files.isDirectory(repositoriesDir)) {
      try (Stream<Path> entries = Files.list(repositoriesDir)) {
        if (entries.findAny().isPresent()) {
          throw new IOException(repositoriesDir + " is not empty: restore into an empty data directory");
        }
      }
    }
    MetadataDump.load(database, source.resolve("metadata"));
    try (FileRepositoryStore store = new FileRepositoryStore(repositoriesDir)) {
      for (JsonNode entry : manifest.path("repositories")) {
        restoreRepository(store, source, entry);
      }
    }
    Path files = source.resolve("files");
    for (String name : Backup.DATA_FILES) {
      if (Files.exists(files.resolve(name)) && !Files.exists(dataDir.resolve(name))) {
        Files.copy(files.resolve(name), dataDir.resolve(name), StandardCopyOption.COPY_ATTRIBUTES);
      }
    }
    if (Files.isDirectory(files.resolve("accounts")) && !Files.exists(dataDir.resolve("accounts"))) {
      Backup.copyTree(files.resolve("accounts"), dataDir.resolve("accounts"));
    }
    List<String> tables = JSON.convertValue(manifest.path("tables"), JSON.getTypeFactory().constructCollectionType(List.class, String.class));
    return new Backup.Summary(manifest.path("repositories").size(), tables.size(),
        java.time.Instant.parse(manifest.path("snapshotAt").asText()));
  }

  private static void restoreRepository(FileRepositoryStore store, Path source, JsonNode entry) throws IOException {
    String repositoryId = entry.path("repositoryId").asText();
    store.create(repositoryId);
    try (Repository git = store.open(repositoryId)) {
      if (entry.hasNonNull("bundle")) {
        Path bundle = source.resolve(entry.path("bundle").asText());
        try (Transport transport = Transport.open(git, new URIish(bundle.toAbsolutePath().toString()))) {
          transport.fetch(NullProgressMonitor.INSTANCE, List.of(new RefSpec("+refs/*:refs/*")));
        } catch (URISyntaxException e) {
          throw new IOException("bad bundle path " + bundle, e);
        }
      }
      if (entry.hasNonNull("head")) {
        RefUpdate head = git.updateRef(Constants.HEAD);
        head.disableRefLog();
        head.link(entry.path("head").asText());
      }
    }
  }

}
