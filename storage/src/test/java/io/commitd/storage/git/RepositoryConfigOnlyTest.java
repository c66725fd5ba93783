package io.commitd.storage.git;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.eclipse.jgit.internal.storage.file.FileRepository;
import org.eclipse.jgit.junit.TestRepository;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.transport.TransferConfig;
import org.eclipse.jgit.util.FS;
import org.eclipse.jgit.util.SystemReader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RepositoryConfigOnlyTest {
  @TempDir Path directory;

  private SystemReader previousReader;
  private File previousHome;

  @BeforeEach
  void serviceAccountWithItsOwnGitConfig() throws Exception {
    previousReader = SystemReader.getInstance();
    previousHome = FS.DETECTED.userHome();
    Path home = Files.createDirectories(directory.resolve("home"));
    Files.writeString(home.resolve(".gitconfig"), "[uploadpack]\n\thideRefs = refs/heads/\n[commitd]\n\tfrom = home\n");
    FS.DETECTED.setUserHome(home.toFile());
    FileRepository created = new FileRepository(directory.resolve("served.git").toFile());
    created.create(true);
    try (TestRepository<FileRepository> history = new TestRepository<>(created)) {
      history.branch("main").commit().create();
    }
  }

  @AfterEach
  void restore() {
    SystemReader.setInstance(previousReader);
    FS.DETECTED.setUserHome(previousHome);
  }

  @Test
  void withoutItJGitAppliesTheAccountsGitConfigToServedRepositories() throws IOException {
    // JGit's default reader, with caches of its own (the shared default keeps an earlier test's home)
    SystemReader.setInstance(new SystemReader.Delegate(previousReader));

    try (FileRepository served = reopened()) {
      assertThat(served.getConfig().getString("commitd", null, "from")).isEqualTo("home");
      assertThat(advertised(served)).isEmpty();
    }
  }

  @Test
  void servedRepositoriesIgnoreTheAccountsGitConfig() throws IOException {
    RepositoryConfigOnly.install();

    try (FileRepository served = reopened()) {
      assertThat(served.getConfig().getString("commitd", null, "from")).isNull();
      assertThat(advertised(served)).containsExactly("refs/heads/main");
    }
  }

  @Test
  void aRepositorysOwnConfigStillApplies() throws IOException {
    RepositoryConfigOnly.install();
    try (FileRepository configured = reopened()) {
      configured.getConfig().setString("commitd", null, "from", "repository");
      configured.getConfig().save();
    }

    try (FileRepository served = reopened()) {
      assertThat(served.getConfig().getString("commitd", null, "from")).isEqualTo("repository");
    }
  }

  @Test
  void theAccountsGitConfigCannotBeWrittenThroughIt() throws Exception {
    RepositoryConfigOnly.install();

    assertThatThrownBy(() -> SystemReader.getInstance().getUserConfig().save()).isInstanceOf(IOException.class);
    assertThatThrownBy(() -> SystemReader.getInstance().getSystemConfig().save()).isInstanceOf(IOException.class);
    assertThat(SystemReader.getInstance().getUserConfig()).hasToString("no system or user git config (commitd)");
    assertThat(Files.readString(FS.DETECTED.userHome().toPath().resolve(".gitconfig"))).contains("from = home");
  }

  @Test
  void jgitKeepsItsOwnConfigOfWhatItMeasuredOfTheFileSystem() throws Exception {
    Path xdg = SystemReader.getInstance().getXdgConfigDirectory(FS.DETECTED);
    assumeTrue(xdg.startsWith(directory), "XDG_CONFIG_HOME points outside this test's home");
    Path jgitConfig = Files.createDirectories(xdg.resolve("jgit")).resolve("config");
    Files.writeString(jgitConfig, "[filesystem \"measured\"]\n\ttimestampResolution = 4000 nanoseconds\n");
    RepositoryConfigOnly.install();

    assertThat(SystemReader.getInstance().getJGitConfig().getString("filesystem", "measured", "timestampResolution"))
        .isEqualTo("4000 nanoseconds");
    SystemReader.getInstance().getJGitConfig().setString("filesystem", "measured", "minRacyThreshold", "0 nanoseconds");
    SystemReader.getInstance().getJGitConfig().save();
    assertThat(Files.readString(jgitConfig)).contains("minRacyThreshold");
  }

  @Test
  void installingTwiceKeepsOneReader() {
    RepositoryConfigOnly.install();
    SystemReader first = SystemReader.getInstance();
    RepositoryConfigOnly.install();

    assertThat(SystemReader.getInstance()).isSameAs(first);
  }

  /** The branches upload-pack would advertise, after its {@code uploadpack.hideRefs}. */
  private static Set<String> advertised(FileRepository served) throws IOException {
    Map<String, Ref> refs = new HashMap<>();
    for (Ref ref : served.getRefDatabase().getRefsByPrefix("refs/heads/")) {
      refs.put(ref.getName(), ref);
    }
    return new TransferConfig(served).getRefFilter().filter(refs).keySet();
  }

  private FileRepository reopened() throws IOException {
    return new FileRepository(directory.resolve("served.git").toFile());
  }
}
