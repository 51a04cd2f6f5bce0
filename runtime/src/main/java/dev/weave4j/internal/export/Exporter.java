package dev.weave4j.internal.export;

import java.io.IOException;
import java.util.List;

/**
 * Internal, unstable. Writes or sends batches of records; called from one background thread at a
 * time. Implementations report their own failures through Diagnostics and never throw.
 */
public interface Exporter {

  /**
   * Exports {@code batch}, in order. May return before {@code batch} is delivered (the next batch
   * is then prepared while it is sent), but only once every earlier batch is; {@code batch} is not
   * used after this returns.
   */
  void export(List<CallRecord> batch);

  /**
   * Loads and initializes what the first {@link #export} needs (the JSON encoder), so that the
   * first flush, often at JVM exit, does not pay for it. Called once by the exporter thread as it
   * starts, while the application is starting too; a failure is reported and otherwise ignored.
   */
  default void warmUp() throws IOException {}

  /** Returns once every batch passed to {@link #export} is delivered. */
  default void awaitDelivered() {}

  /** Makes what was exported durable or visible (e.g. flushes file buffers). */
  void flush();

  /**
   * Records per {@link #export} call at most: fewer, larger batches when each call has a fixed cost
   * (e.g. one HTTP request).
   */
  default int maxBatch() {
    return 512;
  }

  /** Releases resources; no export follows. */
  void close();
}
