package io.commitd.transport.ssh;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.time.Duration;
import java.util.function.LongSupplier;
import org.apache.sshd.common.SshConstants;
import org.apache.sshd.common.channel.Channel;
import org.apache.sshd.common.channel.ChannelListener;
import org.apache.sshd.common.channel.RemoteWindow;
import org.apache.sshd.common.session.Session;
import org.apache.sshd.common.util.buffer.Buffer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Holds a channel's output back while more than {@link #LIMIT} bytes are in flight (sent, and not yet
 * given back by the client's window adjustments), for a client on a near network.
 *
 * <p>A client's window (OpenSSH's is 2 MB) lets a server send far ahead of what the client has handed
 * to git. On a near network those bytes wait in the client's buffer rather than on the wire, and
 * OpenSSH's client then spends more CPU moving its buffer around than decrypting: a deep clone's 17 MB
 * pack cost its {@code ssh} 1.1 s of CPU sent as fast as the window allowed, and the clone took 2.5-3.2 s;
 * with at most 256 KB in flight, 1.4-2.2 s (docs/performance.md, "Twenty-sixth machine"). On a far
 * network the window is what keeps the wire full, so the limit holds only once a round trip to the
 * client (a {@code keepalive@openssh.com} request, which every client answers) took at most {@link #NEAR},
 * at which 256 KB in flight still carry 85 MB/s; and it is lifted for good when a client gives no window
 * back for {@link #PATIENCE} while the server waits, as a client that returns window only after
 * consuming half of it would.
 */
final class InFlightLimit extends FilterOutputStream {
  static final long LIMIT = 256 * 1024;
  static final Duration NEAR = Duration.ofMillis(3);
  /** The first round trips of a session may wait for a busy server's threads. */
  static final int ROUND_TRIPS = 4;
  static final Duration PATIENCE = Duration.ofMillis(200);
  private static final Logger LOG = LoggerFactory.getLogger(InFlightLimit.class);
  private static final String ROUND_TRIP_PROBE = "keepalive@openssh.com";
  private static final int CHUNK = 32 * 1024;

  private final LongSupplier inFlight;
  private final long patienceNanos;
  private final Object windowAdjusted = new Object();
  private boolean near;
  private boolean lifted;
  private boolean closed;

  InFlightLimit(OutputStream out, LongSupplier inFlight, Duration patience) {
    super(out);
    this.inFlight = inFlight;
    this.patienceNanos = patience.toNanos();
  }

  /** {@code channelOut}, limited by {@code channel}'s remote window once a round trip to its client proves short. */
  static OutputStream over(OutputStream channelOut, Channel channel) {
    RemoteWindow window = channel.getRemoteWindow();
    InFlightLimit limit = new InFlightLimit(channelOut, () -> window.getMaxSize() - window.getSize(), PATIENCE);
    channel.addChannelListener(new ChannelListener() {
      @Override
      public void channelStateChanged(Channel changed, String hint) {
        if ("SSH_MSG_CHANNEL_WINDOW_ADJUST".equals(hint)) {
          limit.windowAdjusted();
        }
      }

      @Override
      public void channelClosed(Channel closedChannel, Throwable reason) {
        limit.channelClosed();
      }
    });
    limit.timeRoundTrips(channel.getSession(), ROUND_TRIPS);
    return limit;
  }

  /** Times up to {@code left} round trips, one after another, until one is near. */
  private void timeRoundTrips(Session session, int left) {
    try {
      Buffer probe = session.createBuffer(SshConstants.SSH_MSG_GLOBAL_REQUEST, ROUND_TRIP_PROBE.length() + Integer.BYTES + 1);
      probe.putString(ROUND_TRIP_PROBE);
      probe.putBoolean(true);
      long sent = System.nanoTime();
      session.request(probe, ROUND_TRIP_PROBE, (reply, buffer) -> {
        if (!roundTrip(Duration.ofNanos(System.nanoTime() - sent)) && left > 1) {
          timeRoundTrips(session, left - 1);
        }
      });
    } catch (IOException e) {
      LOG.debug("no round trip to the SSH client: its output is not limited", e);
    }
  }

  /**
   * A round trip to the client took {@code time}: if that is near, the client's output is limited from
   * now on. Returns whether it is.
   */
  boolean roundTrip(Duration time) {
    synchronized (windowAdjusted) {
      near |= time.compareTo(NEAR) <= 0;
      return near;
    }
  }

  /** The client gave window back. */
  void windowAdjusted() {
    synchronized (windowAdjusted) {
      windowAdjusted.notifyAll();
    }
  }

  private void channelClosed() {
    synchronized (windowAdjusted) {
      closed = true;
      windowAdjusted.notifyAll();
    }
  }

  @Override
  public void write(byte[] bytes, int offset, int length) throws IOException {
    while (length > 0) {
      int chunk = Math.min(length, CHUNK);
      awaitRoomFor(chunk);
      out.write(bytes, offset, chunk);
      offset += chunk;
      length -= chunk;
    }
  }

  @Override
  public void write(int b) throws IOException {
    awaitRoomFor(1);
    out.write(b);
  }

  private void awaitRoomFor(int length) throws IOException {
    synchronized (windowAdjusted) {
      long since = System.nanoTime();
      while (near && !lifted && !closed && inFlight.getAsLong() + length > LIMIT) {
        long waited = System.nanoTime() - since;
        if (waited >= patienceNanos) {
          LOG.debug("the SSH client gave no window back in {} ms: its output is no longer limited", waited / 1_000_000);
          lifted = true;
          return;
        }
        try {
          windowAdjusted.wait(Math.max(1, (patienceNanos - waited) / 1_000_000));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new InterruptedIOException("interrupted while waiting for the SSH client's window");
        }
      }
    }
  }

  /** Whether this client's output is held to {@link #LIMIT}. */
  boolean limiting() {
    synchronized (windowAdjusted) {
      return near && !lifted && !closed;
    }
  }
}
