package dev.weave4j.internal.export;

import java.util.List;

/**
 * Internal, unstable. Writes or sends batches of records; called from one background thread at a
 * time. Implementations report their own failures through Diagnostics and never throw.
 */
public interface Exporter {

  /** Exports {@code batch}, in order. */
  void export(List<CallRecord> batch);

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
