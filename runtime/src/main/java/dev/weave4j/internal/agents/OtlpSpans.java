package dev.weave4j.internal.agents;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.weave4j.internal.export.CallProcessor;
import dev.weave4j.internal.export.JsonPart;
import dev.weave4j.internal.export.SpanRecord;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * Internal, unstable. Agent spans on their way to an OTLP endpoint (remote mode): each ended span
 * becomes a {@link SpanRecord} of the call pipeline, so it is batched, retried, spooled and
 * replayed as the calls are. The record's JSON (written on the exporter thread) holds what an OTLP
 * span needs, with its attributes flat as OpenTelemetry has them:
 *
 * <pre>{@code
 * {"project_id":"entity/project","trace_id":"<32 hex>","span_id":"<16 hex>",
 *  "parent_span_id":"<16 hex>"?,"name":"chat gpt-4o","start_us":..,"end_us":..,
 *  "attributes":{"gen_ai.operation.name":"chat",..},
 *  "exception":{"type":..,"message":..,"stacktrace":..}?}
 * }</pre>
 */
public final class OtlpSpans implements SpanExporter {

  static final int MAX_FRAMES = 100;

  private final String projectId;
  private final CallProcessor processor;

  /** Spans of {@code projectId} become span records submitted to {@code processor}. */
  public OtlpSpans(String projectId, CallProcessor processor) {
    this.projectId = projectId;
    this.processor = processor;
  }

  /**
   * Whether the OpenTelemetry OTLP marshalers are on the class path (always in the agent jar;
   * optional for an app using weave-runtime as a library, whose spans then go as calls).
   */
  public static boolean available() {
    try {
      Class.forName(
          "io.opentelemetry.exporter.internal.otlp.traces.TraceRequestMarshaler",
          false,
          OtlpSpans.class.getClassLoader());
      return true;
    } catch (ClassNotFoundException | LinkageError e) {
      return false;
    }
  }

  @Override
  public boolean hasRoom() {
    return processor.hasRoom();
  }

  @Override
  public void export(FinishedSpan span) {
    processor.submit(new SpanRecord(new SpanJson(projectId, span)));
  }

  /** The span's record, written from the ended span on the exporter thread. */
  private record SpanJson(String projectId, FinishedSpan span) implements JsonPart {

    @Override
    public void writeTo(JsonGenerator g) throws IOException {
      g.writeStartObject();
      g.writeStringField("project_id", projectId);
      g.writeStringField("trace_id", span.traceId());
      g.writeStringField("span_id", span.spanId());
      if (span.parentSpanId() != null) {
        g.writeStringField("parent_span_id", span.parentSpanId());
      }
      g.writeStringField("name", span.name());
      g.writeNumberField("start_us", span.startMicros());
      g.writeNumberField("end_us", span.endMicros());
      g.writeObjectFieldStart("attributes");
      for (Map.Entry<String, Object> e : span.attributes().entrySet()) {
        g.writeFieldName(e.getKey());
        writeValue(g, e.getValue());
      }
      g.writeEndObject();
      if (span.error() != null) {
        exception(g, span.error());
      }
      g.writeEndObject();
    }

    @Override
    public int estimatedBytes() {
      return 1024 + span.contentChars() * 2;
    }
  }

  /** An attribute value: String, Long, Double, Boolean or a list of strings (see AttrValues). */
  private static void writeValue(JsonGenerator g, Object v) throws IOException {
    if (v instanceof Long l) {
      g.writeNumber(l);
    } else if (v instanceof Double d) {
      g.writeNumber(d);
    } else if (v instanceof Boolean b) {
      g.writeBoolean(b);
    } else if (v instanceof List<?> list) {
      g.writeStartArray();
      for (Object o : list) {
        g.writeString(String.valueOf(o));
      }
      g.writeEndArray();
    } else {
      g.writeString(String.valueOf(v));
    }
  }

  /** The OpenTelemetry exception event's attributes; a hostile throwable never escapes. */
  private static void exception(JsonGenerator g, Throwable t) throws IOException {
    String type = t.getClass().getName();
    String message;
    StringBuilder trace = new StringBuilder(type);
    try {
      message = t.getMessage();
      if (message != null) {
        trace.append(": ").append(message);
      }
      StackTraceElement[] frames = t.getStackTrace();
      for (int i = 0; i < frames.length && i < MAX_FRAMES; i++) {
        trace.append("\n\tat ").append(frames[i]);
      }
    } catch (RuntimeException e) {
      message = null;
    }
    g.writeObjectFieldStart("exception");
    g.writeStringField("type", type);
    if (message != null) {
      g.writeStringField("message", message);
    }
    g.writeStringField("stacktrace", trace.toString());
    g.writeEndObject();
  }
}
