package io.commitd.transport.ssh;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import org.apache.sshd.server.Environment;
import org.apache.sshd.server.ExitCallback;
import org.apache.sshd.server.channel.ChannelSession;
import org.apache.sshd.server.command.Command;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What {@code ssh KEYID@host} without a command gets, as CodeCommit answers it (with commitd
 * named where CodeCommit names itself): the greeting, then the session ends with exit status 0.
 */
final class Greeting implements Command {
  static final String TEXT = "You have successfully authenticated over SSH. You can use Git to interact with commitd. "
      + "Interactive shells are not supported.";
  private static final Logger LOG = LoggerFactory.getLogger(Greeting.class);

  private OutputStream out;
  private ExitCallback exit;

  @Override
  public void setInputStream(InputStream in) {
    // a shell's input is never read: there is no shell
  }

  @Override
  public void setOutputStream(OutputStream out) {
    this.out = out;
  }

  @Override
  public void setErrorStream(OutputStream err) {
    // the greeting goes to standard output, as CodeCommit's does
  }

  @Override
  public void setExitCallback(ExitCallback callback) {
    this.exit = callback;
  }

  @Override
  public void start(ChannelSession channel, Environment environment) {
    try {
      out.write(TEXT.getBytes(StandardCharsets.UTF_8));
      out.flush();
    } catch (IOException e) {
      LOG.debug("could not greet an SSH client", e);
    }
    exit.onExit(0);
  }

  @Override
  public void destroy(ChannelSession channel) {
    // nothing is held
  }
}
