package io.commitd.storage.git;

import java.io.IOException;
import org.eclipse.jgit.lib.Config;
import org.eclipse.jgit.storage.file.FileBasedConfig;
import org.eclipse.jgit.util.FS;
import org.eclipse.jgit.util.SystemReader;

/**
 * Makes JGit read a repository's own config and not the git config of the machine or of the account
 * commitd runs as: not {@code /etc/gitconfig}, not {@code ~/.gitconfig} or {@code ~/.config/git/config}.
 * JGit's own {@code ~/.config/jgit/config} stays: JGit keeps there what it measured of the file
 * system (its timestamp resolution), and measures again in a background thread when it cannot.
 *
 * <p>Served repositories must behave the same whoever runs the server: a {@code transfer.hideRefs}
 * or {@code receive.*} line in the service account's own config would otherwise change what every
 * client sees. Those files also cost time: JGit checks each of them for changes whenever a
 * repository's config is read, several times per git request, and a file that is missing costs a
 * {@code stat} and an exception with its stack trace. That was 12% of the request threads' CPU for a
 * warm {@code ls-remote} over HTTP.
 */
public final class RepositoryConfigOnly extends SystemReader.Delegate {
  private RepositoryConfigOnly(SystemReader delegate) {
    super(delegate);
  }

  /** Installs it for the process; a second call keeps the first. */
  public static synchronized void install() {
    SystemReader current = SystemReader.getInstance();
    if (!(current instanceof RepositoryConfigOnly)) {
      SystemReader.setInstance(new RepositoryConfigOnly(current));
    }
  }

  @Override
  public FileBasedConfig openSystemConfig(Config parent, FS fs) {
    return new EmptyConfig(parent, fs);
  }

  @Override
  public FileBasedConfig openUserConfig(Config parent, FS fs) {
    return new EmptyConfig(parent, fs);
  }

  /** A level of config with no file behind it: never outdated, nothing to load; saving it is refused. */
  private static final class EmptyConfig extends FileBasedConfig {
    EmptyConfig(Config parent, FS fs) {
      super(parent, null, fs);
    }

    @Override
    public void load() {
      // no file: the level stays empty
    }

    @Override
    public boolean isOutdated() {
      return false;
    }

    @Override
    public void save() throws IOException {
      throw new IOException("commitd reads no system or user git config; set options in the repository's own config");
    }

    @Override
    public String toString() {
      return "no system or user git config (commitd)"; // JGit names a config by its file, which it has not
    }
  }
}
