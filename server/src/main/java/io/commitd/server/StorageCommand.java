package io.commitd.server;

import io.commitd.server.config.ConfigValidator;
import io.commitd.server.config.ServeCommand;
import io.commitd.server.config.ServerConfig;
import io.commitd.server.config.StorageConfig;
import io.commitd.server.storage.StorageEngines;
import io.commitd.storage.db.Database;
import io.commitd.storage.git.FileRepositoryStore;
import io.commitd.storage.git.RepositoryCopy;
import io.commitd.storage.git.RepositoryStore;
import io.commitd.storage.repos.RepositoryCatalog;
import io.commitd.storage.repos.RepositoryRecord;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code commitd storage …}: operations on the repository storage engines. */
@Command(name = "storage", mixinStandardHelpOptions = true, description = "Storage engine operations.",
    subcommands = StorageCommand.Migrate.class)
public final class StorageCommand {

  /**
   * {@code commitd storage migrate --to s3}: copies every repository of the file engine's data
   * directory into the s3 engine, verifying each; repositories already copied are skipped, so an
   * interrupted migration is resumed by running it again.
   */
  @Command(name = "migrate", description = {
      "Copy every repository of the data directory (file engine) into the s3 engine, configured by the same",
      "flags and COMMITD_* variables as serve. Stop the file node first. Resumable: repositories whose refs",
      "already match are skipped. Prints one line per repository; exits 1 if any failed."})
  static final class Migrate implements Callable<Integer> {
    @Option(names = "--to", required = true, description = "The target engine: s3.")
    String to;

    @Mixin ServeCommand settings;

    @Spec CommandSpec spec;

    @Override
    public Integer call() throws Exception {
      if (!"s3".equals(to)) {
        throw new ConfigValidator.InvalidSettingException("--to", "'" + to + "' is not a target engine (s3)");
      }
      ServerConfig configured = settings.toConfig();
      StorageConfig storage = configured.storage();
      ServerConfig config = configured.withStorage(new StorageConfig(StorageConfig.Engine.S3, storage.s3Endpoint(),
          storage.s3Bucket(), storage.s3Region(), storage.s3PathStyle(), storage.s3AccessKeyId(),
          storage.s3SecretAccessKey(), storage.blockCacheMegabytes(), storage.packGracePeriod()));
      ConfigValidator.validate(config);
      PrintWriter out = spec.commandLine().getOut();
      Path repositories = StorageEngines.fileRepositories(config.dataDir());
      if (!Files.isDirectory(repositories)) {
        throw new ConfigValidator.InvalidSettingException("COMMITD_DATA_DIR", "no file-engine repositories in " + repositories);
      }
      List<AutoCloseable> resources = new ArrayList<>();
      int failed = 0;
      try (Database database = Database.open(config.databaseUrl(), config.databaseUser(), config.databasePassword());
          FileRepositoryStore from = new FileRepositoryStore(repositories)) {
        RepositoryCatalog catalog = new RepositoryCatalog(database);
        RepositoryStore into = StorageEngines.open(config.storage(), config.dataDir(), database,
            id -> catalog.findById(id).map(RepositoryRecord::kmsKeyId).filter(StorageEngines::isCustomerKey), resources);
        Path scratch = Files.createTempDirectory(config.dataDir(), "migrate-");
        try {
          for (String id : repositoryIds(repositories)) {
            String name = catalog.findById(id).map(RepositoryRecord::name).orElse("(not in the catalog)");
            long started = System.nanoTime();
            try {
              RepositoryCopy.Outcome outcome = RepositoryCopy.copy(from, into, id, scratch);
              out.printf("%s %s %s: %d refs, %d objects (%d ms)%n", outcome.status() == RepositoryCopy.Status.COPIED
                  ? "copied" : "up-to-date", id, name, outcome.refs(), outcome.objects(), (System.nanoTime() - started) / 1_000_000);
            } catch (Exception e) {
              failed++;
              out.printf("FAILED %s %s: %s%n", id, name, e);
            }
            out.flush();
          }
        } finally {
          Files.deleteIfExists(scratch);
        }
      } finally {
        for (int i = resources.size() - 1; i >= 0; i--) {
          resources.get(i).close();
        }
      }
      return failed == 0 ? 0 : 1;
    }

    private static List<String> repositoryIds(Path repositories) throws java.io.IOException {
      try (Stream<Path> entries = Files.list(repositories)) {
        return entries.map(p -> p.getFileName().toString())
            .filter(n -> n.endsWith(".git"))
            .map(n -> n.substring(0, n.length() - ".git".length()))
            .sorted()
            .toList();
      }
    }
  }
}
