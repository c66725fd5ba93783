package io.commitd.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The command line: a bad setting fails the start with one clear line and exit status 2. */
class MainTest {

  @Test
  void policyEvaluateReadsStandardInputAndPrintsOneWord() {
    InputStream originalIn = System.in;
    PrintStream originalOut = System.out;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    System.setIn(new ByteArrayInputStream(("{\"policies\":{\"identity\":[{\"Version\":\"2012-10-17\",\"Statement\":"
        + "{\"Effect\":\"Allow\",\"Action\":\"codecommit:GitPull\",\"Resource\":\"*\"}}]},\"request\":{\"principal\":"
        + "\"arn:aws:iam::111122223333:user/dev\",\"action\":\"codecommit:GitPull\",\"resource\":\"arn:aws:codecommit:us-east-1:111122223333:app\"}}")
        .getBytes(StandardCharsets.UTF_8)));
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    try {
      assertThat(Main.run(new String[] {"policy", "evaluate"})).isZero();
    } finally {
      System.setIn(originalIn);
      System.setOut(originalOut);
    }
    assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("Allow\n");
  }

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
