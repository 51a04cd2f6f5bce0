package dev.weave4j.internal.agents;

/** Internal, unstable. Where ended agent spans go; never blocks, never throws. */
public interface SpanExporter {

  /** Takes {@code span}, or counts it as dropped. */
  void export(FinishedSpan span);

  /** Whether a span starting now would be accepted (spans are dropped whole, never half). */
  default boolean hasRoom() {
    return true;
  }
}
