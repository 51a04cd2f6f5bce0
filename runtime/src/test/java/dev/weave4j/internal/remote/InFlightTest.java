package dev.weave4j.internal.remote;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class InFlightTest {

  private final InFlight inFlight = new InFlight();

  @AfterEach
  void close() {
    inFlight.close();
  }

  @Test
  void deliveriesRunOneAtATimeInTheOrderTheyWereStarted() {
    List<Integer> order = new CopyOnWriteArrayList<>();
    AtomicInteger running = new AtomicInteger();
    AtomicInteger maxRunning = new AtomicInteger();
    for (int i = 0; i < 50; i++) {
      int n = i;
      inFlight.start(
          () -> {
            maxRunning.accumulateAndGet(running.incrementAndGet(), Math::max);
            order.add(n);
            running.decrementAndGet();
          },
          1);
    }
    inFlight.await();

    assertThat(order).hasSize(50).isSorted();
    assertThat(maxRunning).hasValue(1);
  }

  @Test
  void startReturnsWhileTheDeliveryRunsAndAwaitWaitsForIt() throws InterruptedException {
    CountDownLatch release = new CountDownLatch(1);
    AtomicBoolean done = new AtomicBoolean();
    inFlight.start(
        () -> {
          await(release);
          done.set(true);
        },
        1);
    assertThat(done).isFalse(); // the caller is free to prepare the next batch

    Thread releaser = new Thread(release::countDown);
    releaser.start();
    inFlight.await();

    assertThat(done).isTrue();
    releaser.join();
  }

  @Test
  void theNextDeliveryStartsOnlyOnceThePreviousHasEnded() throws InterruptedException {
    CountDownLatch release = new CountDownLatch(1);
    AtomicBoolean firstDone = new AtomicBoolean();
    AtomicBoolean secondSawFirstDone = new AtomicBoolean();
    inFlight.start(
        () -> {
          await(release);
          firstDone.set(true);
        },
        1);
    Thread second =
        new Thread(() -> inFlight.start(() -> secondSawFirstDone.set(firstDone.get()), 1));
    second.start();
    second.join(200);
    assertThat(second.isAlive()).as("start waits for the delivery in flight").isTrue();

    release.countDown();
    second.join(5_000);
    inFlight.await();

    assertThat(secondSawFirstDone).isTrue();
  }

  @Test
  void aDeliveryThatThrowsDoesNotStopTheNextOne() {
    AtomicBoolean ran = new AtomicBoolean();
    inFlight.start(
        () -> {
          throw new IllegalStateException("failed on purpose");
        },
        3);
    inFlight.start(() -> ran.set(true), 1);
    inFlight.await();

    assertThat(ran).isTrue();
  }

  @Test
  void afterCloseDeliveriesRunOnTheCallersThread() {
    inFlight.close();
    AtomicBoolean ran = new AtomicBoolean();

    inFlight.start(() -> ran.set(true), 1);

    assertThat(ran).isTrue();
  }

  private static void await(CountDownLatch latch) {
    try {
      assertThat(latch.await(10, TimeUnit.SECONDS)).isTrue();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
