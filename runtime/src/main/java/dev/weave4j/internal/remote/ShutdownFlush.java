package dev.weave4j.internal.remote;

import dev.weave4j.internal.export.CallProcessor;
import java.io.PrintStream;
import java.util.concurrent.TimeUnit;

/**
 * Internal, unstable. The remote shutdown: flushes with a bounded wait, showing progress on stderr
 * when it takes more than a second, and says where what could not be sent is kept.
 */
public final class ShutdownFlush {

  static final long PROGRESS_AFTER_MILLIS = 1_000;

  private ShutdownFlush() {}

  /**
   * Flushes {@code processor} into {@code exporter} within {@code timeoutMillis}: retries stop
   * early enough that what is left can still be spooled.
   */
  public static void run(
      CallProcessor processor, RemoteExporter exporter, long timeoutMillis, PrintStream err) {
    long start = System.nanoTime();
    long retryBudget = Math.max(0, timeoutMillis - Math.min(2_000, timeoutMillis / 4));
    long stopRetrying = start + TimeUnit.MILLISECONDS.toNanos(retryBudget);
    exporter.stopRetryingAt(stopRetrying);
    Thread progress =
        new Thread(
            () -> {
              try {
                Thread.sleep(PROGRESS_AFTER_MILLIS);
                long last = -1;
                while (!Thread.currentThread().isInterrupted()) {
                  long pending = processor.pending();
                  if (pending > 0 && pending != last) {
                    err.println("weave4j: flushing " + ((pending + 1) / 2) + " calls…");
                    last = pending;
                  } else if (pending == 0 && last != 0) {
                    err.println("weave4j: flushing spooled calls to the trace server…");
                    last = 0;
                  }
                  Thread.sleep(1_000);
                }
              } catch (InterruptedException e) {
                // done
              }
            },
            "weave4j-flush-progress");
    progress.setDaemon(true);
    progress.start();
    try {
      if (!processor.flush(retryBudget)) {
        // a request still in flight at the deadline (a server that never answers): abort it, so
        // that its records are spooled now rather than after the client's response timeout
        exporter.abortRequests();
      }
      exporter.drainSpool(stopRetrying);
      long left = timeoutMillis - TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
      processor.shutdown(Math.max(1_000, left));
    } finally {
      progress.interrupt();
    }
    String rejection = exporter.firstRejection();
    if (rejection != null) {
      err.println("weave4j: " + rejection);
    }
    long spooled = exporter.spooledBytes();
    if (spooled > 0) {
      err.println(
          "weave4j: some calls could not be sent to the trace server; they are kept in "
              + exporter.spoolDir().toAbsolutePath()
              + " ("
              + spooled
              + " bytes) and are sent by the next run, or now with: java -jar weave-agent.jar"
              + " sync --dir "
              + exporter.spoolDir().toAbsolutePath());
    }
  }
}
