package io.commitd.transport.ssh;

import static io.commitd.transport.TransportFixture.ACCOUNT;
import static org.assertj.core.api.Assertions.assertThat;

import io.commitd.iam.auth.Requester;
import io.commitd.transport.TransportFixture;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.apache.sshd.common.util.buffer.ByteArrayBuffer;
import org.apache.sshd.server.StandardEnvironment;
import org.apache.sshd.server.channel.ChannelSession;
import org.apache.sshd.server.session.ServerSession;
import org.eclipse.jgit.junit.TestRepository;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What an SSH client that authenticated gets for the command it sends: git's pack protocol on
 * one of its account's repositories, or a {@code fatal:} line and a non-zero exit. The command
 * runs on its streams, without a socket: the SSH session is a stand-in that only knows the requester.
 */
class GitSshCommandTest {
  static final String ONLY_PACK_COMMANDS =
      "commitd serves only git-upload-pack and git-receive-pack on /v1/repos/NAME; no shell or other command";

  @TempDir static Path scratch;

  static TransportFixture fixture;
  static ExecutorService executor = Executors.newSingleThreadExecutor();
  static RevCommit head;

  /** One repository for every test: none of them changes it. */
  @BeforeAll
  static void oneRepositoryWithOneCommit() throws Exception {
    fixture = new TransportFixture(scratch);
    fixture.createRepository(ACCOUNT, "repo-1", "demo");
    try (Repository git = fixture.store.open("repo-1"); TestRepository<Repository> history = new TestRepository<>(git)) {
      head = history.branch("refs/heads/main").commit().add("README.md", "hello").create();
    }
  }

  @AfterAll
  static void shutDown() {
    executor.shutdownNow();
    fixture.close();
  }

  /** How the command ended and what it wrote. */
  record Exit(int code, String message, String out, String err) {}

  Exit run(String commandLine, Requester requester, String gitProtocol, String input) throws Exception {
    GitSshCommand command = new GitSshCommand(commandLine, fixture.access, executor);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    CompletableFuture<Exit> exit = new CompletableFuture<>();
    command.setInputStream(new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)));
    command.setOutputStream(out);
    command.setErrorStream(err);
    command.setExitCallback((code, message, closeImmediately) -> exit.complete(new Exit(code, message,
        out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8))));
    StandardEnvironment environment = new StandardEnvironment();
    if (gitProtocol != null) {
      environment.set("GIT_PROTOCOL", gitProtocol);
    }
    command.start(new ChannelOf(requester), environment);
    return exit.get(30, TimeUnit.SECONDS);
  }

  Exit run(String commandLine, Requester requester) throws Exception {
    return run(commandLine, requester, null, "0000");
  }

  /**
   * A channel whose session holds the requester public-key authentication left on it, and which has no
   * connection to send a global request on.
   */
  static final class ChannelOf extends ChannelSession {
    private final ServerSession session;

    ChannelOf(Requester requester) {
      session = (ServerSession) Proxy.newProxyInstance(ServerSession.class.getClassLoader(), new Class<?>[] {ServerSession.class},
          (proxy, method, args) -> {
            if (method.getName().equals("getAttribute") && args[0] == SshGitServer.REQUESTER) {
              return requester;
            }
            if (method.getName().equals("createBuffer")) {
              return new ByteArrayBuffer();
            }
            if (method.getName().equals("request")) {
              throw new IOException("no connection");
            }
            throw new UnsupportedOperationException(method.getName());
          });
    }

    @Override
    public ServerSession getSession() {
      return session;
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "bash",
      "git-upload-archive '/v1/repos/demo'",
      "scp -t /v1/repos/demo",
      "git-upload-pack '/etc/passwd'",
      "git-receive-pack '/v1/repos/demo/hooks'"})
  void anyOtherCommandOrPathExitsNonZeroAndSaysWhatIsServed(String commandLine) throws Exception {
    Exit exit = run(commandLine, TransportFixture.root(ACCOUNT));

    assertThat(exit.code()).isNotZero();
    assertThat(exit.message()).isEqualTo(ONLY_PACK_COMMANDS);
    assertThat(exit.err()).isEqualTo("fatal: " + ONLY_PACK_COMMANDS + "\n");
    assertThat(exit.out()).isEmpty();
  }

  @Test
  void aRepositoryTheAccountDoesNotHaveIsNotFound() throws Exception {
    Exit exit = run("git-upload-pack '/v1/repos/missing'", TransportFixture.root(ACCOUNT));

    assertThat(exit.code()).isNotZero();
    assertThat(exit.err()).isEqualTo("fatal: repository 'missing' not found\n");
  }

  @Test
  void anotherAccountsRepositoryOfTheSameNameIsNotFound() throws Exception {
    Exit exit = run("git-upload-pack '/v1/repos/demo'", TransportFixture.root("444455556666"));

    assertThat(exit.code()).isNotZero();
    assertThat(exit.err()).isEqualTo("fatal: repository 'demo' not found\n");
  }

  @Test
  void aFetchNeedsGitPullOnTheRepository() throws Exception {
    Requester bob = fixture.newUser("bob");

    Exit exit = run("git-upload-pack '/v1/repos/demo'", bob);

    assertThat(exit.code()).isNotZero();
    assertThat(exit.err()).startsWith("fatal: User: arn:aws:iam::111122223333:user/bob is not authorized to perform:"
        + " codecommit:GitPull on resource: arn:aws:codecommit:us-east-1:111122223333:demo");
    assertThat(exit.out()).isEmpty();
  }

  @Test
  void anAllowedFetchAdvertisesTheRepositorysRefsAndExitsZero() throws Exception {
    Exit exit = run("git-upload-pack '/v1/repos/demo'", TransportFixture.root(ACCOUNT));

    assertThat(exit.code()).isZero();
    assertThat(exit.out()).contains(head.name() + " refs/heads/main");
  }

  @Test
  void theProtocolVersionComesFromGitProtocol() throws Exception {
    Exit exit = run("git-upload-pack '/v1/repos/demo'", TransportFixture.root(ACCOUNT), "version=2", "0000");

    assertThat(exit.code()).isZero();
    assertThat(exit.out()).startsWith("000eversion 2\n");
  }

  @Test
  void aPushIsServedByReceivePackWithAtomicPushes() throws Exception {
    Exit exit = run("git-receive-pack '/v1/repos/demo'", TransportFixture.root(ACCOUNT));

    assertThat(exit.code()).isZero();
    assertThat(exit.out()).contains(head.name() + " refs/heads/main").contains("atomic");
  }
}
