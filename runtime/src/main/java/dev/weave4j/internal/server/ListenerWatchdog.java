package dev.weave4j.internal.server;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Notices when the JDK HTTP server stops answering while it still holds its port, and asks for a
 * restart. The JDK server accepts and reads every connection on one dispatcher thread: if an {@code
 * Error} (an {@code OutOfMemoryError} under a flood of requests) kills that thread, or it hangs,
 * the port still accepts connections that are never answered, the worst way for a server left
 * running to fail. Two signs, checked every period: the dispatcher thread is dead, or {@code GET
 * /health} sent to the port gets no status line within the timeout that many times in a row.
 */
final class ListenerWatchdog implements AutoCloseable {

  /**
   * How often to look, how long a health probe may take, and how many failed probes in a row mean
   * the server stopped answering (a loaded machine must not restart a healthy server).
   */
  record Timings(long periodMillis, long probeTimeoutMillis, int failedProbes) {
    static final Timings DEFAULT = new Timings(5_000, 10_000, 3);
  }

  private static final byte[] PROBE =
      "GET /health HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"
          .getBytes(StandardCharsets.US_ASCII);

  private final Timings timings;
  private final Supplier<InetSocketAddress> address;
  private final Supplier<Thread> dispatcher;
  private final Consumer<String> restart;
  private final ScheduledExecutorService timer;
  private int failures;

  /**
   * @param address the address the server is bound to now (null while it is not)
   * @param dispatcher the server's dispatcher thread, once known (null before)
   * @param restart called with the reason when the server must be restarted
   */
  ListenerWatchdog(
      Timings timings,
      Supplier<InetSocketAddress> address,
      Supplier<Thread> dispatcher,
      Consumer<String> restart) {
    this.timings = timings;
    this.address = address;
    this.dispatcher = dispatcher;
    this.restart = restart;
    this.timer =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "weave4j-serve-watchdog");
              t.setDaemon(true);
              return t;
            });
    timer.scheduleWithFixedDelay(
        this::check, timings.periodMillis(), timings.periodMillis(), TimeUnit.MILLISECONDS);
  }

  /** One look; restarts at most once per look. */
  void check() {
    try {
      InetSocketAddress a = address.get();
      if (a == null) {
        return;
      }
      Thread d = dispatcher.get();
      if (d != null && !d.isAlive()) {
        failures = 0;
        restart.accept("the HTTP server's dispatcher thread died");
        return;
      }
      if (answers(a)) {
        failures = 0;
      } else if (++failures >= timings.failedProbes()) {
        failures = 0;
        restart.accept(
            "the HTTP server accepts connections but did not answer GET /health "
                + timings.failedProbes()
                + " times in a row");
      }
    } catch (RuntimeException | Error e) {
      // The watchdog itself must keep running (an Error here is likely the same as the server's).
    }
  }

  private boolean answers(InetSocketAddress bound) {
    InetAddress host = bound.getAddress();
    InetSocketAddress target =
        host == null || host.isAnyLocalAddress()
            ? new InetSocketAddress(InetAddress.getLoopbackAddress(), bound.getPort())
            : bound;
    int timeout = (int) Math.min(Integer.MAX_VALUE, timings.probeTimeoutMillis());
    try (Socket s = new Socket()) {
      s.connect(target, timeout);
      s.setSoTimeout(timeout);
      OutputStream out = s.getOutputStream();
      out.write(PROBE);
      out.flush();
      InputStream in = s.getInputStream();
      byte[] status = in.readNBytes(9);
      // Any status will do (a 400 for the Host name too): what matters is that it answers.
      return new String(status, StandardCharsets.US_ASCII).startsWith("HTTP/1.");
    } catch (IOException e) {
      return false;
    }
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
