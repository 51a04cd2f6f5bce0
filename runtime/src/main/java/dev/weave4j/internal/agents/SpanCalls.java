package dev.weave4j.internal.agents;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.weave4j.internal.export.CallProcessor;
import dev.weave4j.internal.export.EndRecord;
import dev.weave4j.internal.export.JsonPart;
import dev.weave4j.internal.export.StartRecord;
import dev.weave4j.internal.serialize.ExceptionJson;
import dev.weave4j.internal.serialize.ValueSerializer;
import dev.weave4j.internal.util.CallId;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Internal, unstable. Agent spans as Weave calls (how the Weave server stores the OTel spans it
 * ingests), so the local store, {@code calls}, {@code tree}, {@code show} and the query API see
 * them: the trace id is the span's (32 hex digits), the call id of a span (its own, its parent's,
 * its turn's) its trace's first 16 hex digits then its own 16 ({@link #callId}), so that every id
 * is a UUID as the trace server reads ids and the calls can be synced or sent to a Weave server;
 * the op name is the span name, the attributes are the span's, dotted keys nested ({@code
 * attributes.gen_ai.agent.name}); the conversation is the call's {@code thread_id} and the turn's
 * span id its {@code turn_id}; inputs and output are the messages (tool: arguments and result); the
 * usage is summed into {@code summary.usage} as for calls.
 */
public final class SpanCalls implements SpanExporter {

  private final String projectId;
  private final ValueSerializer serializer;
  private final CallProcessor processor;

  /** Spans become call records of {@code projectId} submitted to {@code processor}. */
  public SpanCalls(String projectId, ValueSerializer serializer, CallProcessor processor) {
    this.projectId = projectId;
    this.serializer = serializer;
    this.processor = processor;
  }

  @Override
  public boolean hasRoom() {
    return processor.hasRoom();
  }

  @Override
  public void export(FinishedSpan span) {
    CallId id = callId(span.traceId(), span.spanId());
    int contentBytes = span.contentChars() * 2;
    processor.submit(
        new StartRecord(
            projectId,
            id,
            CallId.of(span.traceId()),
            span.parentSpanId() == null ? null : callId(span.traceId(), span.parentSpanId()),
            span.name(),
            null,
            span.startMicros(),
            new Late(span, Part.ATTRIBUTES, 1024 + contentBytes),
            new Late(span, Part.INPUTS, 64 + contentBytes),
            span.conversationId(),
            span.conversationId() == null
                ? null
                : callId(span.traceId(), span.turnSpanId()).toString(),
            false));
    processor.submit(
        new EndRecord(
            projectId,
            id,
            span.endMicros(),
            new Late(span, Part.OUTPUT, 64),
            span.error() == null ? null : ExceptionJson.of(span.error()),
            new Late(span, Part.SUMMARY, 128)));
  }

  /**
   * The call id of span {@code spanId} (16 hex digits) of trace {@code traceId} (32): 32 hex
   * digits, which the trace server reads as a UUID (a bare span id is refused), unique per span and
   * the same wherever the span is named (as a parent, as a turn).
   */
  static CallId callId(String traceId, String spanId) {
    return CallId.of(traceId.substring(0, 16) + spanId);
  }

  /** The parts of a span's call record. */
  private enum Part {
    ATTRIBUTES,
    INPUTS,
    OUTPUT,
    SUMMARY
  }

  /**
   * A part written from the ended span on the exporter thread: the span no longer changes, so the
   * record is as immutable as if it had been serialized at once, and the application thread does
   * not pay for the JSON.
   */
  private final class Late implements JsonPart {
    private final FinishedSpan span;
    private final Part part;
    private final int estimatedBytes;

    Late(FinishedSpan span, Part part, int estimatedBytes) {
      this.span = span;
      this.part = part;
      this.estimatedBytes = estimatedBytes;
    }

    @Override
    public void writeTo(JsonGenerator g) throws IOException {
      switch (part) {
        case ATTRIBUTES -> serializer.write(g, nest(span.attributes()));
        case INPUTS -> {
          String json = span.inputJson();
          if (json == null) {
            g.writeStartObject();
            g.writeEndObject();
          } else {
            g.writeRawValue(json);
          }
        }
        case OUTPUT -> {
          String json = span.outputJson();
          if (json == null) {
            g.writeNull();
          } else {
            g.writeRawValue(json);
          }
        }
        case SUMMARY -> serializer.write(g, summary(span));
      }
    }

    @Override
    public int estimatedBytes() {
      return estimatedBytes;
    }
  }

  /**
   * {@code usage[model] = {requests, input_tokens, output_tokens, total_tokens}}, status counts.
   */
  private static Map<String, Object> summary(FinishedSpan span) {
    Map<String, Object> summary = new LinkedHashMap<>();
    if (!span.usage().isEmpty()) {
      Map<String, Object> usage = new LinkedHashMap<>();
      span.usage()
          .forEach(
              (model, u) -> {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("requests", u[0]);
                m.put("input_tokens", u[1]);
                m.put("output_tokens", u[2]);
                m.put("total_tokens", u[1] + u[2]);
                usage.put(model, m);
              });
      summary.put("usage", usage);
    }
    boolean failed = span.error() != null;
    summary.put("status_counts", Map.of("success", failed ? 0 : 1, "error", failed ? 1 : 0));
    return summary;
  }

  /**
   * Flat dotted keys as nested objects, as the Weave server stores OTel attributes; a key that
   * would both hold a value and nest others keeps its value under its full dotted name.
   */
  @SuppressWarnings("unchecked")
  static Map<String, Object> nest(Map<String, Object> flat) {
    Map<String, Object> root = new LinkedHashMap<>();
    for (Map.Entry<String, Object> e : flat.entrySet()) {
      String[] path = e.getKey().split("\\.", -1);
      Map<String, Object> at = root;
      boolean placed = false;
      for (int i = 0; i < path.length - 1 && at != null; i++) {
        Object next = at.computeIfAbsent(path[i], k -> new LinkedHashMap<String, Object>());
        at = next instanceof Map<?, ?> m ? (Map<String, Object>) m : null;
      }
      if (at != null && !(at.get(path[path.length - 1]) instanceof Map<?, ?>)) {
        at.put(path[path.length - 1], e.getValue());
        placed = true;
      }
      if (!placed) {
        root.put(e.getKey(), e.getValue());
      }
    }
    return root;
  }
}
