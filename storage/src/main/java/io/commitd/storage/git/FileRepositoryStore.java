package io.commitd.storage.git;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;
import org.eclipse.jgit.errors.RepositoryNotFoundException;
import org.eclipse.jgit.lib.ConfigConstants;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.RepositoryCache;
import org.eclipse.jgit.lib.StoredConfig;
import org.eclipse.jgit.storage.file.WindowCacheConfig;
import org.eclipse.jgit.util.FS;
import org.eclipse.jgit.util.FileUtils;

/**
 * Bare repositories in JGit's file storage under {@code root/<repositoryId>.git}. JGit's
 * {@link RepositoryCache} shares open repositories between HTTP, SSH and the API.
 */
public final class FileRepositoryStore implements RepositoryStore {
  private static final Pattern SAFE_ID = Pattern.compile("[A-Za-z0-9-]{1,64}");

  private final Path root;

  public FileRepositoryStore(Path root) throws IOException {
    this.root = Files.createDirectories(root);
  }

  @Override
  public void create(String repositoryId) throws IOException {
    Path directory = directoryOf(repositoryId);
    if (Files.exists(directory)) {
      throw new IOException("repository directory already exists: " + directory);
    }
    try (Repository repository =
        RepositoryCache.FileKey.exact(directory.toFile(), FS.DETECTED).open(false)) {
      repository.create(true);
      StoredConfig config = repository.getConfig();
      // Bitmaps make clones fast; receive-pack must not accept corrupt objects.
      config.setBoolean(ConfigConstants.CONFIG_PACK_SECTION, null, "writebitmaps", true);
      config.setBoolean("receive", null, "fsckObjects", true);
      config.setBoolean("uploadpack", null, "allowFilter", true);
      config.setBoolean("uploadpack", null, "allowAnySHA1InWant", false);
      config.setBoolean(ConfigConstants.CONFIG_CORE_SECTION, null, "logAllRefUpdates", true);
      useCommitGraph(config);
      leaveRepacksToMaintenance(config);
      config.save();
    }
  }

  /**
   * Adds to a repository's config what this version sets at creation and earlier versions did not;
   * returns whether it changed anything, which the caller then saves.
   */
  public static boolean addLaterSettings(StoredConfig config) {
    boolean changed = false;
    if (!config.getBoolean(ConfigConstants.CONFIG_GC_SECTION, ConfigConstants.CONFIG_KEY_WRITE_COMMIT_GRAPH, false)) {
      useCommitGraph(config);
      changed = true;
    }
    if (config.getBoolean(ConfigConstants.CONFIG_RECEIVE_SECTION, ConfigConstants.CONFIG_KEY_AUTOGC, true)) {
      leaveRepacksToMaintenance(config);
      changed = true;
    }
    return changed;
  }

  /**
   * Reads and writes the commit-graph: walks that parse many commits (shallow and filtered
   * fetches, negotiation, connectivity checks) take parents and dates from it instead of inflating
   * each commit. Maintenance writes it when it repacks.
   */
  private static void useCommitGraph(StoredConfig config) {
    config.setBoolean(ConfigConstants.CONFIG_CORE_SECTION, null, ConfigConstants.CONFIG_COMMIT_GRAPH, true);
    config.setBoolean(ConfigConstants.CONFIG_GC_SECTION, null, ConfigConstants.CONFIG_KEY_WRITE_COMMIT_GRAPH, true);
  }

  /**
   * Turns off JGit's own repack after each push ({@code receive.autogc}): the server's maintenance
   * repacks, and lets the packs a repack replaced go after a minute. JGit's repack keeps them an hour,
   * so once a busy repository held more than {@code gc.autoPackLimit} (50) packs, every push repacked the
   * whole repository again and added another full copy to the pile.
   */
  private static void leaveRepacksToMaintenance(StoredConfig config) {
    config.setBoolean(ConfigConstants.CONFIG_RECEIVE_SECTION, null, ConfigConstants.CONFIG_KEY_AUTOGC, false);
  }

  /**
   * Sizes JGit's process-wide caches of pack data, once: {@code packCacheMegabytes} of pack windows
   * (64 KiB each) on the heap and a per-reader delta-base cache, never memory-mapped files (they
   * would count against the process's memory without the heap's bound).
   */
  public static synchronized void configureCaches(int packCacheMegabytes) {
    if (packCacheMegabytes < 1) {
      throw new IllegalArgumentException("the pack cache needs at least 1 MiB, not " + packCacheMegabytes);
    }
    WindowCacheConfig caches = new WindowCacheConfig();
    caches.setPackedGitLimit(packCacheMegabytes * 1024L * 1024L);
    caches.setPackedGitWindowSize(64 * 1024);
    caches.setPackedGitOpenFiles(256);
    caches.setPackedGitMMAP(false);
    caches.setDeltaBaseCacheLimit(16 * 1024 * 1024);
    caches.setStreamFileThreshold((int) Math.min(16L * 1024 * 1024, packCacheMegabytes * 1024L * 1024L / 4));
    caches.install();
  }

  @Override
  public Repository open(String repositoryId) throws IOException {
    Path directory = directoryOf(repositoryId);
    if (!Files.isDirectory(directory)) {
      throw new RepositoryNotFoundException(repositoryId);
    }
    return RepositoryCache.open(new ParallelIndexingRepository.Key(directory.toFile()), true);
  }

  @Override
  public void delete(String repositoryId) throws IOException {
    Path directory = directoryOf(repositoryId);
    RepositoryCache.unregister(RepositoryCache.FileKey.exact(directory.toFile(), FS.DETECTED));
    if (Files.exists(directory)) {
      FileUtils.delete(directory.toFile(), FileUtils.RECURSIVE | FileUtils.RETRY);
    }
  }

  /** The directory of a repository: useful to tools and tests that inspect it with C git. */
  public Path directoryOf(String repositoryId) {
    if (!SAFE_ID.matcher(repositoryId).matches()) {
      throw new IllegalArgumentException("not a repository id: " + repositoryId);
    }
    return root.resolve(repositoryId + ".git");
  }

  /** Releases this store's repositories from JGit's process-wide cache, leaving other stores' alone. */
  @Override
  public void close() {
    for (RepositoryCache.Key key : RepositoryCache.getRegisteredKeys()) {
      if (key instanceof RepositoryCache.FileKey file && file.getFile().toPath().startsWith(root)) {
        RepositoryCache.unregister(key);
      }
    }
  }
}
