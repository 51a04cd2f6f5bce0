package dev.weave4j.internal.agents;

import dev.weave4j.AgentSpan;
import dev.weave4j.BlobPart;
import dev.weave4j.Message;
import dev.weave4j.MessagePart;
import dev.weave4j.ReasoningPart;
import dev.weave4j.TextPart;
import dev.weave4j.ToolCallPart;
import dev.weave4j.ToolCallResponsePart;
import dev.weave4j.UriPart;
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
 * attributes, ended once (whatever races) into a {@link FinishedSpan} for the exporter, which turns
 * the state into text later, on its own thread. Setters after the end do nothing. Nothing here
 * throws into the application.
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
    attributes.put("gen_ai.operation.name", operation);
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
      Map<String, long[]> used;
      synchronized (this) {
        used = usage == null ? Map.of() : copy(usage);
      }
      tracer.exporter.export(new FinishedSpan(this, error, Math.max(endMicros, startMicros), used));
      if (parent != null && !used.isEmpty()) {
        parent.addUsage(used);
      }
    } catch (RuntimeException | LinkageError e) {
      Diagnostics.report(
          Problem.TRACER_ERROR, "agent span " + name + ": " + e.getClass().getName(), null);
    }
  }

  /** Called once when the span ends, before it is exported (outside the lock). */
  void onEnd() {}

  /**
   * Adds the content attributes (messages, arguments, results) to {@code into}; called after the
   * end, when the span no longer changes, usually on the exporter thread.
   */
  abstract void contentAttributes(Map<String, Object> into);

  /** About how many characters of content the span holds (for the queue's byte bound). */
  abstract int contentChars();

  /** Characters of the messages' parts, roughly. */
  static int chars(List<Message> messages) {
    int n = 0;
    if (messages != null) {
      for (Message m : messages) {
        n += 32;
        for (MessagePart p : m.parts()) {
          n += 32 + partChars(p);
        }
      }
    }
    return n;
  }

  private static int partChars(MessagePart p) {
    if (p instanceof TextPart t) {
      return len(t.content());
    } else if (p instanceof ReasoningPart r) {
      return len(r.content());
    } else if (p instanceof ToolCallPart c) {
      return len(c.name()) + len(c.arguments());
    } else if (p instanceof ToolCallResponsePart r) {
      return len(r.response());
    } else if (p instanceof BlobPart b) {
      return len(b.content());
    } else if (p instanceof UriPart u) {
      return len(u.uri());
    }
    return 64;
  }

  private static int len(String s) {
    return s == null ? 0 : s.length();
  }

  /** The span's input as JSON text, or null, from its resolved {@code attributes}. */
  abstract String inputJson(Map<String, Object> attributes);

  /** The span's output as JSON text, or null, from its resolved {@code attributes}. */
  abstract String outputJson(Map<String, Object> attributes);

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

  private static Map<String, long[]> copy(Map<String, long[]> usage) {
    Map<String, long[]> copy = new HashMap<>(usage.size() * 2);
    usage.forEach((model, u) -> copy.put(model, u.clone()));
    return copy;
  }
}
