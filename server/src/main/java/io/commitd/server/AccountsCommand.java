package io.commitd.server;

import io.commitd.server.organizations.OrganizationsOperations;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code commitd accounts root-credentials ID}: the operator's hand-over of a created account's root key. */
@Command(name = "accounts", mixinStandardHelpOptions = true, description = "Accounts created through AWS Organizations.",
    subcommands = {AccountsCommand.RootCredentials.class})
final class AccountsCommand {

  @Command(name = "root-credentials", mixinStandardHelpOptions = true,
      description = "Print the root credentials of an account CreateAccount made, as an AWS shared-credentials file.")
  static final class RootCredentials implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(index = "0", description = "The 12-digit account id.")
    String accountId;

    @Option(names = "--data-dir", defaultValue = "${env:COMMITD_DATA_DIR:-./data}",
        description = "The server's data directory (COMMITD_DATA_DIR, default ./data).")
    String dataDir;

    @Override
    public Integer call() throws Exception {
      if (!accountId.matches("\\d{12}")) {
        spec.commandLine().getErr().println("commitd: '" + accountId + "' is not a 12-digit account id");
        return 2;
      }
      Path file = OrganizationsOperations.credentialsFile(Path.of(dataDir), accountId);
      if (!Files.exists(file)) {
        spec.commandLine().getErr().println("commitd: no root credentials for account " + accountId + " in " + file.toAbsolutePath()
            + " (was it created with 'aws organizations create-account' on this server?)");
        return 1;
      }
      spec.commandLine().getOut().print(Files.readString(file));
      spec.commandLine().getOut().flush();
      return 0;
    }
  }
}
