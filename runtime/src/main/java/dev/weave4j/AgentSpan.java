package dev.weave4j;

/**
 * What every agent-tracing span ({@link Turn}, {@link SubAgent}, {@link Llm}, {@link Tool}) can do.
 * {@link #close()} ends it, so try-with-resources records it; an exception leaving the block is not
 * seen by {@code close()}, so catch it and call {@link #fail(Throwable)} to record the span as an
 * error. When tracing is disabled or not initialised every method does nothing.
 */
public interface AgentSpan extends AutoCloseable {

  /** Ends the span now and records it; later calls, and setters after it, do nothing. */
  void end();

  /**
   * Marks the span as failed with {@code error} (status ERROR, an {@code exception} event) and ends
   * it.
   */
  void fail(Throwable error);

  /** The OpenTelemetry trace id (32 hex digits), or an empty string when not recorded. */
  String traceId();

  /** The OpenTelemetry span id (16 hex digits), or an empty string when not recorded. */
  String spanId();

  /** Same as {@link #end()}. */
  @Override
  void close();
}
