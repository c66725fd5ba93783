package io.commitd.transport.ssh;

import static org.assertj.core.api.Assertions.assertThat;

import io.commitd.transport.ssh.GitSshCommand.Request;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The command line an SSH client sends: only git's two pack commands on {@code /v1/repos/NAME}. */
class GitSshCommandRequestTest {

  @ParameterizedTest
  @ValueSource(strings = {
      "git-upload-pack '/v1/repos/demo'",
      "git-upload-pack \"/v1/repos/demo\"",
      "git-upload-pack /v1/repos/demo",
      "git-upload-pack 'v1/repos/demo'",
      "git-upload-pack '/v1/repos/demo/'",
      "  git-upload-pack   '/v1/repos/demo'  "})
  void gitUploadPackFetchesFromTheNamedRepository(String commandLine) {
    assertThat(Request.parse(commandLine)).contains(new Request(true, "demo"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"git-receive-pack '/v1/repos/demo'", "git-receive-pack /v1/repos/demo"})
  void gitReceivePackPushesToTheNamedRepository(String commandLine) {
    assertThat(Request.parse(commandLine)).contains(new Request(false, "demo"));
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "git-upload-archive '/v1/repos/demo'",
      "sh -c 'git-upload-pack /v1/repos/demo'",
      "ls /v1/repos/demo",
      "git upload-pack '/v1/repos/demo'",
      "git-upload-pack",
      "",
      "   "})
  void anyOtherCommandIsNotServed(String commandLine) {
    assertThat(Request.parse(commandLine)).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "git-upload-pack '/v1/repos/'",
      "git-upload-pack '/v1/repos'",
      "git-upload-pack '/demo'",
      "git-upload-pack '/v1/repos/demo/info'",
      "git-upload-pack '/v1/repos/../../etc'",
      "git-upload-pack '/srv/v1/repos/demo'"})
  void aPathThatIsNotOneRepositoryIsNotServed(String commandLine) {
    assertThat(Request.parse(commandLine)).isEmpty();
  }
}
