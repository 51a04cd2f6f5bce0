package dev.weave4j.internal.export;

/**
 * Internal, unstable. An ended agent span on its way to an OTLP endpoint, in the store's envelope
 * {@code {"mode":"otel_span","req":span}}: the span's JSON is written on the exporter thread from
 * the ended span, which no longer changes. In the spool it waits for the server like the calls.
 */
public record SpanRecord(JsonPart span) implements CallRecord {

  /** The envelope's mode of a span line. */
  public static final String MODE = "otel_span";

  @Override
  public int estimatedBytes() {
    return 32 + span.estimatedBytes();
  }
}
