package io.commitd.server;

import io.commitd.server.config.ConfigValidator.InvalidSettingException;
import io.commitd.server.backup.BackupCommands;
import io.commitd.server.config.ServeCommand;
import io.commitd.server.config.StartupFailure;
import java.util.Arrays;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code java -jar commitd.jar [serve|policy evaluate] …}; with no command it serves. */
@Command(
    name = "commitd",
    mixinStandardHelpOptions = true,
    versionProvider = Main.Version.class,
    description = "A self-hosted Git server that speaks AWS CodeCommit.",
    footer = {"", "With no command, commitd serves."},
    subcommands = {ServeCommand.class, PolicyCommand.class, StorageCommand.class, AccountsCommand.class,
        BackupCommands.BackupCommand.class, BackupCommands.RestoreCommand.class})
public final class Main {

  public static void main(String[] args) {
    System.exit(run(args));
  }

  public static int run(String[] args) {
    String[] effective = args;
    if (args.length == 0 || (args[0].startsWith("-") && !isHelpOrVersion(args[0]))) {
      effective = new String[args.length + 1];
      effective[0] = "serve";
      System.arraycopy(args, 0, effective, 1, args.length);
    }
    CommandLine commandLine = new CommandLine(new Main());
    if (args.length == 1 && ("-h".equals(args[0]) || "--help".equals(args[0]))) {
      // The settings are the serve command's: list them with the commands.
      commandLine.getOut().print(commandLine.getUsageMessage());
      commandLine.getOut().println();
      commandLine.getOut().print(commandLine.getSubcommands().get("serve").getUsageMessage());
      commandLine.getOut().flush();
      return 0;
    }
    commandLine.setExecutionExceptionHandler(
        (exception, cmd, parseResult) -> {
          if (exception instanceof InvalidSettingException) {
            cmd.getErr().println("commitd: invalid configuration: " + exception.getMessage());
            return 2;
          }
          if (exception instanceof StartupFailure) {
            cmd.getErr().println("commitd: cannot start: " + exception.getMessage());
            return 2;
          }
          throw exception;
        });
    return commandLine.execute(effective);
  }

  /** The version in the jar's manifest ({@code Implementation-Version}). */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String version = Main.class.getPackage().getImplementationVersion();
      return new String[] {"commitd " + (version == null ? "(development build)" : version)};
    }
  }

  private static boolean isHelpOrVersion(String arg) {
    return Arrays.asList("-h", "--help", "-V", "--version").contains(arg);
  }
}
