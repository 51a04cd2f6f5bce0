package dev.weave4j.internal.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A {@code serve} whose listener holds its port but stops answering (its dispatcher thread died or
 * hangs) notices, tries to listen again on the same port, and ends with a reason when it cannot.
 */
class ListenerWatchdogTest {

  private static final ListenerWatchdog.Timings QUICK = new ListenerWatchdog.Timings(100, 500, 2);

  @TempDir Path dir;

  /** An executor whose {@code execute} never returns: the dispatcher thread that calls it hangs. */
  private static final class Stuck extends AbstractExecutorService {
    final CountDownLatch release = new CountDownLatch(1);

    @Override
    public void execute(Runnable task) {
      try {
        release.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }

    @Override
    public void shutdown() {
      release.countDown();
    }

    @Override
    public List<Runnable> shutdownNow() {
      release.countDown();
      return List.of();
    }

    @Override
    public boolean isShutdown() {
      return release.getCount() == 0;
    }

    @Override
    public boolean isTerminated() {
      return isShutdown();
    }

    @Override
    public boolean awaitTermination(long timeout, TimeUnit unit) {
      return true;
    }
  }

  @Test
  void aListenerThatHoldsItsPortButNeverAnswersEndsServeWithAReasonRatherThanHangOn()
      throws Exception {
    Stuck stuck = new Stuck();
    AtomicInteger made = new AtomicInteger();
    List<String> fatal = new CopyOnWriteArrayList<>();
    ServeOptions options = new ServeOptions("127.0.0.1", 0, null, dir, FaultOptions.NONE);
    try (TraceServer server =
        new TraceServer(
            options,
            "test",
            () -> made.getAndIncrement() == 0 ? stuck : HandlerThreads.create(),
            QUICK)) {
      server.whenUnrecoverable(fatal::add);
      server.start();
      // The JDK server's hung dispatcher never lets its port go (the channel closes only when
      // that thread selects again), so the listener cannot be opened again in this process.
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
      while (fatal.isEmpty() && System.nanoTime() < deadline) {
        Thread.sleep(100);
      }
      assertThat(fatal)
          .singleElement()
          .asString()
          .contains("did not answer GET /health", "cannot be restarted", "exiting");
      assertThat(made.get()).as("request threads made again for the restart").isEqualTo(2);
    } finally {
      stuck.shutdownNow();
    }
  }

  @Test
  void aDeadDispatcherThreadMeansARestartAtOnce() throws Exception {
    Thread dead = new Thread(() -> {});
    dead.start();
    dead.join();
    List<String> reasons = new CopyOnWriteArrayList<>();
    try (ListenerWatchdog w =
        new ListenerWatchdog(
            new ListenerWatchdog.Timings(3_600_000, 500, 3),
            () -> new InetSocketAddress("127.0.0.1", 1),
            () -> dead,
            reasons::add)) {
      w.check();
      assertThat(reasons).containsExactly("the HTTP server's dispatcher thread died");
    }
  }

  @Test
  void aPortThatDoesNotAnswerIsRestartedOnlyAfterTheGivenFailuresInARow() throws Exception {
    List<String> reasons = new CopyOnWriteArrayList<>();
    try (java.net.ServerSocket silent = new java.net.ServerSocket(0);
        ListenerWatchdog w =
            new ListenerWatchdog(
                new ListenerWatchdog.Timings(3_600_000, 200, 3),
                () -> new InetSocketAddress("127.0.0.1", silent.getLocalPort()),
                () -> null,
                reasons::add)) {
      w.check();
      w.check();
      assertThat(reasons).isEmpty();
      w.check();
      assertThat(reasons).hasSize(1).allSatisfy(r -> assertThat(r).contains("did not answer"));
    }
  }

  @Test
  void aServerThatAnswersIsLeftAlone() throws Exception {
    List<String> reasons = new CopyOnWriteArrayList<>();
    ServeOptions options = new ServeOptions("127.0.0.1", 0, null, dir, FaultOptions.NONE);
    ExecutorService[] made = new ExecutorService[1];
    try (TraceServer server =
            new TraceServer(
                options,
                "test",
                () -> made[0] = HandlerThreads.create(),
                new ListenerWatchdog.Timings(3_600_000, 30_000, 1));
        ListenerWatchdog w =
            new ListenerWatchdog(
                new ListenerWatchdog.Timings(3_600_000, 30_000, 1),
                () -> {
                  URI u = URI.create(server.url());
                  return new InetSocketAddress(u.getHost(), u.getPort());
                },
                () -> null,
                reasons::add)) {
      server.start();
      w.check();
      w.check();
      assertThat(reasons).isEmpty();
    }
  }
}
