package io.commitd.server.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The suite's {@code aws} calls run in children forked from a warm interpreter; each answers exactly
 * as an {@code aws} process of its own does.
 */
class ForkedAwsCliIT {
  static TestServer server;
  static AwsCli aws;

  @TempDir Path scratch;

  @BeforeAll
  static void start() {
    assumeTrue(ForkedAwsCli.applies(), "the aws on the PATH is not a Python script, or forking is off: every call is a process");
    assertThat(ForkedAwsCli.shared()).as("the interpreter to fork from starts").isPresent();
    server = TestServer.start();
    aws = server.rootCli();
    aws.run("codecommit", "create-repository", "--repository-name", "forked").json();
    aws.run("codecommit", "put-file", "--repository-name", "forked", "--branch-name", "main",
        "--file-path", "README", "--file-content", "first").json();
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
  }

  @Test
  void aSuccessfulCallPrintsTheSameJson() {
    AwsCli.Result forked = aws.run("codecommit", "get-repository", "--repository-name", "forked");
    AwsCli.Result process = aws.runInOwnProcess(null, "codecommit", "get-repository", "--repository-name", "forked");

    assertThat(forked.exitCode()).isZero().isEqualTo(process.exitCode());
    assertThat(forked.json()).isEqualTo(process.json());
    assertThat(forked.stderr()).isEqualTo(process.stderr());
  }

  @Test
  void aRefusedCallExitsAndReportsAlike() {
    AwsCli.Result forked = aws.run("codecommit", "get-repository", "--repository-name", "absent");
    AwsCli.Result process = aws.runInOwnProcess(null, "codecommit", "get-repository", "--repository-name", "absent");

    assertThat(forked.exitCode()).isNotZero().isEqualTo(process.exitCode());
    assertThat(forked.errorCode()).isEqualTo(process.errorCode()).isEqualTo("RepositoryDoesNotExistException");
    assertThat(forked.stderr()).isEqualTo(process.stderr());
  }

  @Test
  void aCommandLineTheCliRefusesIsRefusedAlike() {
    AwsCli.Result forked = aws.run("codecommit", "get-repository");
    AwsCli.Result process = aws.runInOwnProcess(null, "codecommit", "get-repository");

    assertThat(forked.exitCode()).isNotZero().isEqualTo(process.exitCode());
    assertThat(forked.stderr()).isEqualTo(process.stderr()).contains("--repository-name");
  }

  @Test
  void eachCallSignsWithItsOwnCredentials() {
    AwsCli stranger = aws.as("AKIAFORKEDSTRANGER01", "not-the-secret", null);

    assertThat(stranger.run("codecommit", "list-repositories").errorCode())
        .isEqualTo(stranger.runInOwnProcess(null, "codecommit", "list-repositories").errorCode())
        .isEqualTo("UnrecognizedClientException");
    assertThat(aws.run("codecommit", "list-repositories").json().toString()).contains("forked");
  }

  @Test
  void gitsCredentialHelperSignsThroughTheForkedCli() throws Exception {
    ProcessBuilder builder = new ProcessBuilder(ForkedAwsCli.shared().orElseThrow().commandDirectory().resolve("aws").toString(),
        "codecommit", "credential-helper", "get", "--ignore-host-check");
    builder.environment().putAll(aws.environment());
    Process helper = builder.start();
    try (var stdin = helper.getOutputStream()) {
      stdin.write(("protocol=http\nhost=" + server.endpoint().getAuthority() + "\npath=v1/repos/forked\n\n")
          .getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
    String printed = new String(helper.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    assertThat(helper.waitFor()).isZero();
    assertThat(printed).startsWith("username=").contains("\npassword=");

    Git git = Git.withCredentialHelper(scratch, aws);
    assertThat(git.ok(scratch, "ls-remote", server.endpoint() + "/v1/repos/forked", "refs/heads/main")).contains("refs/heads/main");
  }

  @Test
  void fileArgumentsAreReadFromTheCallsDirectory() throws Exception {
    Files.writeString(scratch.resolve("content.txt"), "read from the working directory\n");

    String parent = aws.run("codecommit", "get-branch", "--repository-name", "forked", "--branch-name", "main")
        .json().get("branch").get("commitId").asText();
    aws.runIn(scratch, "codecommit", "put-file", "--repository-name", "forked", "--branch-name", "main",
        "--parent-commit-id", parent, "--file-path", "forked.txt", "--file-content", "fileb://content.txt").json();
    String content = aws.run("codecommit", "get-file", "--repository-name", "forked", "--file-path", "forked.txt")
        .json().get("fileContent").asText();

    assertThat(new String(java.util.Base64.getDecoder().decode(content), java.nio.charset.StandardCharsets.UTF_8))
        .isEqualTo("read from the working directory\n");
  }
}
