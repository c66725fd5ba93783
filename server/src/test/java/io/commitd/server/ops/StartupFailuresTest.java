package io.commitd.server.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.commitd.server.Main;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A start that cannot succeed says why and how to fix it in one line, and exits 2; --version and --help answer. */
class StartupFailuresTest {
  @TempDir Path dataDir;

  @Test
  void anUnreachableDatabaseIsOneLineAndExitTwo() {
    Run run = run("--http-port", "0", "--ssh-port", "-1", "--data-dir", dataDir.toString(),
        "--db-url", "jdbc:postgresql://127.0.0.1:1/commitd", "--db-user", "postgres");
    assertThat(run.status()).isEqualTo(2);
    assertThat(run.err().strip()).isEqualTo("commitd: cannot start: cannot reach PostgreSQL at jdbc:postgresql://127.0.0.1:1/commitd"
        + " (COMMITD_DB_URL): start it, or fix the host and port");
  }

  @Test
  void badOperatingSettingsAreNamed() {
    assertThat(run("--shutdown-timeout", "soon").err().strip())
        .isEqualTo("commitd: invalid configuration: COMMITD_SHUTDOWN_TIMEOUT: 'soon' is not a duration (e.g. 30, 30s, 500ms, 2m)");
    assertThat(run("--log-format", "xml").err().strip())
        .isEqualTo("commitd: invalid configuration: COMMITD_LOG_FORMAT: 'xml' is neither text nor json");
    assertThat(run("--audit-retention-days", "0").status()).isEqualTo(2);
    assertThat(run("--concurrent-requests", "-1").err().strip())
        .isEqualTo("commitd: invalid configuration: COMMITD_CONCURRENT_REQUESTS: must be 0 (no limit) or more, not -1");
    assertThat(run("--concurrent-requests", "many").err().strip())
        .isEqualTo("commitd: invalid configuration: COMMITD_CONCURRENT_REQUESTS: 'many' is not a number of requests");
  }

  @Test
  void versionAndHelpAnswer() {
    Run version = run("--version");
    assertThat(version.status()).isZero();
    assertThat(version.out()).startsWith("commitd ");
    Run help = run("--help");
    assertThat(help.status()).isZero();
    assertThat(help.out()).contains("serve", "policy", "storage", "backup", "restore", "accounts", "COMMITD_HTTP_PORT",
        "COMMITD_DB_URL", "COMMITD_AUDIT_RETENTION_DAYS", "COMMITD_SHUTDOWN_TIMEOUT", "COMMITD_CONCURRENT_REQUESTS",
        "COMMITD_LOG_FORMAT");
    Run serveHelp = run("serve", "--help");
    assertThat(serveHelp.status()).isZero();
    assertThat(serveHelp.out()).startsWith("Usage: commitd serve ").contains("COMMITD_HTTP_PORT");
  }

  @Test
  void anUnknownCommandIsRefusedWithASuggestion() {
    Run unknown = run("serv");
    assertThat(unknown.status()).isEqualTo(2);
    assertThat(unknown.err()).startsWith("Unmatched argument at index 0: 'serv'").contains("Did you mean: commitd serve");
  }

  private record Run(int status, String out, String err) {}

  private static Run run(String... args) {
    PrintStream originalOut = System.out;
    PrintStream originalErr = System.err;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    try {
      int status = Main.run(args);
      return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    } finally {
      System.setOut(originalOut);
      System.setErr(originalErr);
    }
  }
}
