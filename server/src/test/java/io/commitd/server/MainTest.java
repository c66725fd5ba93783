package io.commitd.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The command line: a bad setting fails the start with one clear line and exit status 2. */
class MainTest {

  @Test
  void aBadSettingFailsTheStartWithOneLine() {
    PrintStream original = System.err;
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    try {
      int status = Main.run(new String[] {"--http-port", "nope"});
      assertThat(status).isEqualTo(2);
    } finally {
      System.setErr(original);
    }
    String printed = err.toString(StandardCharsets.UTF_8).strip();
    assertThat(printed).isEqualTo("commitd: invalid configuration: COMMITD_HTTP_PORT: 'nope' is not a port number");
  }
}
