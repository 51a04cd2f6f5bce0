package dev.weave4j.internal;

import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Internal, unstable. Counts what tracing could not do (dropped records, failed hooks, advice
 * errors) and logs each kind of problem rate-limited: the first time, then at most once a minute
 * with the count so far. Never throws.
 */
public final class Diagnostics {

  /** The kinds of trouble that are counted. */
  public enum Problem {
    /** A record was dropped because the queue was full. */
    QUEUE_FULL("trace records dropped: queue full (weave.max_queue_bytes)"),
    /**
     * Inputs or an output larger than the room left in the queue were recorded as a size marker.
     */
    VALUE_OMITTED("values recorded as a size marker: larger than the queue had room for"),
    /** The trace server refused records (a 4xx other than 408, 413 and 429); they are dropped. */
    REMOTE_REJECTED("trace records rejected by the trace server"),
    /** The trace server could not be reached; records wait in the spool on disk. */
    REMOTE_SPOOLED("trace records spooled to disk: trace server unreachable"),
    /** The spool reached its bound; the newest records are dropped. */
    SPOOL_FULL("trace records dropped: spool full (weave.max_spool_bytes)"),
    /** The exporter failed to write or send a batch. */
    EXPORT_FAILED("trace records lost: export failed"),
    /** Tracing code failed around a traced method; the method itself ran normally. */
    TRACER_ERROR("tracing errors around traced methods"),
    /** A class could not be instrumented. */
    TRANSFORM_ERROR("classes that could not be instrumented"),
    /** A scope was closed on another thread or out of order. */
    CONTEXT_MISMATCH("call contexts closed out of order"),
    /** A user hook (display name, postprocessor, accumulator) failed or could not be created. */
    HOOK_ERROR("user hooks that failed (the call was recorded with a marker)");

    private final String description;

    Problem(String description) {
      this.description = description;
    }
  }

  private static final long INTERVAL_NANOS = 60_000_000_000L;

  /** One counter per problem, by ordinal: reporting a drop must cost no map lookup. */
  private static final Counter[] COUNTERS = new Counter[Problem.values().length];

  static {
    for (int i = 0; i < COUNTERS.length; i++) {
      COUNTERS[i] = new Counter();
    }
  }

  private Diagnostics() {}

  /**
   * weave4j's logger, looked up on each use: the agent starts before the application, which may
   * still install its own {@code java.util.logging} LogManager or reset it (removing handlers). Its
   * records are {@link LogLines one line each} on stderr, whatever the application's logging.
   */
  public static Logger log() {
    Logger logger = Logger.getLogger("dev.weave4j");
    try {
      if (logger.getHandlers().length == 0) {
        synchronized (Diagnostics.class) {
          if (logger.getHandlers().length == 0) {
            logger.addHandler(new LogLines());
            logger.setUseParentHandlers(false);
          }
        }
      }
    } catch (RuntimeException e) {
      // A security manager or an odd LogManager: log through what is there.
    }
    return logger;
  }

  /** The logger of {@code type}, under {@link #log()}'s, so its records get the same format. */
  public static Logger log(Class<?> type) {
    log();
    return Logger.getLogger(type.getName());
  }

  /** Whether log lines carry stack traces ({@code weave.debug=true}). */
  public static void debug(boolean on) {
    LogLines.debug = on;
  }

  /** Counts one occurrence of {@code problem} and logs it rate-limited. */
  public static void report(Problem problem, String detail, Throwable error) {
    report(problem, 1, detail, error);
  }

  /** Counts {@code n} occurrences of {@code problem} and logs it rate-limited. */
  public static void report(Problem problem, long n, String detail, Throwable error) {
    try {
      Counter c = COUNTERS[problem.ordinal()];
      long total = c.count.addAndGet(n);
      long now = System.nanoTime();
      long last = c.lastLogNanos.get();
      if ((total == n || now - last >= INTERVAL_NANOS) && c.lastLogNanos.compareAndSet(last, now)) {
        String message =
            "weave4j: " + problem.description + " (" + total + " so far)" + ": " + detail;
        if (error == null) {
          log().warning(message);
        } else {
          log().log(Level.WARNING, message, error);
        }
      }
    } catch (Throwable ignored) {
      // Reporting must never become the problem.
    }
  }

  /** How many times {@code problem} occurred. */
  public static long count(Problem problem) {
    return COUNTERS[problem.ordinal()].count.get();
  }

  /**
   * Prints the totals of every problem seen, once, at shutdown. Straight to stderr: the JDK's
   * logging may already be reset by its own shutdown hook, and drops must never go unreported.
   */
  public static void logSummary() {
    for (Problem p : Problem.values()) {
      long n = COUNTERS[p.ordinal()].count.get();
      if (n > 0) {
        System.err.println("weave4j: " + p.description + ": " + n + " in this run");
      }
    }
  }

  private static final class Counter {
    final AtomicLong count = new AtomicLong();
    final AtomicLong lastLogNanos = new AtomicLong(System.nanoTime() - INTERVAL_NANOS);
  }
}
