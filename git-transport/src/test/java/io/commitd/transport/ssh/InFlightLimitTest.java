package io.commitd.transport.ssh;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * How much a command may send ahead of its SSH client: what the client's window allows, except that a
 * near client gets at most {@link InFlightLimit#LIMIT} bytes in flight while it keeps giving window back.
 */
class InFlightLimitTest {
  static final Duration PATIENCE = Duration.ofSeconds(5);
  final AtomicLong inFlight = new AtomicLong();
  final ByteArrayOutputStream sent = new ByteArrayOutputStream();

  CompletableFuture<Void> writeInBackground(InFlightLimit limit, byte[] bytes) {
    return CompletableFuture.runAsync(() -> {
      try {
        limit.write(bytes);
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    });
  }

  @Test
  void aClientWhoseRoundTripIsUnknownOrLongGetsWhatItsWindowAllows() throws Exception {
    InFlightLimit unknown = new InFlightLimit(sent, inFlight::get, PATIENCE);
    InFlightLimit far = new InFlightLimit(sent, inFlight::get, PATIENCE);
    far.roundTrip(Duration.ofMillis(30));
    inFlight.set(2 * 1024 * 1024);

    unknown.write(new byte[100_000]);
    far.write(new byte[100_000]);

    assertThat(sent.size()).isEqualTo(200_000);
    assertThat(unknown.limiting()).isFalse();
    assertThat(far.limiting()).isFalse();
  }

  @Test
  void aNearClientsOutputWaitsWhileTheLimitIsInFlightAndGoesOnWhenWindowComesBack() throws Exception {
    InFlightLimit near = new InFlightLimit(sent, inFlight::get, PATIENCE);
    near.roundTrip(Duration.ofNanos(300_000));
    inFlight.set(InFlightLimit.LIMIT);

    CompletableFuture<Void> write = writeInBackground(near, new byte[1000]);
    Thread.sleep(100);
    assertThat(write).isNotDone();
    assertThat(sent.size()).isZero();

    inFlight.set(InFlightLimit.LIMIT - 64 * 1024);
    near.windowAdjusted();
    write.get(5, TimeUnit.SECONDS);
    assertThat(sent.size()).isEqualTo(1000);
    assertThat(near.limiting()).isTrue();
  }

  @Test
  void aNearClientThatGivesNoWindowBackWithinThePatienceIsNoLongerLimited() throws Exception {
    InFlightLimit near = new InFlightLimit(sent, inFlight::get, Duration.ofMillis(50));
    near.roundTrip(Duration.ofNanos(300_000));
    inFlight.set(InFlightLimit.LIMIT);

    writeInBackground(near, new byte[1000]).get(5, TimeUnit.SECONDS);
    near.write(new byte[1000]);

    assertThat(sent.size()).isEqualTo(2000);
    assertThat(near.limiting()).isFalse();
  }
}
