package io.commitd.server.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The {@code aws} CLI's own script, run once per call in a child forked from one Python interpreter
 * that has already imported botocore and awscli ({@code aws_cli_forks.py}). A fresh {@code aws}
 * process spends most of a call starting Python and importing them; the suite makes thousands of
 * calls. Each child runs the unmodified script with the call's arguments, environment and working
 * directory, so what the CLI sends, prints and exits with is what a process would.
 *
 * <p>Used when the {@code aws} on the PATH is a Python script (pip's and Debian's are) and the
 * system property {@code commitd.test.forkedAws} is not {@code false}; otherwise {@link AwsCli}
 * starts a process per call, and so does git's credential helper.
 */
final class ForkedAwsCli {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final ScheduledExecutorService WATCHDOG = Executors.newSingleThreadScheduledExecutor(runnable -> {
    Thread thread = new Thread(runnable, "aws-cli-watchdog");
    thread.setDaemon(true);
    return thread;
  });

  private static volatile Optional<ForkedAwsCli> shared;

  private final Process forks;
  private final Path socket;
  private final Path commands;

  private ForkedAwsCli(Process forks, Path socket, Path commands) {
    this.forks = forks;
    this.socket = socket;
    this.commands = commands;
  }

  /**
   * A directory holding an {@code aws} that hands its call to the forks: first on the PATH of a process
   * the suite starts (git, for its credential helper), that process's {@code aws} calls skip the start too.
   */
  Path commandDirectory() {
    return commands;
  }

  /** Whether calls should run forked here: the {@code aws} on the PATH is a Python script, and forking is not turned off. */
  static boolean applies() {
    return !"false".equals(System.getProperty("commitd.test.forkedAws"))
        && onPath("aws").map(ForkedAwsCli::pythonOf).filter(interpreter -> !interpreter.isEmpty()).isPresent();
  }

  /** The JVM's one interpreter to fork from, started on first use; empty where it does not apply or cannot run. */
  static Optional<ForkedAwsCli> shared() {
    Optional<ForkedAwsCli> current = shared;
    if (current == null) {
      synchronized (ForkedAwsCli.class) {
        current = shared;
        if (current == null) {
          current = applies() ? start(onPath("aws").orElseThrow()) : Optional.empty();
          shared = current;
        }
      }
    }
    return current.filter(cli -> cli.forks.isAlive());
  }

  private static Optional<ForkedAwsCli> start(Path script) {
    try {
      List<String> interpreter = pythonOf(script);
      Path directory = Files.createTempDirectory("aws-cli-forks");
      Path program = directory.resolve("aws_cli_forks.py");
      try (InputStream resource = ForkedAwsCli.class.getResourceAsStream("aws_cli_forks.py")) {
        Files.copy(resource, program);
      }
      Path commands = Files.createDirectory(directory.resolve("bin"));
      writeClient(commands.resolve("aws"), interpreter);
      Path socket = directory.resolve("socket");
      List<String> command = new ArrayList<>(interpreter);
      command.addAll(List.of(program.toString(), script.toString(), socket.toString()));
      Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
      Runtime.getRuntime().addShutdownHook(new Thread(() -> {
        process.destroy();
        deleteQuietly(directory);
      }));
      var ready = CompletableFuture.supplyAsync(() -> firstLine(process.getInputStream()));
      if (!"ready".equals(ready.get(60, TimeUnit.SECONDS))) {
        process.destroyForcibly();
        return Optional.empty();
      }
      return Optional.of(new ForkedAwsCli(process, socket, commands));
    } catch (Exception e) {
      return Optional.empty();
    }
  }

  /** Runs one call: {@code arguments} follow {@code aws}; {@code environment} is the whole environment. */
  AwsCli.Result run(List<String> command, List<String> arguments, Map<String, String> environment, Path directory) {
    Map<String, Object> request = new LinkedHashMap<>();
    request.put("argv", arguments);
    request.put("env", environment);
    request.put("cwd", directory == null ? null : directory.toAbsolutePath().toString());
    try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
      channel.connect(UnixDomainSocketAddress.of(socket));
      channel.write(java.nio.ByteBuffer.wrap((JSON.writeValueAsString(request) + "\n").getBytes(StandardCharsets.UTF_8)));
      BufferedReader answer = new BufferedReader(new InputStreamReader(Channels.newInputStream(channel), StandardCharsets.UTF_8));
      String pid = answer.readLine();
      if (pid == null) {
        throw new IllegalStateException("aws could not be started: " + command);
      }
      var kill = WATCHDOG.schedule(
          () -> ProcessHandle.of(Long.parseLong(pid)).ifPresent(ProcessHandle::destroyForcibly), 120, TimeUnit.SECONDS);
      String outcome = answer.readLine();
      kill.cancel(false);
      if (outcome == null) {
        throw new IllegalStateException("aws did not finish: " + command);
      }
      JsonNode result = JSON.readTree(outcome);
      return new AwsCli.Result(command, result.get("exit").asInt(), decoded(result, "stdout"), decoded(result, "stderr"));
    } catch (IOException e) {
      throw new IllegalStateException("could not run aws", e);
    }
  }

  /** The client as an executable {@code aws}, run by the same interpreter without its site packages (it needs none). */
  private static void writeClient(Path target, List<String> interpreter) throws IOException {
    String shebang = "#!" + String.join(" ", interpreter) + (interpreter.size() == 1 ? " -IS" : "") + "\n";
    try (InputStream resource = ForkedAwsCli.class.getResourceAsStream("aws_cli_client.py")) {
      Files.writeString(target, shebang + new String(resource.readAllBytes(), StandardCharsets.UTF_8));
    }
    Files.setPosixFilePermissions(target, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
  }

  private static String decoded(JsonNode result, String stream) {
    return new String(Base64.getDecoder().decode(result.get(stream).asText()), StandardCharsets.UTF_8);
  }

  private static Optional<Path> onPath(String name) {
    for (String entry : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
      Path candidate = Path.of(entry.isEmpty() ? "." : entry, name);
      if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
        return Optional.of(candidate.toAbsolutePath());
      }
    }
    return Optional.empty();
  }

  /** The interpreter named by a Python script's {@code #!} line, or empty for anything else. */
  private static List<String> pythonOf(Path script) {
    String first;
    try (BufferedReader reader = Files.newBufferedReader(script, StandardCharsets.ISO_8859_1)) {
      first = reader.readLine();
    } catch (IOException e) {
      return List.of();
    }
    if (first == null || !first.startsWith("#!") || !first.contains("python")) {
      return List.of();
    }
    return List.of(first.substring(2).trim().split("\\s+"));
  }

  private static void deleteQuietly(Path directory) {
    try (var files = Files.walk(directory)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    } catch (IOException e) {
      // a temporary directory left behind is no failure of the suite
    }
  }

  private static String firstLine(InputStream stream) {
    try {
      return new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8)).readLine();
    } catch (IOException e) {
      return null;
    }
  }
}
