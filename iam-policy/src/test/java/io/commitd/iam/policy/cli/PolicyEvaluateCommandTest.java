package io.commitd.iam.policy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The {@code policy evaluate} contract: one JSON object in, one word out, exit 2 for bad input. */
class PolicyEvaluateCommandTest {
  static final String REQUEST = "\"request\":{\"principal\":\"arn:aws:iam::111122223333:user/dev\",\"action\":\"codecommit:GitPush\","
      + "\"resource\":\"arn:aws:codecommit:us-east-1:111122223333:app\",\"context\":{\"codecommit:References\":[\"refs/heads/main\"],\"aws:SourceIp\":\"10.0.0.1\"}}";

  record Outcome(int status, String out, String err) {}

  static Outcome run(String input) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status = new PolicyEvaluateCommand().run(
        new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)),
        new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Outcome(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  @Test
  void printsAllow() {
    Outcome outcome = run("{\"policies\":{\"identity\":[{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"codecommit:*\",\"Resource\":\"*\"}}]}," + REQUEST + "}");
    assertThat(outcome).isEqualTo(new Outcome(0, "Allow\n", ""));
  }

  @Test
  void printsExplicitDenyForADenyOnMain() {
    Outcome outcome = run("{\"policies\":{\"identity\":[{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"codecommit:*\",\"Resource\":\"*\"},"
        + "{\"Effect\":\"Deny\",\"Action\":\"codecommit:GitPush\",\"Resource\":\"*\",\"Condition\":{\"ForAnyValue:StringEquals\":{\"codecommit:References\":\"refs/heads/main\"}}}]}],"
        + "\"resource\":null,\"boundary\":null,\"session\":null}," + REQUEST + "}");
    assertThat(outcome).isEqualTo(new Outcome(0, "ExplicitDeny\n", ""));
  }

  @Test
  void printsImplicitDenyWhenABoundaryDoesNotAllow() {
    Outcome outcome = run("{\"policies\":{\"identity\":[\"{\\\"Version\\\":\\\"2012-10-17\\\",\\\"Statement\\\":{\\\"Effect\\\":\\\"Allow\\\",\\\"Action\\\":\\\"*\\\",\\\"Resource\\\":\\\"*\\\"}}\"],"
        + "\"boundary\":{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"codecommit:GitPull\",\"Resource\":\"*\"}}}," + REQUEST + "}");
    assertThat(outcome).isEqualTo(new Outcome(0, "ImplicitDeny\n", ""));
  }

  @Test
  void theAccountRootIsAllowedInItsOwnAccountWithoutPolicies() {
    String root = REQUEST.replace("arn:aws:iam::111122223333:user/dev", "arn:aws:iam::111122223333:root");
    assertThat(run("{\"policies\":{\"identity\":[]}," + root + "}")).isEqualTo(new Outcome(0, "Allow\n", ""));
    String elsewhere = root.replace("codecommit:us-east-1:111122223333:app", "codecommit:us-east-1:444455556666:app");
    assertThat(run("{\"policies\":{\"identity\":[]}," + elsewhere + "}")).isEqualTo(new Outcome(0, "ImplicitDeny\n", ""));
  }

  @Test
  void malformedInputExitsTwoWithOneLineOnStandardError() {
    for (String input : new String[] {
        "not json",
        "{\"policies\":{}}",
        "{\"policies\":{\"identity\":[{\"Statement\":\"nope\"}]}," + REQUEST + "}",
        "{\"policies\":{\"identity\":[]},\"request\":{\"principal\":\"p\",\"action\":\"a:b\"}}"}) {
      Outcome outcome = run(input);
      assertThat(outcome.status()).as(input).isEqualTo(2);
      assertThat(outcome.out()).isEmpty();
      assertThat(outcome.err()).startsWith("policy evaluate: ").endsWith("\n");
      assertThat(outcome.err().strip()).doesNotContain("\n");
    }
  }
}
