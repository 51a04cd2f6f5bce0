package dev.weave4j.internal.remote;

import com.fasterxml.jackson.databind.JsonNode;
import dev.weave4j.internal.trace.ClientInfo;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.exporter.internal.otlp.traces.TraceRequestMarshaler;
import io.opentelemetry.sdk.common.InstrumentationLibraryInfo;
import io.opentelemetry.sdk.common.InstrumentationScopeInfo;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.LinkData;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.data.StatusData;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

/**
 * Internal, unstable. Span lines (see {@code OtlpSpans}) as one OTLP/HTTP request: an {@code
 * ExportTraceServiceRequest} in protobuf, encoded by the OpenTelemetry SDK's OTLP marshaler, then
 * gzipped. Each project is one resource with {@code service.name}, {@code wandb.entity} and {@code
 * wandb.project} (how the Weave server routes spans), scope {@code weave.conversation} (as the
 * Python SDK's tracer).
 */
final class OtlpTraces {

  /** Weave's endpoint for agent spans (the Agents view). */
  static final String PATH = "/agents/otel/v1/traces";

  /** The Python SDK's service name for these spans. */
  static final String SERVICE_NAME = "weave-conversation-sdk";

  static final InstrumentationScopeInfo SCOPE =
      InstrumentationScopeInfo.builder("weave.conversation")
          .setVersion(ClientInfo.version())
          .build();

  private OtlpTraces() {}

  /** A span line that could not be read as a span. */
  static final class BadLine extends Exception {
    BadLine(String message) {
      super(message, null, false, false);
    }
  }

  /**
   * The spans of {@code lines} as spans of the OTel SDK; lines that cannot be read are removed from
   * {@code lines} and counted in the returned list's complement (the caller compares sizes).
   */
  static List<SpanData> spans(List<byte[]> lines) {
    Map<String, Resource> resources = new HashMap<>();
    List<SpanData> spans = new ArrayList<>(lines.size());
    for (Iterator<byte[]> it = lines.iterator(); it.hasNext(); ) {
      byte[] line = it.next();
      try {
        spans.add(span(line, resources));
      } catch (BadLine | RuntimeException e) {
        it.remove();
      }
    }
    return spans;
  }

  /** The gzipped protobuf body of one request carrying {@code spans}. */
  static byte[] body(List<SpanData> spans) throws IOException {
    TraceRequestMarshaler request = TraceRequestMarshaler.create(spans);
    ByteArrayOutputStream out = new ByteArrayOutputStream(request.getBinarySerializedSize() / 3);
    try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
      request.writeBinaryTo(gzip);
    }
    return out.toByteArray();
  }

  private static SpanData span(byte[] line, Map<String, Resource> resources) throws BadLine {
    JsonNode req = ItemLines.tree(line);
    JsonNode s = req == null ? null : req.get("req");
    if (s == null || !s.isObject()) {
      throw new BadLine("not a span");
    }
    String traceId = s.path("trace_id").asText("");
    String spanId = s.path("span_id").asText("");
    SpanContext context =
        SpanContext.create(traceId, spanId, TraceFlags.getSampled(), TraceState.getDefault());
    if (!context.isValid()) {
      throw new BadLine("invalid span id");
    }
    SpanContext parent =
        s.hasNonNull("parent_span_id")
            ? SpanContext.create(
                traceId,
                s.get("parent_span_id").asText(),
                TraceFlags.getSampled(),
                TraceState.getDefault())
            : SpanContext.getInvalid();
    String projectId = s.path("project_id").asText("");
    Resource resource = resources.computeIfAbsent(projectId, OtlpTraces::resource);
    long start = s.path("start_us").asLong() * 1000;
    long end = Math.max(start, s.path("end_us").asLong() * 1000);
    Attributes attributes = attributes(s.path("attributes"));
    JsonNode ex = s.get("exception");
    List<EventData> events = List.of();
    StatusData status = StatusData.unset();
    if (ex != null && ex.isObject()) {
      AttributesBuilder a = Attributes.builder();
      a.put("exception.type", ex.path("type").asText(""));
      if (ex.hasNonNull("message")) {
        a.put("exception.message", ex.get("message").asText());
      }
      a.put("exception.stacktrace", ex.path("stacktrace").asText(""));
      events = List.of(EventData.create(end, "exception", a.build()));
      status =
          StatusData.create(
              StatusCode.ERROR, ex.hasNonNull("message") ? ex.get("message").asText() : "");
    }
    return new Span(
        s.path("name").asText(""),
        context,
        parent,
        status,
        start,
        end,
        attributes,
        events,
        resource);
  }

  private static Resource resource(String projectId) {
    int slash = projectId.indexOf('/');
    return Resource.create(
        Attributes.builder()
            .put("service.name", SERVICE_NAME)
            .put("wandb.entity", slash < 0 ? "" : projectId.substring(0, slash))
            .put("wandb.project", slash < 0 ? projectId : projectId.substring(slash + 1))
            .build());
  }

  private static Attributes attributes(JsonNode attrs) {
    AttributesBuilder b = Attributes.builder();
    attrs
        .fields()
        .forEachRemaining(
            e -> {
              JsonNode v = e.getValue();
              if (v.isIntegralNumber()) {
                b.put(e.getKey(), v.asLong());
              } else if (v.isNumber()) {
                b.put(e.getKey(), v.asDouble());
              } else if (v.isBoolean()) {
                b.put(e.getKey(), v.asBoolean());
              } else if (v.isArray()) {
                String[] items = new String[v.size()];
                for (int i = 0; i < items.length; i++) {
                  items[i] = v.get(i).asText();
                }
                b.put(e.getKey(), items);
              } else if (!v.isNull()) {
                b.put(e.getKey(), v.asText());
              }
            });
    return b.build();
  }

  /** An ended span read back from its line. */
  private record Span(
      String getName,
      SpanContext getSpanContext,
      SpanContext getParentSpanContext,
      StatusData getStatus,
      long getStartEpochNanos,
      long getEndEpochNanos,
      Attributes getAttributes,
      List<EventData> getEvents,
      Resource getResource)
      implements SpanData {

    @Override
    public SpanKind getKind() {
      return SpanKind.INTERNAL;
    }

    @Override
    public List<LinkData> getLinks() {
      return List.of();
    }

    @Override
    public boolean hasEnded() {
      return true;
    }

    @Override
    public int getTotalRecordedEvents() {
      return getEvents.size();
    }

    @Override
    public int getTotalRecordedLinks() {
      return 0;
    }

    @Override
    public int getTotalAttributeCount() {
      return getAttributes.size();
    }

    @Override
    public InstrumentationScopeInfo getInstrumentationScopeInfo() {
      return SCOPE;
    }

    @Override
    @SuppressWarnings("deprecation")
    public InstrumentationLibraryInfo getInstrumentationLibraryInfo() {
      return InstrumentationLibraryInfo.create(SCOPE.getName(), SCOPE.getVersion());
    }
  }
}
