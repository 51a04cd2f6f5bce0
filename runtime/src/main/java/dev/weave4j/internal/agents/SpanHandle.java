package dev.weave4j.internal.agents;

import dev.weave4j.AgentSpan;
import dev.weave4j.internal.Diagnostics;
import dev.weave4j.internal.Diagnostics.Problem;
import dev.weave4j.internal.trace.CallContext;
import dev.weave4j.internal.trace.Contexts;
import dev.weave4j.internal.util.Timestamps;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;

/**
 * Internal, unstable. An open agent span, our own small span model: ids, parent, times and flat
 * attributes, ended once (whatever races) into a {@link FinishedSpan} for the exporter. Setters
 * after the end do nothing. Nothing here throws into the application.
 */
abstract class SpanHandle implements AgentSpan {

  private static final AtomicIntegerFieldUpdater<SpanHandle> ENDED =
      AtomicIntegerFieldUpdater.newUpdater(SpanHandle.class, "ended");

  final AgentTracer tracer;
  final String name;
  final String operation;
  final String traceId;
  final String spanId;
  final SpanHandle parent;
  final ConversationImpl conversation;
  final String turnSpanId;
  final boolean includeContent;
  final long startMicros;

  /** Flat OpenTelemetry attributes; guarded by this. */
  final Map<String, Object> attributes = new LinkedHashMap<>();

  /** Tokens of this span and its ended descendants by model; guarded by this. */
  private Map<String, long[]> usage;

  @SuppressWarnings("unused") // through ENDED
  private volatile int ended;

  /** The context node this span opened on its thread, or null. */
  volatile CallContext context;

  SpanHandle(
      AgentTracer tracer,
      String name,
      String operation,
      SpanHandle parent,
      ConversationImpl conversation,
      String turnSpanId,
      long startMicros) {
    this.tracer = tracer;
    this.name = name;
    this.operation = operation;
    this.parent = parent;
    this.traceId = parent == null ? hex(2) : parent.traceId;
    this.spanId = hex(1);
    this.conversation = conversation;
    this.turnSpanId = turnSpanId != null ? turnSpanId : spanId;
    this.includeContent = conversation == null || conversation.options.includeContent();
    this.startMicros = startMicros;
    if (conversation != null) {
      conversation.options.attributes().forEach((k, v) -> attributes.put(k, AttrValues.of(v)));
    }
    attributes.put("gen_ai.operation.name", operation);
  }

  /** Adds the capture attributes; called by subclasses after their own start attributes. */
  final void captureInfo() {
    attributes.putAll(tracer.captureAttributes);
  }

  /** Sets an attribute unless ended; null values are ignored. */
  final void set(String key, Object value) {
    if (key == null || value == null) {
      return;
    }
    synchronized (this) {
      if (ended == 0) {
        attributes.put(key, AttrValues.of(value));
      }
    }
  }

  final boolean isEnded() {
    return ended != 0;
  }

  /** The conversation id, or null. */
  final String conversationId() {
    return conversation == null ? null : conversation.id;
  }

  @Override
  public String traceId() {
    return traceId;
  }

  @Override
  public String spanId() {
    return spanId;
  }

  @Override
  public void end() {
    finish(null, Timestamps.nowMicros());
  }

  @Override
  public void fail(Throwable error) {
    finish(error == null ? new RuntimeException("failed") : error, Timestamps.nowMicros());
  }

  @Override
  public void close() {
    end();
  }

  /** Ends the span at {@code endMicros} (the first time only) and hands it to the exporter. */
  final void finish(Throwable error, long endMicros) {
    if (!ENDED.compareAndSet(this, 0, 1)) {
      return;
    }
    CallContext c = context;
    if (c != null) {
      Contexts.closeAgent(c);
    }
    try {
      onEnd();
      FinishedSpan span;
      synchronized (this) {
        if (includeContent) {
          contentAttributes();
        }
        if (error != null) {
          attributes.put("error.type", error.getClass().getName());
        }
        span =
            new FinishedSpan(
                name,
                operation,
                traceId,
                spanId,
                parent == null ? null : parent.spanId,
                startMicros,
                Math.max(endMicros, startMicros),
                attributes,
                error,
                usage == null ? Map.of() : usage,
                conversationId(),
                turnSpanId,
                includeContent ? inputJson() : null,
                includeContent ? outputJson() : null);
      }
      tracer.exporter.export(span);
      if (parent != null && usage != null) {
        parent.addUsage(usage);
      }
    } catch (RuntimeException | LinkageError e) {
      Diagnostics.report(
          Problem.TRACER_ERROR, "agent span " + name + ": " + e.getClass().getName(), null);
    }
  }

  /** Called once when the span ends, before it is exported (outside the lock). */
  void onEnd() {}

  /** Writes the content attributes (messages, arguments) at the end; under the lock. */
  abstract void contentAttributes();

  /** The span's input as JSON text, or null; under the lock. */
  abstract String inputJson();

  /** The span's output as JSON text, or null; under the lock. */
  abstract String outputJson();

  /** Adds one LLM request's tokens for {@code model}. */
  final synchronized void addUsage(String model, long input, long output) {
    long[] u = usageMap().computeIfAbsent(model, m -> new long[3]);
    u[0]++;
    u[1] += input;
    u[2] += output;
  }

  private synchronized void addUsage(Map<String, long[]> child) {
    child.forEach(
        (model, c) -> {
          long[] u = usageMap().computeIfAbsent(model, m -> new long[3]);
          for (int i = 0; i < 3; i++) {
            u[i] += c[i];
          }
        });
  }

  private Map<String, long[]> usageMap() {
    if (usage == null) {
      usage = new HashMap<>(4);
    }
    return usage;
  }

  /** The innermost span of {@code s} and its ancestors that has not ended, or null. */
  static SpanHandle open(SpanHandle s) {
    while (s != null && s.isEnded()) {
      s = s.parent;
    }
    return s;
  }

  /** {@code words} random 64-bit words as lower-case hex, never all zero (as OpenTelemetry). */
  private static String hex(int words) {
    ThreadLocalRandom r = ThreadLocalRandom.current();
    StringBuilder sb = new StringBuilder(words * 16);
    for (int i = 0; i < words; i++) {
      long v = r.nextLong();
      if (v == 0) {
        v = 1;
      }
      String h = Long.toHexString(v);
      sb.append("0".repeat(16 - h.length())).append(h);
    }
    return sb.toString();
  }

  /** A list of texts copied for an attribute. */
  static List<String> copy(List<String> texts) {
    return texts == null ? null : List.copyOf(texts);
  }
}
