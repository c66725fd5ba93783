package io.commitd.server.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import io.commitd.server.testing.AwsCli;
import io.commitd.server.testing.Git;
import io.commitd.server.testing.TestDatabase;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * commitd as operators run it, in a child JVM (from the classes under test, never a possibly stale
 * packaged jar): SIGTERM during a clone lets the clone finish and
 * exits 0; SIGTERM during the first start lets the start finish, then stops; a second server on a
 * data directory in use, or on a port in use, says so in one line and exits 2; the git config of the
 * account it runs as does not reach the repositories it serves.
 */
class ServerLifecycleIT {
  static final String KEY = "AKIALIFECYCLETEST001";
  static final String SECRET = "lifecycleSecretKeyForTests00000000000000";

  @TempDir Path scratch;

  @BeforeEach
  void onlyOnce() {
    // The child JVM uses its own embedded database; one run of the suite is enough.
    assumeFalse(TestDatabase.postgresRequested(), "runs on the H2 pass only");
  }

  @Test
  void sigtermDuringACloneLetsItFinishAndExitsZero() throws Exception {
    int port = freePort();
    Process server = start(scratch.resolve("data"), port, "COMMITD_SHUTDOWN_TIMEOUT", "60s", "COMMITD_LOG_FORMAT", "json");
    try {
      awaitHealthy(port);
      AwsCli aws = new AwsCli(URI.create("http://127.0.0.1:" + port), KEY, SECRET, null);
      aws.run("codecommit", "create-repository", "--repository-name", "big").json();
      Git git = Git.withCredentialHelper(scratch, aws);
      Path work = scratch.resolve("work");
      git.ok(scratch, "clone", "-q", "http://127.0.0.1:" + port + "/v1/repos/big", work.toString());
      byte[] noise = new byte[8 * 1024 * 1024];
      new Random(14).nextBytes(noise);
      Files.write(work.resolve("noise.bin"), noise);
      git.ok(work, "add", "noise.bin");
      git.ok(work, "commit", "-q", "-m", "eight megabytes that do not compress");
      git.ok(work, "push", "-q", "origin", "main");

      // The clone goes through a proxy that sends the server's answers at 1 MiB/s.
      try (ThrottlingProxy proxy = new ThrottlingProxy(port, 1024 * 1024)) {
        CompletableFuture<Git.Result> clone = CompletableFuture.supplyAsync(() -> git.run(scratch, "clone", "-q",
            "http://127.0.0.1:" + proxy.port() + "/v1/repos/big", scratch.resolve("copy").toString()));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (proxy.forwarded() < 1024 * 1024 && System.nanoTime() < deadline) {
          Thread.sleep(50);
        }
        assertThat(proxy.forwarded()).as("the clone is under way").isGreaterThanOrEqualTo(1024 * 1024);
        server.destroy(); // SIGTERM
        Git.Result result = clone.get(120, TimeUnit.SECONDS);
        assertThat(result.exitCode()).as(result.stderr() + "\nserver log:\n" + serverLog(server)).isZero();
        assertThat(Files.size(scratch.resolve("copy").resolve("noise.bin"))).isEqualTo(noise.length);
      }
      assertThat(server.waitFor(90, TimeUnit.SECONDS)).isTrue();
      assertThat(server.exitValue()).isZero();
      // The log is JSON lines, as asked, and says that it stopped.
      List<String> lines = Files.readAllLines(scratch.resolve("server.log"));
      List<String> messages = new ArrayList<>();
      for (String line : lines) {
        messages.add(new com.fasterxml.jackson.databind.ObjectMapper().readTree(line).get("formattedMessage").asText());
      }
      assertThat(messages).anyMatch(m -> m.startsWith("commitd stopping")).anyMatch(m -> m.startsWith("commitd stopped"))
          .anyMatch(m -> m.startsWith("GitPull by") && m.contains("outcome=OK"));
    } finally {
      server.destroyForcibly();
    }
  }

  @Test
  void sigtermDuringTheFirstStartLetsItFinishThenStopsCleanly() throws Exception {
    Path data = scratch.resolve("data");
    int port = freePort();
    Process first = start(data, port);
    try {
      // The database file appears when the start opens it, before the schema is migrated.
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (!Files.exists(data.resolve("metadata.mv.db")) && first.isAlive() && System.nanoTime() < deadline) {
        Thread.sleep(5);
      }
      first.destroy(); // SIGTERM
      assertThat(first.waitFor(90, TimeUnit.SECONDS)).isTrue();
      String log = Files.readString(scratch.resolve("server.log"));
      assertThat(first.exitValue()).as(log).isZero();
      assertThat(log).contains("commitd asked to stop while starting: finishing the start first", "commitd stopped in ")
          .doesNotContain("Exception", "cannot start");
    } finally {
      first.destroyForcibly();
    }

    // The schema is whole: the next start serves, and a stop as soon as it is healthy is as clean.
    Process second = start(data, port);
    try {
      awaitHealthy(port);
      AwsCli aws = new AwsCli(URI.create("http://127.0.0.1:" + port), KEY, SECRET, null);
      assertThat(aws.run("codecommit", "create-repository", "--repository-name", "after-the-stop").json()
          .at("/repositoryMetadata/repositoryName").asText()).isEqualTo("after-the-stop");
      second.destroy();
      assertThat(second.waitFor(90, TimeUnit.SECONDS)).isTrue();
      String log = Files.readString(scratch.resolve("server.log"));
      assertThat(second.exitValue()).as(log).isZero();
      assertThat(log).contains("commitd stopped in ").doesNotContain("Exception");
    } finally {
      second.destroyForcibly();
    }
  }

  @Test
  void aSecondServerOnAPortInUseSaysSoInOneLineAndExitsTwo() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
      Process second = start(scratch.resolve("second"), taken.getLocalPort());
      assertThat(second.waitFor(60, TimeUnit.SECONDS)).isTrue();
      assertThat(second.exitValue()).isEqualTo(2);
      List<String> lines = Files.readAllLines(scratch.resolve("server.log"));
      assertThat(lines).containsExactly("commitd: cannot start: port " + taken.getLocalPort()
          + " on 127.0.0.1 is already in use (COMMITD_HTTP_PORT): stop the process that holds it or set COMMITD_HTTP_PORT to a free port");
    }
  }

  @Test
  void aSecondServerOnADataDirectoryInUseSaysSoInOneLineAndExitsTwo() throws Exception {
    Path data = scratch.resolve("data");
    int port = freePort();
    Process first = start(data, port);
    try {
      awaitHealthy(port);
      Path secondLog = scratch.resolve("second.log");
      Process second = start(data, freePort(), secondLog);
      assertThat(second.waitFor(60, TimeUnit.SECONDS)).isTrue();
      assertThat(second.exitValue()).isEqualTo(2);
      assertThat(Files.readAllLines(secondLog)).containsExactly("commitd: cannot start: the data directory "
          + data.toAbsolutePath().normalize() + " is in use by another commitd: stop it, or set COMMITD_DATA_DIR to another directory");
      // The first server goes on serving.
      awaitHealthy(port);
    } finally {
      first.destroyForcibly();
    }
  }

  @Test
  void theServiceAccountsGitConfigDoesNotReachTheRepositories() throws Exception {
    // The account's ~/.gitconfig would hide a branch from every client, were JGit to read it.
    Path accountHome = Files.createDirectories(scratch.resolve("account-home"));
    Files.writeString(accountHome.resolve(".gitconfig"), "[uploadpack]\n\thideRefs = refs/heads/hidden\n");
    int port = freePort();
    Process server = start(scratch.resolve("data"), port, List.of("-Duser.home=" + accountHome));
    try {
      awaitHealthy(port);
      AwsCli aws = new AwsCli(URI.create("http://127.0.0.1:" + port), KEY, SECRET, null);
      aws.run("codecommit", "create-repository", "--repository-name", "configured").json();
      Git git = Git.withCredentialHelper(scratch, aws);
      String url = "http://127.0.0.1:" + port + "/v1/repos/configured";
      Path work = scratch.resolve("work");
      git.ok(scratch, "clone", "-q", url, work.toString());
      String commit = git.commitFile(work, "README.md", "hello\n", "first");
      git.ok(work, "push", "-q", "origin", "main", "main:hidden");

      assertThat(git.ok(scratch, "ls-remote", url))
          .contains(commit + "\trefs/heads/main", commit + "\trefs/heads/hidden");
      git.ok(scratch, "clone", "-q", "--branch", "hidden", url, scratch.resolve("copy").toString());
    } finally {
      server.destroyForcibly();
    }
  }

  private String serverLog(Process server) throws Exception {
    server.waitFor(30, TimeUnit.SECONDS);
    return Files.readString(scratch.resolve("server.log"));
  }

  private Process start(Path dataDir, int port, String... environment) throws IOException {
    return start(dataDir, port, List.of(), environment);
  }

  private Process start(Path dataDir, int port, Path log) throws IOException {
    return start(dataDir, port, List.of(), log);
  }

  private Process start(Path dataDir, int port, List<String> jvmOptions, String... environment) throws IOException {
    return start(dataDir, port, jvmOptions, scratch.resolve("server.log"), environment);
  }

  private Process start(Path dataDir, int port, List<String> jvmOptions, Path log, String... environment) throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> command = new ArrayList<>(List.of(java, "-Xmx256m"));
    command.addAll(jvmOptions);
    command.addAll(List.of("-cp", System.getProperty("java.class.path"), "io.commitd.server.Main"));
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().keySet().removeIf(k -> k.startsWith("COMMITD_"));
    builder.environment().put("COMMITD_DATA_DIR", dataDir.toString());
    builder.environment().put("COMMITD_BIND_ADDRESS", "127.0.0.1");
    builder.environment().put("COMMITD_HTTP_PORT", String.valueOf(port));
    builder.environment().put("COMMITD_SSH_PORT", "-1");
    builder.environment().put("COMMITD_ROOT_ACCESS_KEY_ID", KEY);
    builder.environment().put("COMMITD_ROOT_SECRET_ACCESS_KEY", SECRET);
    for (int i = 0; i + 1 < environment.length; i += 2) {
      builder.environment().put(environment[i], environment[i + 1]);
    }
    builder.redirectErrorStream(true);
    builder.redirectOutput(log.toFile());
    return builder.start();
  }

  private static void awaitHealthy(int port) throws Exception {
    HttpClient client = HttpClient.newHttpClient();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (System.nanoTime() < deadline) {
      try {
        if (client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health"))
            .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
          return;
        }
      } catch (IOException e) {
        // not up yet
      }
      Thread.sleep(200);
    }
    throw new AssertionError("commitd did not become healthy on port " + port);
  }

  static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
      return socket.getLocalPort();
    }
  }

  /** A TCP proxy to the server that forwards its answers no faster than a given rate. */
  static final class ThrottlingProxy implements AutoCloseable {
    private final ServerSocket listener;
    private final AtomicLong forwarded = new AtomicLong();

    ThrottlingProxy(int targetPort, int bytesPerSecond) throws IOException {
      listener = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
      Thread acceptor = new Thread(() -> {
        while (!listener.isClosed()) {
          try {
            Socket client = listener.accept();
            Socket upstream = new Socket("127.0.0.1", targetPort);
            pump(client.getInputStream(), upstream.getOutputStream(), 0, upstream);
            pump(upstream.getInputStream(), client.getOutputStream(), bytesPerSecond, client);
          } catch (IOException e) {
            return;
          }
        }
      }, "throttling-proxy");
      acceptor.setDaemon(true);
      acceptor.start();
    }

    private void pump(InputStream in, OutputStream out, int rate, Socket closeWhenDone) {
      Thread thread = new Thread(() -> {
        byte[] buffer = new byte[rate == 0 ? 65536 : rate / 20];
        try {
          int n;
          while ((n = in.read(buffer)) >= 0) {
            out.write(buffer, 0, n);
            out.flush();
            if (rate > 0) {
              forwarded.addAndGet(n);
              Thread.sleep(50);
            }
          }
        } catch (IOException e) {
          // either side closed
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        } finally {
          try {
            closeWhenDone.shutdownOutput();
          } catch (IOException e) {
            // already closed
          }
        }
      }, "throttling-proxy-pump");
      thread.setDaemon(true);
      thread.start();
    }

    int port() {
      return listener.getLocalPort();
    }

    long forwarded() {
      return forwarded.get();
    }

    @Override
    public void close() throws IOException {
      listener.close();
    }
  }

}
