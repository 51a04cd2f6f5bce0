package dev.weave4j.internal.server;

import com.sun.net.httpserver.HttpExchange;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Reads request bodies within a size limit (413 beyond it, without holding the excess) and a time
 * limit: a body that has not fully arrived in time closes the connection, so slow clients cannot
 * hold a handler thread. (The JDK server's {@code sun.net.httpserver.maxReqTime} bounds the headers
 * only.)
 */
final class BodyReader implements AutoCloseable {

  /** Upstream's request limit (weave-protocol.md §1.5: 32 MiB server limit less 1 MiB). */
  static final long DEFAULT_MAX_BYTES = 31L << 20;

  /** Thrown when the body did not arrive in time; the connection is closed, nothing to answer. */
  static final class TooSlow extends IOException {
    private static final long serialVersionUID = 1L;

    TooSlow(long millis) {
      super("request body not received within " + millis + " ms");
    }
  }

  private static final int PREALLOCATED_MAX = 64 << 20;

  private final long maxBytes;
  private final long timeoutMillis;
  private final ScheduledExecutorService timer =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "weave4j-serve-read-timeout");
            t.setDaemon(true);
            return t;
          });

  BodyReader(long maxBytes, long timeoutMillis) {
    this.maxBytes = maxBytes;
    this.timeoutMillis = timeoutMillis;
  }

  /**
   * The whole body.
   *
   * @throws ApiError 413 when it is larger than the limit
   * @throws TooSlow when it did not arrive in time (the connection is closed)
   */
  byte[] read(HttpExchange ex) throws IOException {
    Deadline d = new Deadline(Thread.currentThread());
    ScheduledFuture<?> f = timer.schedule(d::expire, timeoutMillis, TimeUnit.MILLISECONDS);
    try {
      return readLimited(ex);
    } catch (InterruptedIOException | java.nio.channels.ClosedByInterruptException e) {
      throw new TooSlow(timeoutMillis);
    } finally {
      f.cancel(false);
      if (d.finish()) {
        Thread.interrupted(); // the interrupt that closed the channel is ours, not the thread's
        throw new TooSlow(timeoutMillis);
      }
    }
  }

  /**
   * Interrupts the reading thread (which closes the socket channel it is blocked on) unless the
   * read finished first; both sides decide under one lock, so no interrupt leaks past {@link
   * #finish}.
   */
  private static final class Deadline {
    private final Thread reader;
    private boolean done;
    private boolean expired;

    Deadline(Thread reader) {
      this.reader = reader;
    }

    synchronized void expire() {
      if (!done) {
        expired = true;
        reader.interrupt();
      }
    }

    synchronized boolean finish() {
      done = true;
      return expired;
    }
  }

  private byte[] readLimited(HttpExchange ex) throws IOException {
    String length = ex.getRequestHeaders().getFirst("Content-Length");
    long declared = contentLength(length);
    if (declared > maxBytes) {
      drain(ex);
      throw tooLarge();
    }
    try (InputStream in = ex.getRequestBody()) {
      if (declared >= 0) {
        // Straight into an array of the declared size (readNBytes(int) gathers chunks and copies
        // them once more), unless the size is too large to trust before the bytes come.
        byte[] body =
            declared <= PREALLOCATED_MAX ? new byte[(int) declared] : new byte[PREALLOCATED_MAX];
        int n = in.readNBytes(body, 0, (int) Math.min(declared, body.length));
        if (n == declared) {
          return body;
        }
        if (declared > PREALLOCATED_MAX && n == body.length) {
          ByteArrayOutputStream out = new ByteArrayOutputStream((int) declared);
          out.write(body, 0, n);
          in.transferTo(out);
          if (out.size() == declared) {
            return out.toByteArray();
          }
        }
        throw new IOException("request body shorter than its Content-Length");
      }
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      byte[] buf = new byte[64 * 1024];
      int n;
      while ((n = in.read(buf)) > 0) {
        out.write(buf, 0, n);
        if (out.size() > maxBytes) {
          drain(ex);
          throw tooLarge();
        }
      }
      return out.toByteArray();
    }
  }

  private ApiError tooLarge() {
    return ApiError.reason(413, "Request body larger than " + maxBytes + " bytes");
  }

  /** The Content-Length when usable for one read into an array, else -1. */
  private static long contentLength(String header) {
    try {
      long n = header == null ? -1 : Long.parseLong(header.trim());
      return n <= Integer.MAX_VALUE - 16 ? n : Long.MAX_VALUE;
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  /**
   * Reads and drops the rest of the body, so that the client, still sending, reads the answer
   * rather than a reset (the time limit still applies).
   */
  static void drain(HttpExchange ex) {
    try (InputStream in = ex.getRequestBody()) {
      in.transferTo(OutputStream.nullOutputStream());
    } catch (IOException e) {
      // the client went away: nothing to answer
    }
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
