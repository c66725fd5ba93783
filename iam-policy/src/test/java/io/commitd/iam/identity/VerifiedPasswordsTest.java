package io.commitd.iam.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Remembered verifications never let a wrong password through; simultaneous ones share a stretch. */
class VerifiedPasswordsTest {

  @Test
  void aRememberedHashStillRefusesOtherPasswords() {
    VerifiedPasswords verified = new VerifiedPasswords();
    String hash = PasswordHasher.hash("right");
    assertThat(verified.matches("right", hash)).isTrue();
    assertThat(verified.matches("right", hash)).isTrue();
    assertThat(verified.matches("wrong", hash)).isFalse();
    assertThat(verified.matches("right", PasswordHasher.hash("other"))).isFalse();
  }

  @Test
  void requestsWithTheSamePasswordAtTheSameTimeShareOneStretch() throws Exception {
    String hash = PasswordHasher.hash("right");
    HeldStretch stretch = new HeldStretch();
    VerifiedPasswords verified = new VerifiedPasswords(stretch);

    List<Thread> callers = new ArrayList<>();
    List<CompletableFuture<Boolean>> answers = new ArrayList<>();
    CompletableFuture<Boolean> first = call(verified, "right", hash, callers);
    assertThat(stretch.entered.await(10, TimeUnit.SECONDS)).isTrue();
    for (int i = 0; i < 7; i++) {
      answers.add(call(verified, "right", hash, callers));
    }
    CompletableFuture<Boolean> wrong = call(verified, "wrong", hash, callers);
    awaitAllWaiting(callers);

    stretch.release.countDown();
    assertThat(first.get(10, TimeUnit.SECONDS)).isTrue();
    for (CompletableFuture<Boolean> answer : answers) {
      assertThat(answer.get(10, TimeUnit.SECONDS)).isTrue();
    }
    assertThat(wrong.get(10, TimeUnit.SECONDS)).isFalse();
    assertThat(stretch.calls.get()).as("one stretch for the right password, one for the wrong one").isEqualTo(2);
  }

  private static CompletableFuture<Boolean> call(VerifiedPasswords verified, String password, String hash,
      List<Thread> callers) {
    CompletableFuture<Boolean> answer = new CompletableFuture<>();
    Thread caller = new Thread(() -> answer.complete(verified.matches(password, hash)));
    callers.add(caller);
    caller.start();
    return answer;
  }

  /** Every caller is blocked: in the held stretch or waiting for another caller's. */
  private static void awaitAllWaiting(List<Thread> callers) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!callers.stream().allMatch(t -> t.getState() == Thread.State.WAITING) && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }
    assertThat(callers).allMatch(t -> t.getState() == Thread.State.WAITING);
  }

  /** The real check, held until released, counting how often it ran. */
  private static final class HeldStretch implements java.util.function.BiPredicate<String, String> {
    final CountDownLatch entered = new CountDownLatch(1);
    final CountDownLatch release = new CountDownLatch(1);
    final AtomicInteger calls = new AtomicInteger();

    @Override
    public boolean test(String password, String storedHash) {
      calls.incrementAndGet();
      entered.countDown();
      try {
        release.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return PasswordHasher.matches(password, storedHash);
    }
  }
}
