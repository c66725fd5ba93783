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
      config.save();
    }
  }

  @Override
  public Repository open(String repositoryId) throws IOException {
    Path directory = directoryOf(repositoryId);
    if (!Files.isDirectory(directory)) {
      throw new RepositoryNotFoundException(repositoryId);
    }
    return RepositoryCache.open(RepositoryCache.FileKey.exact(directory.toFile(), FS.DETECTED), true);
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
