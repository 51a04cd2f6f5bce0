package dev.weave4j.internal.remote;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weave4j.internal.export.BatchCallProcessor;
import dev.weave4j.internal.export.JsonPart;
import dev.weave4j.internal.export.SpanRecord;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Agent spans in remote mode: OTLP/HTTP protobuf, gzipped, to {@code /agents/otel/v1/traces}, read
 * back with the official {@code opentelemetry-proto} classes; retried, spooled and replayed as the
 * calls are.
 */
class OtlpExportTest {

  private static final RetryPolicy FAST = new RetryPolicy(3, 20, 2_000);
  private static final String TRACE = "0af7651916cd43dd8448eb211c80319c";

  @TempDir Path localDir;
  private TestTraceServer server;
  private BatchCallProcessor processor;

  @BeforeEach
  void startServer() throws IOException {
    server = new TestTraceServer();
  }

  @AfterEach
  void stop() {
    if (processor != null) {
      processor.shutdown(10_000);
    }
    server.close();
  }

  private void start() {
    ServerConfig config = ServerConfig.of(server.url(), "acme", "chat", "secret-key-123", localDir);
    RemoteExporter exporter =
        new RemoteExporter(
            config,
            new HttpTraceServer(config, 2_000, 5_000),
            FAST,
            RemoteExporter.MAX_REQUEST_BYTES,
            1L << 30,
            null,
            System.err);
    processor = new BatchCallProcessor(exporter, 64L << 20, exporter.spill());
    exporter.spoolUnderPressure(processor::underPressure);
  }

  private static String spanId(int i) {
    return String.format("%016x", 0x1000L + i);
  }

  private static SpanRecord span(int i, String parent, String error) {
    String json =
        "{\"project_id\":\"acme/chat\",\"trace_id\":\""
            + TRACE
            + "\",\"span_id\":\""
            + spanId(i)
            + "\","
            + (parent == null ? "" : "\"parent_span_id\":\"" + parent + "\",")
            + "\"name\":\"execute_tool lookup\",\"start_us\":1700000000000000,"
            + "\"end_us\":1700000000000250,\"attributes\":{\"gen_ai.operation.name\":"
            + "\"execute_tool\",\"gen_ai.usage.input_tokens\":120,\"temperature\":0.5,"
            + "\"stream\":true,\"gen_ai.response.finish_reasons\":[\"stop\",\"length\"]}"
            + (error == null
                ? ""
                : ",\"exception\":{\"type\":\"java.io.IOException\",\"message\":\""
                    + error
                    + "\",\"stacktrace\":\"java.io.IOException: "
                    + error
                    + "\\n\\tat a.B.c(B.java:1)\"}")
            + "}";
    return new SpanRecord(JsonPart.of(json.getBytes(StandardCharsets.UTF_8)));
  }

  private List<String> submitSpans(int n) {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      ids.add(spanId(i));
      processor.submit(span(i, i == 0 ? null : spanId(0), null));
    }
    return ids;
  }

  private static Map<String, AnyValue> attributes(List<KeyValue> kvs) {
    return kvs.stream().collect(Collectors.toMap(KeyValue::getKey, KeyValue::getValue));
  }

  private static void await(BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime()).as("condition not met in time").isLessThan(deadline);
      Thread.sleep(10);
    }
  }

  @Test
  void agentSpansArriveOnceAsGzippedOtlpProtobufBatchesWithTheProjectAsResource() {
    start();
    List<String> ids = submitSpans(700);
    processor.submit(span(900, spanId(0), "lookup failed"));
    ids.add(spanId(900));

    assertThat(processor.flush(30_000)).isTrue();

    ExportAssertions.assertExactlyOnce(server.spanCounts, ids);
    assertThat(server.paths).doesNotContain("/call/upsert_batch");
    assertThat(server.otlpRequests.size()).as("several spans per request").isBetween(2, 10);
    assertThat(server.otlpHeaders)
        .allSatisfy(h -> assertThat(h).isEqualTo("application/x-protobuf gzip"));
    assertThat(server.authorizations).allSatisfy(a -> assertThat(a).startsWith("Basic "));
    ExportTraceServiceRequest first = server.otlpRequests.get(0);
    assertThat(attributes(first.getResourceSpans(0).getResource().getAttributesList()))
        .containsEntry("wandb.entity", AnyValue.newBuilder().setStringValue("acme").build())
        .containsEntry("wandb.project", AnyValue.newBuilder().setStringValue("chat").build())
        .containsEntry(
            "service.name", AnyValue.newBuilder().setStringValue("weave-conversation-sdk").build());
    assertThat(first.getResourceSpans(0).getScopeSpans(0).getScope().getName())
        .isEqualTo("weave.conversation");

    List<Span> spans = new ArrayList<>();
    server.otlpRequests.forEach(
        r ->
            r.getResourceSpans(0).getScopeSpansList().forEach(s -> spans.addAll(s.getSpansList())));
    Span child = spans.stream().filter(s -> hex(s.getSpanId()).equals(spanId(1))).findFirst().get();
    assertThat(hex(child.getTraceId())).isEqualTo(TRACE);
    assertThat(hex(child.getParentSpanId())).isEqualTo(spanId(0));
    assertThat(child.getName()).isEqualTo("execute_tool lookup");
    assertThat(child.getStartTimeUnixNano()).isEqualTo(1_700_000_000_000_000_000L);
    assertThat(child.getEndTimeUnixNano()).isEqualTo(1_700_000_000_000_250_000L);
    Map<String, AnyValue> a = attributes(child.getAttributesList());
    assertThat(a.get("gen_ai.operation.name").getStringValue()).isEqualTo("execute_tool");
    assertThat(a.get("gen_ai.usage.input_tokens").getIntValue()).isEqualTo(120);
    assertThat(a.get("temperature").getDoubleValue()).isEqualTo(0.5);
    assertThat(a.get("stream").getBoolValue()).isTrue();
    assertThat(a.get("gen_ai.response.finish_reasons").getArrayValue().getValuesList())
        .extracting(AnyValue::getStringValue)
        .containsExactly("stop", "length");
    Span root = spans.stream().filter(s -> hex(s.getSpanId()).equals(spanId(0))).findFirst().get();
    assertThat(root.getParentSpanId().isEmpty()).isTrue();
    assertThat(child.getStatus().getCode()).isEqualTo(Status.StatusCode.STATUS_CODE_UNSET);

    Span failed =
        spans.stream().filter(s -> hex(s.getSpanId()).equals(spanId(900))).findFirst().get();
    assertThat(failed.getStatus().getCode()).isEqualTo(Status.StatusCode.STATUS_CODE_ERROR);
    assertThat(failed.getStatus().getMessage()).isEqualTo("lookup failed");
    assertThat(failed.getEvents(0).getName()).isEqualTo("exception");
    assertThat(attributes(failed.getEvents(0).getAttributesList()))
        .containsEntry(
            "exception.type", AnyValue.newBuilder().setStringValue("java.io.IOException").build())
        .containsKey("exception.stacktrace");
  }

  @Test
  void unavailableAndTooManyRequestsAreRetriedHonouringRetryAfterAndEverySpanArrivesOnce() {
    AtomicInteger failures = new AtomicInteger();
    List<Long> times = new java.util.concurrent.CopyOnWriteArrayList<>();
    server.fault =
        (path, n, body) -> {
          if (!path.equals(OtlpTraces.PATH)) {
            return null;
          }
          times.add(System.nanoTime());
          return switch (failures.incrementAndGet()) {
            case 1 -> TestTraceServer.Reply.of(503, "{}");
            case 2 ->
                new TestTraceServer.Reply(
                    429, "{\"detail\":\"slow down\"}", Map.of("Retry-After", "1"));
            default -> null;
          };
        };
    start();
    List<String> ids = submitSpans(50);

    assertThat(processor.flush(30_000)).isTrue();

    ExportAssertions.assertExactlyOnce(server.spanCounts, ids);
    assertThat(TimeUnit.NANOSECONDS.toMillis(times.get(2) - times.get(1)))
        .as("waited as Retry-After asked")
        .isGreaterThanOrEqualTo(950);
  }

  @Test
  void spansMadeWhileTheServerIsDownAreSpooledAndReplayedOnceWhenItComesBack() throws Exception {
    server.down();
    start();
    List<String> ids = submitSpans(300);
    assertThat(processor.flush(30_000)).isTrue();
    assertThat(ExportAssertions.spoolLines(localDir))
        .hasSize(300)
        .allSatisfy(l -> assertThat(l).startsWith("{\"mode\":\"otel_span\",\"req\":{"));

    server.up();
    await(() -> server.spanCounts.size() == ids.size());

    ExportAssertions.assertExactlyOnce(server.spanCounts, ids);
    await(
        () -> {
          try {
            return ExportAssertions.spoolLines(localDir).isEmpty();
          } catch (IOException e) {
            return false;
          }
        });
    ExportAssertions.assertExactlyOnce(server.spanCounts, ids);
  }

  private static String hex(com.google.protobuf.ByteString b) {
    return HexFormat.of().formatHex(b.toByteArray());
  }
}
