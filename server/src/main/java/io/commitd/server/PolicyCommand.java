package io.commitd.server;

import io.commitd.iam.policy.cli.PolicyEvaluateCommand;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code commitd policy …}: operator tools for IAM policies, using the server's own evaluator. */
@Command(name = "policy", mixinStandardHelpOptions = true, description = "Work with IAM policies.",
    subcommands = {PolicyCommand.Evaluate.class})
final class PolicyCommand {

  @Command(name = "evaluate", mixinStandardHelpOptions = true,
      description = "Read {\"policies\": …, \"request\": …} on standard input; print Allow, ExplicitDeny or ImplicitDeny.")
  static final class Evaluate implements Callable<Integer> {
    @Override
    public Integer call() {
      return new PolicyEvaluateCommand().run(System.in, System.out, System.err);
    }
  }
}
