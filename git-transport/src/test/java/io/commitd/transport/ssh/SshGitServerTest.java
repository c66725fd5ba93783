package io.commitd.transport.ssh;

import static org.assertj.core.api.Assertions.assertThat;

import io.commitd.transport.TransportFixture;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.StandardSocketOptions;
import java.nio.channels.NetworkChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The SSH port as a socket: what every accepted connection is set up with. */
class SshGitServerTest {
  @TempDir Path scratch;

  @Test
  void everyConnectionSendsItsPacketsWithoutWaitingForAcks() throws Exception {
    try (TransportFixture fixture = new TransportFixture(scratch);
        SshGitServer server = SshGitServer.start("127.0.0.1", 0, scratch.resolve("host_key"),
            (user, key) -> Optional.empty(), fixture.access, Clock.systemUTC());
        Socket client = new Socket()) {
      client.connect(new InetSocketAddress("127.0.0.1", server.port()));
      InputStream in = client.getInputStream();
      byte[] banner = new byte[8];
      assertThat(in.readNBytes(banner, 0, banner.length)).isEqualTo(banner.length);
      assertThat(new String(banner, StandardCharsets.US_ASCII)).isEqualTo("SSH-2.0-");

      // Nagle's algorithm held each run of small SSH packets (exec confirm, data, EOF, exit status,
      // close) until the client's delayed ACK: 40 ms at the end of every git command.
      List<NetworkChannel> sockets = connectionsOf(server);
      assertThat(sockets).hasSize(1);
      assertThat(sockets.get(0).getOption(StandardSocketOptions.TCP_NODELAY)).isTrue();
    }
  }

  /** The server's connections, once the accepted one is registered (MINA may send its banner first). */
  private static List<NetworkChannel> connectionsOf(SshGitServer server) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    List<NetworkChannel> sockets = server.connectionSockets();
    while (sockets.isEmpty() && System.nanoTime() < deadline) {
      Thread.sleep(10);
      sockets = server.connectionSockets();
    }
    return sockets;
  }
}
