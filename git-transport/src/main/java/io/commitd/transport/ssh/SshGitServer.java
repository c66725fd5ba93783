package io.commitd.transport.ssh;

import io.commitd.iam.auth.Caller;
import io.commitd.iam.auth.RequestFacts;
import io.commitd.iam.auth.Requester;
import io.commitd.iam.auth.SshKeyAuthenticator;
import io.commitd.transport.GitAccess;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.channels.NetworkChannel;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.apache.sshd.common.AttributeRepository.AttributeKey;
import org.apache.sshd.common.NamedFactory;
import org.apache.sshd.common.cipher.BuiltinCiphers;
import org.apache.sshd.common.cipher.Cipher;
import org.apache.sshd.common.io.nio2.Nio2Session;
import org.apache.sshd.common.util.buffer.ByteArrayBuffer;
import org.apache.sshd.server.ServerBuilder;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.core.CoreModuleProperties;
import org.apache.sshd.common.keyprovider.KeyPairProvider;

/**
 * Git over SSH on MINA SSHD: public-key authentication against IAM's SSH keys (the SSH user is
 * the key id {@code APKA…} or the IAM user name), the host key kept in the data directory, and
 * only git's pack commands — no shell, no other command, no password.
 */
public final class SshGitServer implements AutoCloseable {
  static final AttributeKey<Requester> REQUESTER = new AttributeKey<>();
  private static final Logger LOG = LoggerFactory.getLogger(SshGitServer.class);

  private final DrainableSshServer sshd;
  private final ExecutorService executor;
  private volatile Duration shutdownTimeout = Duration.ofSeconds(30);

  private SshGitServer(DrainableSshServer sshd, ExecutorService executor) {
    this.sshd = sshd;
    this.executor = executor;
  }

  public static SshGitServer start(String bindAddress, int port, Path hostKey, SshKeyAuthenticator keys, GitAccess access, Clock clock)
      throws IOException {
    return start(bindAddress, port, loadHostKey(hostKey), keys, access, clock);
  }

  /**
   * The host key in {@code file}, generated there first if it does not exist ({@link HostKeyFile}).
   * Reading an RSA key of an older installation costs a few hundred milliseconds (the modulus is
   * checked as the key is parsed), so a server may do it while it starts everything else.
   */
  public static KeyPairProvider loadHostKey(Path file) {
    HostKeyFile hostKeys = new HostKeyFile(file);
    // Generate (or read) the host key now, not at the first connection: its fingerprint exists
    // for operators to publish from the moment the server is up.
    hostKeys.loadKeys(null);
    return hostKeys;
  }

  /** Starts the SSH port with a host key {@linkplain #loadHostKey loaded} already. */
  public static SshGitServer start(String bindAddress, int port, KeyPairProvider hostKeys, SshKeyAuthenticator keys,
      GitAccess access, Clock clock) throws IOException {
    ExecutorService executor = Executors.newCachedThreadPool(r -> {
      Thread thread = new Thread(r, "commitd-ssh-git");
      thread.setDaemon(true);
      return thread;
    });
    DrainableSshServer sshd = (DrainableSshServer) ServerBuilder.builder().factory(DrainableSshServer::new).build();
    sshd.setHost(bindAddress);
    sshd.setPort(port);
    // SSH packets are small and come in runs (exec confirm, then data, EOF, exit status, close): with
    // Nagle's algorithm each run waited for the client's delayed ACK, 40 ms at the end of every git
    // command, where OpenSSH's sshd answers at once.
    CoreModuleProperties.TCP_NODELAY.set(sshd, true);
    modernAlgorithmsOnly(sshd);
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
    sshd.setShellFactory(channel -> new Greeting());
    sshd.setCommandFactory((channel, command) -> new GitSshCommand(command, access, executor));
    try {
      sshd.start();
    } catch (IOException e) {
      executor.shutdownNow();
      throw e;
    }
    return new SshGitServer(sshd, executor);
  }

  /**
   * Drops what OpenSSH itself retired: SHA-1 signatures ({@code ssh-rsa}, {@code ssh-dss}), SHA-1
   * key exchange and MACs, CBC, 3DES, RC4 and Blowfish ciphers. What is left (curve25519 and ECDH
   * or DH group exchange with SHA-2, AES-CTR/GCM and ChaCha20-Poly1305, HMAC-SHA2 and
   * {@code rsa-sha2-*}/ECDSA/Ed25519 signatures) is what every current git client offers.
   */
  static void modernAlgorithmsOnly(SshServer sshd) {
    sshd.setKeyExchangeFactories(sshd.getKeyExchangeFactories().stream()
        .filter(f -> !f.getName().contains("sha1")).toList());
    sshd.setCipherFactories(sshd.getCipherFactories().stream()
        .filter(f -> modern(f.getName()) && !f.getName().contains("cbc") && !f.getName().equals("none")).toList());
    sshd.setMacFactories(sshd.getMacFactories().stream().filter(f -> modern(f.getName()) && !f.getName().contains("sha1")).toList());
    sshd.setSignatureFactories(sshd.getSignatureFactories().stream()
        .filter(f -> !f.getName().startsWith("ssh-rsa") && !f.getName().startsWith("ssh-dss")).toList());
  }

  private static boolean modern(String name) {
    return !(name.contains("3des") || name.contains("arcfour") || name.contains("blowfish") || name.contains("md5"));
  }

  private static String address(SocketAddress address) {
    return address instanceof InetSocketAddress inet ? inet.getAddress().getHostAddress() : null;
  }

  public int port() {
    return sshd.getPort();
  }

  /** Open SSH sessions, for the meters. */
  public int activeSessions() {
    return sshd.getActiveSessions().size();
  }

  /** The sockets of the open SSH connections, for tests of their options. */
  List<NetworkChannel> connectionSockets() {
    return sshd.getActiveSessions().stream()
        .map(session -> session.getIoSession())
        .filter(Nio2Session.class::isInstance)
        .map(io -> (NetworkChannel) ((Nio2Session) io).getSocket())
        .toList();
  }

  /** How long {@link #close} waits for git commands in flight before it ends them. */
  public void setShutdownTimeout(Duration timeout) {
    this.shutdownTimeout = timeout;
  }

  /**
   * Stops accepting connections, lets the git commands in flight finish (up to the shutdown
   * timeout), then closes every session.
   */
  @Override
  public void close() {
    try {
      sshd.stopAccepting();
      executor.shutdown();
      if (!executor.awaitTermination(shutdownTimeout.toMillis(), TimeUnit.MILLISECONDS)) {
        LOG.warn("git over SSH still running after {}; ending it", shutdownTimeout);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    try {
      sshd.stop(true);
    } catch (IOException e) {
      throw new IllegalStateException("SSH server did not stop cleanly", e);
    } finally {
      executor.shutdownNow();
    }
  }

  /** MINA's server, able to stop accepting connections while its sessions go on. */
  static final class DrainableSshServer extends SshServer {
    void stopAccepting() {
      if (acceptor != null) {
        acceptor.unbind();
      }
    }
  }
}
