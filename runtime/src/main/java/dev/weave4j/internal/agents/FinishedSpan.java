package dev.weave4j.internal.agents;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Internal, unstable. An ended span: what the exporters get. Its attributes, messages and inputs
 * are turned into text only when an exporter asks ({@link #attributes()}, on the exporter thread),
 * from the span's state, which no longer changes once it ended.
 */
public final class FinishedSpan {

  private final SpanHandle source;
  private final Throwable error;
  private final long endMicros;
  private final Map<String, long[]> usage;
  private Map<String, Object> attributes;

  FinishedSpan(SpanHandle source, Throwable error, long endMicros, Map<String, long[]> usage) {
    this.source = source;
    this.error = error;
    this.endMicros = endMicros;
    this.usage = usage;
  }

  /** The span name, e.g. {@code chat gpt-4o}. */
  public String name() {
    return source.name;
  }

  /** {@code invoke_agent}, {@code chat} or {@code execute_tool}. */
  public String operation() {
    return source.operation;
  }

  /** 32 hex digits. */
  public String traceId() {
    return source.traceId;
  }

  /** 16 hex digits. */
  public String spanId() {
    return source.spanId;
  }

  /** The parent's span id, or null for the root of a trace. */
  public String parentSpanId() {
    return source.parent == null ? null : source.parent.spanId;
  }

  /** Start, microseconds since the epoch. */
  public long startMicros() {
    return source.startMicros;
  }

  /** End, microseconds since the epoch (not before the start). */
  public long endMicros() {
    return endMicros;
  }

  /** The failure recorded with {@code fail}, or null. */
  public Throwable error() {
    return error;
  }

  /** Tokens of this span and its descendants by model: {requests, input, output}. */
  public Map<String, long[]> usage() {
    return usage;
  }

  /** The conversation's id, or null. */
  public String conversationId() {
    return source.conversationId();
  }

  /** The span id of the turn this span belongs to (its own for a turn). */
  public String turnSpanId() {
    return source.turnSpanId;
  }

  /**
   * The flat OpenTelemetry attributes (String, Long, Double, Boolean or List of String values): the
   * conversation's, the span's, its content (messages as JSON text) unless the conversation leaves
   * content out, {@code error.type} and the {@code weave.*} capture information. Made on the first
   * call (the exporter thread's).
   */
  public synchronized Map<String, Object> attributes() {
    if (attributes == null) {
      Map<String, Object> all = new LinkedHashMap<>();
      if (source.conversation != null) {
        source.conversation.options.attributes().forEach((k, v) -> all.put(k, AttrValues.of(v)));
      }
      all.putAll(source.attributes);
      if (source.includeContent) {
        source.contentAttributes(all);
      }
      if (error != null) {
        all.put("error.type", error.getClass().getName());
      }
      all.putAll(source.tracer.captureAttributes);
      attributes = all;
    }
    return attributes;
  }

  /** About how many characters of content (messages, arguments) the span holds. */
  public int contentChars() {
    return source.includeContent ? source.contentChars() : 0;
  }

  /** The span's input as JSON text (messages, or tool arguments), or null. */
  public String inputJson() {
    return source.includeContent ? source.inputJson(attributes()) : null;
  }

  /** The span's output as JSON text, or null. */
  public String outputJson() {
    return source.includeContent ? source.outputJson(attributes()) : null;
  }
}
