package io.commitd.server.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The real {@code aws} CLI pointed at a test server, with its own credentials and no user
 * configuration leaking in. Each call runs the CLI's own script, in a child of a warm interpreter
 * where it can ({@link ForkedAwsCli}), else in a process of its own.
 */
public final class AwsCli {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern ERROR_CODE = Pattern.compile("An error occurred \\(([A-Za-z0-9]+)\\)");

  private final URI endpoint;
  private final String accessKeyId;
  private final String secretAccessKey;
  private final String sessionToken;
  private final String region;
  private final List<String> extraArgs;

  public AwsCli(URI endpoint, String accessKeyId, String secretAccessKey, String sessionToken) {
    this(endpoint, accessKeyId, secretAccessKey, sessionToken, "us-east-1", List.of());
  }

  private AwsCli(URI endpoint, String accessKeyId, String secretAccessKey, String sessionToken, String region, List<String> extraArgs) {
    this.endpoint = endpoint;
    this.accessKeyId = accessKeyId;
    this.secretAccessKey = secretAccessKey;
    this.sessionToken = sessionToken;
    this.region = region;
    this.extraArgs = extraArgs;
  }

  /** The same CLI with {@code AWS_DEFAULT_REGION} set to {@code region}. */
  public AwsCli inRegion(String otherRegion) {
    return new AwsCli(endpoint, accessKeyId, secretAccessKey, sessionToken, otherRegion, extraArgs);
  }

  /** The same CLI against another endpoint, with global options such as {@code --ca-bundle FILE}. */
  public AwsCli at(URI otherEndpoint, String... options) {
    return new AwsCli(otherEndpoint, accessKeyId, secretAccessKey, sessionToken, region, List.of(options));
  }

  /** The same CLI signing with other credentials. */
  public AwsCli as(String accessKeyId, String secretAccessKey, String sessionToken) {
    return new AwsCli(endpoint, accessKeyId, secretAccessKey, sessionToken, region, extraArgs);
  }

  /** The environment that makes the CLI use exactly these credentials. */
  public Map<String, String> environment() {
    Map<String, String> env = new HashMap<>();
    env.put("AWS_ACCESS_KEY_ID", accessKeyId);
    env.put("AWS_SECRET_ACCESS_KEY", secretAccessKey);
    if (sessionToken != null) {
      env.put("AWS_SESSION_TOKEN", sessionToken);
    }
    env.put("AWS_DEFAULT_REGION", region);
    env.put("AWS_CONFIG_FILE", "/nonexistent/commitd-test-config");
    env.put("AWS_SHARED_CREDENTIALS_FILE", "/nonexistent/commitd-test-credentials");
    env.put("AWS_PAGER", "");
    env.put("AWS_EC2_METADATA_DISABLED", "true");
    env.put("AWS_MAX_ATTEMPTS", "1");
    return env;
  }

  /** Runs {@code aws --endpoint-url … <args>} and returns what it did. */
  public Result run(String... args) {
    return exec(command(args), null);
  }

  /** Runs with the given working directory (for {@code fileb://} paths). */
  public Result runIn(Path directory, String... args) {
    return exec(command(args), directory);
  }

  /** Runs in an {@code aws} process of its own, never a forked child: for comparing the two. */
  Result runInOwnProcess(Path directory, String... args) {
    return execInProcess(command(args), directory);
  }

  private List<String> command(String... args) {
    List<String> command = new ArrayList<>(List.of("aws", "--endpoint-url", endpoint.toString(), "--output", "json"));
    command.addAll(extraArgs);
    command.addAll(List.of(args));
    return command;
  }

  private Result exec(List<String> command, Path directory) {
    Optional<ForkedAwsCli> forked = ForkedAwsCli.shared();
    if (forked.isEmpty()) {
      return execInProcess(command, directory);
    }
    Map<String, String> env = new HashMap<>(System.getenv());
    env.keySet().removeIf(k -> k.startsWith("AWS_"));
    env.putAll(environment());
    return forked.get().run(command, command.subList(1, command.size()), env, directory);
  }

  private Result execInProcess(List<String> command, Path directory) {
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().keySet().removeIf(k -> k.startsWith("AWS_"));
    builder.environment().putAll(environment());
    if (directory != null) {
      builder.directory(directory.toFile());
    }
    try {
      Process process = builder.start();
      process.getOutputStream().close();
      var stdout = process.getInputStream();
      var stderr = process.getErrorStream();
      byte[][] streams = new byte[2][];
      Thread errReader = new Thread(() -> {
        try {
          streams[1] = stderr.readAllBytes();
        } catch (IOException e) {
          streams[1] = e.toString().getBytes(StandardCharsets.UTF_8);
        }
      });
      errReader.start();
      streams[0] = stdout.readAllBytes();
      if (!process.waitFor(120, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new IllegalStateException("aws did not finish: " + command);
      }
      errReader.join();
      return new Result(
          command, process.exitValue(),
          new String(streams[0], StandardCharsets.UTF_8), new String(streams[1], StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new IllegalStateException("could not run aws", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted running aws", e);
    }
  }

  /** What one CLI invocation did. */
  public record Result(List<String> command, int exitCode, String stdout, String stderr) {
    public boolean succeeded() {
      return exitCode == 0;
    }

    /** The JSON the CLI printed; fails the test with the CLI's own words when it failed. */
    public JsonNode json() {
      if (exitCode != 0) {
        throw new AssertionError("aws failed (" + exitCode + "): " + String.join(" ", command) + "\n" + stderr);
      }
      try {
        return stdout.isBlank() ? JSON.createObjectNode() : JSON.readTree(stdout);
      } catch (IOException e) {
        throw new AssertionError("aws printed no JSON: " + stdout, e);
      }
    }

    /** The AWS error code the CLI reported, e.g. {@code RepositoryDoesNotExistException}. */
    public String errorCode() {
      Matcher matcher = ERROR_CODE.matcher(stderr);
      if (exitCode == 0 || !matcher.find()) {
        throw new AssertionError("expected an AWS error from " + String.join(" ", command) + " but got exit "
            + exitCode + "\nstdout: " + stdout + "\nstderr: " + stderr);
      }
      return matcher.group(1);
    }
  }
}
