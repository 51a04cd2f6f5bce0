package dev.weave4j.internal.remote;

import dev.weave4j.internal.Diagnostics;
import dev.weave4j.internal.Diagnostics.Problem;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Internal, unstable. Runs one delivery at a time on its own daemon thread, so that the exporter
 * thread can encode the next batch while a request is in flight. A new delivery starts only once
 * the previous one has ended: deliveries run (and fail over to the spool) in the order they were
 * started, and whatever state they touch is handed from one thread to the other through {@link
 * #await}, never shared while one runs.
 */
final class InFlight implements AutoCloseable {

  private final ExecutorService thread =
      Executors.newSingleThreadExecutor(
          r -> {
            Thread t = new Thread(r, "weave4j-sender");
            t.setDaemon(true);
            return t;
          });
  private Future<?> current = CompletableFuture.completedFuture(null);

  /**
   * Waits for the delivery in flight, then starts {@code delivery} in the background.
   *
   * @param records how many records {@code delivery} stands for, to count if it throws
   */
  synchronized void start(Runnable delivery, int records) {
    await();
    if (thread.isShutdown()) {
      delivery.run(); // after close: nothing runs in the background any more
      return;
    }
    current =
        thread.submit(
            () -> {
              try {
                delivery.run();
              } catch (RuntimeException | Error e) {
                Diagnostics.report(Problem.EXPORT_FAILED, records, "sender thread error", e);
              }
            });
  }

  /**
   * Waits until the delivery in flight (if any) has ended. Not interruptible: what it touches must
   * not be used by the caller before it ends; an interrupt is kept for the caller.
   */
  synchronized void await() {
    boolean interrupted = false;
    while (true) {
      try {
        current.get();
        break;
      } catch (InterruptedException e) {
        interrupted = true;
      } catch (ExecutionException e) {
        break; // reported by the task itself
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  /** Waits for the delivery in flight, then ends the thread. */
  @Override
  public synchronized void close() {
    await();
    thread.shutdown();
  }
}
