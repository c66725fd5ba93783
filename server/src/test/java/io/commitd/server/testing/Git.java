package io.commitd.server.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The real {@code git} binary, isolated from the machine's configuration (its own HOME, no system
 * config, no prompts), optionally with the aws CLI as its credential helper.
 */
public final class Git {
  /** The credential helper as CodeCommit documents it, asking only on {@code get} (not store/erase). */
  public static final String AWS_HELPER = "!f() { if [ \"$1\" = get ]; then aws codecommit credential-helper get --ignore-host-check; fi; }; f";

  private final Path home;
  private final Map<String, String> environment;

  private Git(Path home, Map<String, String> environment) {
    this.home = home;
    this.environment = environment;
  }

  /** Git with a fresh HOME under {@code scratch}, signing as whoever {@code aws} is, through the CLI helper. */
  public static Git withCredentialHelper(Path scratch, AwsCli aws) {
    Map<String, String> env = new HashMap<>(aws.environment());
    // the helper's aws, like the suite's own calls, runs forked from a warm interpreter where it can
    ForkedAwsCli.shared().ifPresent(forked ->
        env.put("PATH", forked.commandDirectory() + java.io.File.pathSeparator + System.getenv("PATH")));
    return create(scratch, env, List.of(
        "credential.helper=" + AWS_HELPER, "credential.UseHttpPath=true"));
  }

  /** Git with no credentials at all. */
  public static Git anonymous(Path scratch) {
    return create(scratch, new HashMap<>(), List.of());
  }

  /** Git with extra environment (e.g. {@code GIT_SSH_COMMAND}). */
  public Git withEnvironment(String name, String value) {
    Map<String, String> env = new HashMap<>(environment);
    env.put(name, value);
    return new Git(home, env);
  }

  private static Git create(Path scratch, Map<String, String> env, List<String> config) {
    try {
      Path home = Files.createTempDirectory(scratch, "git-home-");
      StringBuilder gitconfig = new StringBuilder("[user]\n\tname = Test Developer\n\temail = dev@example.com\n[init]\n\tdefaultBranch = main\n"
          + "[advice]\n\tdetachedHead = false\n[protocol]\n\tversion = 2\n");
      for (String entry : config) {
        int eq = entry.indexOf('=');
        String key = entry.substring(0, eq);
        int dot = key.indexOf('.');
        gitconfig.append('[').append(key, 0, dot).append("]\n\t").append(key.substring(dot + 1)).append(" = ")
            .append(quote(entry.substring(eq + 1))).append('\n');
      }
      Files.writeString(home.resolve(".gitconfig"), gitconfig.toString());
      env.put("HOME", home.toString());
      env.put("GIT_CONFIG_NOSYSTEM", "1");
      env.put("GIT_TERMINAL_PROMPT", "0");
      env.put("GIT_ASKPASS", "/bin/false");
      return new Git(home, env);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String quote(String value) {
    return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }

  /** Runs {@code git <args>} in {@code directory}. */
  public Result run(Path directory, String... args) {
    List<String> command = new ArrayList<>();
    command.add("git");
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile());
    builder.environment().keySet().removeIf(k -> k.startsWith("GIT_") || k.startsWith("AWS_"));
    builder.environment().putAll(environment);
    try {
      Process process = builder.start();
      process.getOutputStream().close();
      byte[][] streams = new byte[2][];
      Thread errReader = new Thread(() -> {
        try {
          streams[1] = process.getErrorStream().readAllBytes();
        } catch (IOException e) {
          streams[1] = new byte[0];
        }
      });
      errReader.start();
      streams[0] = process.getInputStream().readAllBytes();
      if (!process.waitFor(180, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new IllegalStateException("git did not finish: " + command);
      }
      errReader.join();
      return new Result(command, process.exitValue(), new String(streams[0], StandardCharsets.UTF_8),
          new String(streams[1], StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new IllegalStateException("could not run git", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Runs git and fails the test, with git's own words, when it fails. */
  public String ok(Path directory, String... args) {
    Result result = run(directory, args);
    if (result.exitCode() != 0) {
      throw new AssertionError("git failed (" + result.exitCode() + "): " + String.join(" ", result.command())
          + "\nstdout: " + result.stdout() + "\nstderr: " + result.stderr());
    }
    return result.stdout();
  }

  /** Writes a file and commits it in {@code work}; returns the new commit id. */
  public String commitFile(Path work, String path, String content, String message) {
    try {
      Path file = work.resolve(path);
      Files.createDirectories(file.getParent());
      Files.writeString(file, content);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    ok(work, "add", path);
    ok(work, "commit", "-q", "-m", message);
    return ok(work, "rev-parse", "HEAD").strip();
  }

  /** What one git invocation did. */
  public record Result(List<String> command, int exitCode, String stdout, String stderr) {}
}
