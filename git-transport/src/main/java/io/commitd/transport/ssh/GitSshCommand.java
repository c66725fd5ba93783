package io.commitd.transport.ssh;

import io.commitd.iam.auth.Requester;
import io.commitd.transport.GitAccess;
import io.commitd.transport.GitAccess.OpenRepository;
import io.commitd.transport.GitAccessDeniedException;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import org.apache.sshd.server.Environment;
import org.apache.sshd.server.ExitCallback;
import org.apache.sshd.server.channel.ChannelSession;
import org.apache.sshd.server.command.Command;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code git-upload-pack '/v1/repos/NAME'} or {@code git-receive-pack …} over an SSH channel,
 * served by JGit through {@link GitAccess}: the same resolution, authorization and ref-update
 * pipeline as smart HTTP.
 */
final class GitSshCommand implements Command {
  private static final Logger LOG = LoggerFactory.getLogger(GitSshCommand.class);
  private static final int STREAM_BUFFER = 64 * 1024;

  /** What the client asked to run. */
  record Request(boolean upload, String repositoryName) {
    /** Parses the command line git sends; empty for anything that is not a git pack command on a repository. */
    static Optional<Request> parse(String commandLine) {
      String[] parts = commandLine.trim().split("\\s+", 2);
      if (parts.length != 2) {
        return Optional.empty();
      }
      boolean upload;
      switch (parts[0]) {
        case "git-upload-pack" -> upload = true;
        case "git-receive-pack" -> upload = false;
        default -> {
          return Optional.empty();
        }
      }
      String path = parts[1].trim();
      if (path.length() >= 2 && (path.startsWith("'") && path.endsWith("'") || path.startsWith("\"") && path.endsWith("\""))) {
        path = path.substring(1, path.length() - 1);
      }
      if (path.startsWith("/")) {
        path = path.substring(1);
      }
      if (path.endsWith("/")) {
        path = path.substring(0, path.length() - 1);
      }
      if (!path.startsWith("v1/repos/")) {
        return Optional.empty();
      }
      String name = path.substring("v1/repos/".length());
      return name.isEmpty() || name.contains("/") ? Optional.empty() : Optional.of(new Request(upload, name));
    }
  }

  private final String commandLine;
  private final GitAccess access;
  private final ExecutorService executor;
  private InputStream in;
  private OutputStream out;
  private OutputStream err;
  private ExitCallback exit;

  GitSshCommand(String commandLine, GitAccess access, ExecutorService executor) {
    this.commandLine = commandLine;
    this.access = access;
    this.executor = executor;
  }

  @Override
  public void setInputStream(InputStream in) {
    this.in = in;
  }

  @Override
  public void setOutputStream(OutputStream out) {
    this.out = out;
  }

  @Override
  public void setErrorStream(OutputStream err) {
    this.err = err;
  }

  @Override
  public void setExitCallback(ExitCallback callback) {
    this.exit = callback;
  }

  @Override
  public void start(ChannelSession channel, Environment environment) {
    Requester requester = channel.getSession().getAttribute(SshGitServer.REQUESTER);
    String protocol = environment.getEnv().get("GIT_PROTOCOL");
    OutputStream limited = InFlightLimit.over(out, channel);
    executor.execute(() -> run(requester, protocol, limited));
  }

  private void run(Requester requester, String protocol, OutputStream limited) {
    Optional<Request> request = Request.parse(commandLine);
    if (request.isEmpty()) {
      fail("commitd serves only git-upload-pack and git-receive-pack on /v1/repos/NAME; no shell or other command");
      return;
    }
    try {
      Optional<OpenRepository> opened = access.open(requester, request.get().repositoryName());
      if (opened.isEmpty()) {
        fail("repository '" + request.get().repositoryName() + "' not found");
        return;
      }
      // The channel's streams take a lock and may send a packet per call; pkt-lines are small.
      InputStream bufferedIn = new BufferedInputStream(in, STREAM_BUFFER);
      OutputStream bufferedOut = new BufferedOutputStream(limited, STREAM_BUFFER);
      try (OpenRepository repository = opened.get()) {
        if (request.get().upload()) {
          access.authorizePull(requester, repository.record(), "SSH");
          List<String> extra = protocol == null ? List.of() : Arrays.asList(protocol.split(":"));
          access.uploadPack(repository, requester, extra, "SSH").upload(bufferedIn, bufferedOut, err);
        } else {
          access.receivePack(repository, requester, "SSH").receive(bufferedIn, bufferedOut, err);
        }
      }
      bufferedOut.flush();
      exit.onExit(0);
    } catch (GitAccessDeniedException e) {
      fail(e.getMessage());
    } catch (IOException | RuntimeException e) {
      LOG.warn("git over SSH failed: {}", commandLine, e);
      fail("the server could not complete " + commandLine);
    }
  }

  private void fail(String message) {
    try {
      err.write(("fatal: " + message + "\n").getBytes(StandardCharsets.UTF_8));
      err.flush();
    } catch (IOException e) {
      LOG.debug("could not tell the SSH client why it failed", e);
    }
    exit.onExit(128, message);
  }

  @Override
  public void destroy(ChannelSession channel) {
    // The pack protocol ends with its streams; nothing is held beyond them.
  }
}
