package dev.weave4j.internal.export;

/**
 * Internal, unstable. Takes records from application threads and gets them to an {@link Exporter}.
 * {@link #submit} never blocks and never throws.
 */
public interface CallProcessor {

  /** Queues {@code record} for export, or counts it as dropped when the queue is full. */
  void submit(CallRecord record);

  /** Waits up to {@code timeoutMillis} until everything submitted so far is exported. */
  boolean flush(long timeoutMillis);

  /** Flushes (bounded) and stops; later records are counted as dropped. Idempotent. */
  void shutdown(long timeoutMillis);

  /** How many records are waiting. */
  long pending();

  /**
   * Whether a call starting now would have its records accepted. A call that starts while this is
   * false is not traced at all (and counted as dropped), so calls are dropped whole, never as a
   * start without an end.
   */
  default boolean hasRoom() {
    return true;
  }
}
