package dev.weave4j.internal.export;

/**
 * Internal, unstable. Takes records from application threads and gets them to an {@link Exporter}.
 * {@link #submit} never blocks and never throws.
 */
public interface CallProcessor {

  /**
   * Queues {@code record} for export: whole, or with its values replaced by size markers ({@link
   * CallRecord#withoutValues}) when they are larger than the room left; or counts it as dropped
   * when even that does not fit.
   *
   * @return whether the record was queued (a call whose start was not must not be traced further)
   */
  boolean submit(CallRecord record);

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
