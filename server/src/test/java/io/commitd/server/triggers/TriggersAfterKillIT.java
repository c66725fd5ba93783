package io.commitd.server.triggers;

import static org.assertj.core.api.Assertions.assertThat;

import io.commitd.server.Main;
import io.commitd.server.testing.AwsCli;
import io.commitd.server.testing.TestDatabase;
import io.commitd.server.testing.TestServer;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A commitd process killed with SIGKILL right after a push still delivers that push's event: the
 * event was committed with the change, and the restarted node picks it up (and its own claims).
 */
class TriggersAfterKillIT {
  @TempDir Path dataDir;

  @Test
  void anEventOfAKilledProcessIsDeliveredAfterRestart() throws Exception {
    try (FakeDestinations fake = new FakeDestinations(); TestDatabase database = TestDatabase.create()) {
      int port = freePort();
      // The hook is down until the process is dead, so the event can only leave after the restart.
      fake.setDown("/hook/killed", true);
      Process first = start(port, database);
      String commit;
      try {
        AwsCli cli = new AwsCli(URI.create("http://127.0.0.1:" + port), TestServer.ROOT_ACCESS_KEY_ID, TestServer.ROOT_SECRET, null);
        cli.run("codecommit", "create-repository", "--repository-name", "killed").json();
        Path triggers = dataDir.resolveSibling(dataDir.getFileName() + "-triggers.json");
        Files.writeString(triggers, "[{\"name\":\"hook\",\"destinationArn\":\"" + fake.webhook("killed")
            + "\",\"branches\":[],\"events\":[\"all\"]}]");
        cli.run("codecommit", "put-repository-triggers", "--repository-name", "killed", "--triggers", "file://" + triggers).json();
        commit = cli.run("codecommit", "put-file", "--repository-name", "killed", "--branch-name", "main",
            "--file-path", "a.txt", "--file-content", "a").json().get("commitId").asText();
      } finally {
        first.destroyForcibly();
        first.waitFor();
      }
      assertThat(first.exitValue()).as("SIGKILL").isEqualTo(137);
      assertThat(fake.received(m -> m.target().equals("/hook/killed"))).isEmpty();

      fake.setDown("/hook/killed", false);
      Process second = start(port, database);
      try {
        List<FakeDestinations.Received> delivered = fake.await(m -> m.target().equals("/hook/killed"), 1);
        assertThat(delivered.get(0).body()).contains("\"commit\":\"" + commit + "\"").contains("refs/heads/main");
      } finally {
        second.destroy();
        second.waitFor();
      }
    }
  }

  private Process start(int port, TestDatabase database) throws Exception {
    String java = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder builder = new ProcessBuilder(java, "-Xmx256m", "-cp", System.getProperty("java.class.path"),
        Main.class.getName(), "serve")
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(dataDir.resolveSibling(dataDir.getFileName() + ".log").toFile()));
    Map<String, String> env = builder.environment();
    env.put("COMMITD_DATA_DIR", dataDir.toString());
    env.put("COMMITD_BIND_ADDRESS", "127.0.0.1");
    env.put("COMMITD_HTTP_PORT", Integer.toString(port));
    env.put("COMMITD_SSH_PORT", "-1");
    env.put("COMMITD_ACCOUNT_ID", TestServer.ACCOUNT_ID);
    env.put("COMMITD_ROOT_ACCESS_KEY_ID", TestServer.ROOT_ACCESS_KEY_ID);
    env.put("COMMITD_ROOT_SECRET_ACCESS_KEY", TestServer.ROOT_SECRET);
    env.put("COMMITD_DELIVERY_POLL_INTERVAL", "100ms");
    env.put("COMMITD_DELIVERY_INITIAL_BACKOFF", "100ms");
    env.put("COMMITD_DELIVERY_MAX_BACKOFF", "300ms");
    env.put("COMMITD_DELIVERY_MAX_ATTEMPTS", "1000");
    if (database.url() != null) {
      env.put("COMMITD_DB_URL", database.url());
      env.put("COMMITD_DB_USER", database.user());
    }
    Process process = builder.start();
    HttpClient http = HttpClient.newHttpClient();
    long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
    while (System.nanoTime() < deadline && process.isAlive()) {
      try {
        HttpResponse<String> health = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health"))
            .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
        if (health.statusCode() == 200) {
          return process;
        }
      } catch (IOException e) {
        // not listening yet
      }
      Thread.sleep(200);
    }
    process.destroyForcibly();
    throw new AssertionError("commitd did not start; see " + dataDir.resolveSibling(dataDir.getFileName() + ".log")
        + ":\n" + Files.readString(dataDir.resolveSibling(dataDir.getFileName() + ".log")));
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
