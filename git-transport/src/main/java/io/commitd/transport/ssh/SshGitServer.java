package io.commitd.transport.ssh;

import io.commitd.iam.auth.Caller;
import io.commitd.iam.auth.RequestFacts;
import io.commitd.iam.auth.Requester;
import io.commitd.iam.auth.SshKeyAuthenticator;
import io.commitd.transport.GitAccess;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.sshd.common.AttributeRepository.AttributeKey;
import org.apache.sshd.common.NamedFactory;
import org.apache.sshd.common.cipher.BuiltinCiphers;
import org.apache.sshd.common.cipher.Cipher;
import org.apache.sshd.common.util.buffer.ByteArrayBuffer;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.keyprovider.SimpleGeneratorHostKeyProvider;

/**
 * Git over SSH on MINA SSHD: public-key authentication against IAM's SSH keys (the SSH user is
 * the key id {@code APKA…} or the IAM user name), the host key kept in the data directory, and
 * only git's pack commands — no shell, no other command, no password.
 */
public final class SshGitServer implements AutoCloseable {
  static final AttributeKey<Requester> REQUESTER = new AttributeKey<>();

  private final SshServer sshd;
  private final ExecutorService executor;

  private SshGitServer(SshServer sshd, ExecutorService executor) {
    this.sshd = sshd;
    this.executor = executor;
  }

  public static SshGitServer start(String bindAddress, int port, Path hostKey, SshKeyAuthenticator keys, GitAccess access, Clock clock)
      throws IOException {
    ExecutorService executor = Executors.newCachedThreadPool(r -> {
      Thread thread = new Thread(r, "commitd-ssh-git");
      thread.setDaemon(true);
      return thread;
    });
    SshServer sshd = SshServer.setUpDefaultServer();
    sshd.setHost(bindAddress);
    sshd.setPort(port);
    SimpleGeneratorHostKeyProvider hostKeys = new SimpleGeneratorHostKeyProvider(hostKey);
    hostKeys.setAlgorithm("RSA");
    hostKeys.setKeySize(3072);
    sshd.setKeyPairProvider(hostKeys);
    // AES runs on the CPU's AES instructions in the JDK; MINA's ChaCha20-Poly1305, which OpenSSH
    // clients prefer, is plain Java and took most of the time of large fetches. CBC is not offered.
    sshd.setCipherFactories(List.<NamedFactory<Cipher>>of(BuiltinCiphers.aes128gcm, BuiltinCiphers.aes256gcm,
        BuiltinCiphers.aes128ctr, BuiltinCiphers.aes192ctr, BuiltinCiphers.aes256ctr));
    sshd.setPasswordAuthenticator(null);
    sshd.setKeyboardInteractiveAuthenticator(null);
    sshd.setGSSAuthenticator(null);
    sshd.setPublickeyAuthenticator((userName, key, session) -> {
      ByteArrayBuffer buffer = new ByteArrayBuffer();
      buffer.putRawPublicKey(key);
      Optional<Caller> caller = keys.authenticate(userName, buffer.getCompactData());
      caller.ifPresent(c -> session.setAttribute(REQUESTER,
          new Requester(c, new RequestFacts(address(session.getClientAddress()), true, session.getClientVersion(), clock.instant()))));
      return caller.isPresent();
    });
    sshd.setShellFactory(null);
    sshd.setCommandFactory((channel, command) -> new GitSshCommand(command, access, executor));
    try {
      sshd.start();
    } catch (IOException e) {
      executor.shutdownNow();
      throw e;
    }
    return new SshGitServer(sshd, executor);
  }

  private static String address(SocketAddress address) {
    return address instanceof InetSocketAddress inet ? inet.getAddress().getHostAddress() : null;
  }

  public int port() {
    return sshd.getPort();
  }

  @Override
  public void close() {
    try {
      sshd.stop(true);
    } catch (IOException e) {
      throw new IllegalStateException("SSH server did not stop cleanly", e);
    } finally {
      executor.shutdownNow();
    }
  }
}
