package dev.weave4j.internal.remote;

import dev.weave4j.internal.util.Ids;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;

/**
 * Internal, unstable. Sends one JSON request with the {@link RetryPolicy}, one {@code
 * X-Weave-Retry-Id} for all its attempts, and says how it ended. Never waits past the stop deadline
 * set at shutdown.
 */
final class Sender {

  /** How a request ended. */
  enum Result {
    /** 2xx. */
    SENT,
    /** 413: the body must be split. */
    TOO_LARGE,
    /** Another 4xx: the server will never take it. */
    REJECTED,
    /** The project is written in calls-complete mode: use {@code /v2/.../calls/complete}. */
    CALLS_COMPLETE_REQUIRED,
    /** Retries exhausted, or a wait longer than allowed: the server is unreachable for now. */
    UNREACHABLE
  }

  /** The last answer of the last {@link #send}, for messages. */
  record Outcome(Result result, Response response, String error, long retryAfterMillis) {}

  private final TraceServer server;
  private final RetryPolicy policy;
  private final LongSupplier nanoTime;
  private volatile long stopAtNanos = Long.MAX_VALUE;
  private volatile BooleanSupplier giveUp = () -> false;

  Sender(TraceServer server, RetryPolicy policy) {
    this(server, policy, System::nanoTime);
  }

  Sender(TraceServer server, RetryPolicy policy, LongSupplier nanoTime) {
    this.server = server;
    this.policy = policy;
    this.nanoTime = nanoTime;
  }

  /**
   * Retry waits end early, as unreachable, when {@code giveUp} turns true (e.g. the queue behind
   * the exporter is filling up: its records should go to the spool rather than wait in memory).
   */
  void giveUpWhen(BooleanSupplier giveUp) {
    this.giveUp = giveUp;
  }

  /** From now on, no wait ends after {@code deadlineNanos}; a request in flight may still end. */
  void stopRetryingAt(long deadlineNanos) {
    stopAtNanos = deadlineNanos;
  }

  boolean stopping() {
    return stopAtNanos != Long.MAX_VALUE && nanoTime.getAsLong() >= stopAtNanos;
  }

  /** Sends {@code body} to {@code path}, retrying; {@code attempts} 1 means a single try. */
  Outcome send(String path, byte[] body, int attempts) {
    return send(retryId -> server.postJson(path, body, retryId), attempts);
  }

  /** Sends an OTLP/HTTP request (gzipped protobuf) to {@code path}, retrying like {@link #send}. */
  Outcome sendOtlp(String path, byte[] gzippedProtobuf, int attempts) {
    return send(retryId -> server.postOtlp(path, gzippedProtobuf), attempts);
  }

  /** Sends a multipart form with one file part to {@code path}, retrying like {@link #send}. */
  Outcome sendFile(
      String path, java.util.Map<String, String> fields, String name, byte[] file, int attempts) {
    return send(retryId -> server.postFile(path, fields, name, file), attempts);
  }

  /** One attempt of a request. */
  private interface Attempt {
    Response run(String retryId) throws IOException;
  }

  private Outcome send(Attempt request, int attempts) {
    String retryId = Ids.uuid7();
    Response last = null;
    String error = null;
    for (int attempt = 1; ; attempt++) {
      long retryAfter = -1;
      try {
        last = request.run(retryId);
        error = null;
        if (last.ok()) {
          return new Outcome(Result.SENT, last, null, -1);
        }
        if (last.tooLarge()) {
          return new Outcome(Result.TOO_LARGE, last, null, -1);
        }
        if (last.callsCompleteRequired()) {
          return new Outcome(Result.CALLS_COMPLETE_REQUIRED, last, null, -1);
        }
        if (!last.retryable()) {
          return new Outcome(Result.REJECTED, last, null, -1);
        }
        retryAfter = last.retryAfterMillis();
      } catch (IOException | RuntimeException e) {
        last = null;
        error =
            e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
      }
      long wait = policy.delayMillis(attempt, retryAfter);
      if (attempt >= Math.min(attempts, policy.attempts())
          || wait > policy.maxMillis()
          || !sleep(wait)) {
        return new Outcome(Result.UNREACHABLE, last, error, retryAfter);
      }
    }
  }

  /** Sleeps unless that would pass the stop deadline; false when it would (or on interrupt). */
  private boolean sleep(long millis) {
    long until = nanoTime.getAsLong() + TimeUnit.MILLISECONDS.toNanos(millis);
    if (until - stopAtNanos > 0 && stopAtNanos != Long.MAX_VALUE) {
      return false;
    }
    try {
      long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
      for (long left = millis;
          left > 0;
          left = TimeUnit.NANOSECONDS.toMillis(end - System.nanoTime())) {
        if (giveUp.getAsBoolean() || stopping()) {
          return false;
        }
        Thread.sleep(Math.min(left, 50));
      }
      return !stopping() && !giveUp.getAsBoolean();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
