package dev.weave4j.internal.remote;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.weave4j.internal.Diagnostics;
import dev.weave4j.internal.Diagnostics.Problem;
import dev.weave4j.internal.export.BatchCallProcessor;
import dev.weave4j.internal.export.CallRecord;
import dev.weave4j.internal.export.EndRecord;
import dev.weave4j.internal.export.JsonPart;
import dev.weave4j.internal.export.RequestRecord;
import dev.weave4j.internal.export.StartRecord;
import dev.weave4j.internal.util.CallId;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RemoteExporterTest {

  private static final RetryPolicy FAST = new RetryPolicy(3, 20, 2_000);

  @TempDir Path localDir;
  private TestTraceServer server;
  private BatchCallProcessor processor;
  private RemoteExporter exporter;

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

  private ServerConfig config(String key) {
    return ServerConfig.of(server.url(), "acme", "chat", key, localDir);
  }

  private BatchCallProcessor start(long maxRequestBytes, long maxQueueBytes) {
    ServerConfig config = config("secret-key-123");
    exporter =
        new RemoteExporter(
            config,
            new HttpTraceServer(config, 2_000, 5_000),
            FAST,
            maxRequestBytes,
            1L << 30,
            null,
            System.err);
    processor = new BatchCallProcessor(exporter, maxQueueBytes, exporter.spill());
    exporter.spoolUnderPressure(processor::underPressure);
    return processor;
  }

  private BatchCallProcessor start() {
    return start(RemoteExporter.MAX_REQUEST_BYTES, 64L << 20);
  }

  private static StartRecord startRecord(String id, int inputBytes) {
    String input = "{\"x\":\"" + "a".repeat(inputBytes) + "\"}";
    return new StartRecord(
        "acme/chat",
        CallId.of(id),
        CallId.of("trace-" + id),
        null,
        "Op.run",
        null,
        1_700_000_000_000_000L,
        "{}".getBytes(StandardCharsets.UTF_8),
        JsonPart.of(input.getBytes(StandardCharsets.UTF_8)),
        null,
        null,
        false);
  }

  private static EndRecord endRecord(String id) {
    return new EndRecord(
        "acme/chat",
        CallId.of(id),
        1_700_000_000_000_001L,
        JsonPart.of("\"ok\"".getBytes(StandardCharsets.UTF_8)),
        null,
        "{}".getBytes(StandardCharsets.UTF_8));
  }

  private List<String> submitCalls(int n, int inputBytes) {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      String id = "call-" + i;
      ids.add(id);
      processor.submit(startRecord(id, inputBytes));
      processor.submit(endRecord(id));
    }
    return ids;
  }

  private static void await(BooleanSupplier condition, long millis) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime()).as("condition not met in time").isLessThan(deadline);
      Thread.sleep(10);
    }
  }

  @Test
  void callsArriveOnceAsSchemaValidUpsertBatchesWithBasicAuth() {
    start();
    List<String> ids = submitCalls(1_500, 20);

    assertThat(processor.flush(30_000)).isTrue();

    ExportAssertions.assertExactlyOnce(server.starts, ids);
    ExportAssertions.assertExactlyOnce(server.ends, ids);
    assertThat(server.schemaErrors).isEmpty();
    assertThat(server.paths).containsOnly("/call/upsert_batch", "/files/create", "/obj/create");
    assertThat(server.authorizations)
        .containsOnly(
            "Basic "
                + java.util.Base64.getEncoder()
                    .encodeToString("api:secret-key-123".getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void opsArePublishedOnceAndCallsCarryTheOpRef() {
    dev.weave4j.internal.trace.OpCodes.register(
        "Op.run", "com.acme.Op", "run", "public String run(String x)", null);
    start();
    List<String> ids = submitCalls(700, 10);

    assertThat(processor.flush(30_000)).isTrue();

    assertThat(server.objects).hasSize(1);
    JsonNode obj = server.objects.get(0).path("obj");
    assertThat(obj.path("object_id").asText()).isEqualTo("Op.run");
    assertThat(obj.path("val").path("weave_type").path("type").asText()).isEqualTo("Op");
    String fileDigest = obj.path("val").path("files").path("obj.py").asText();
    assertThat(server.files.get(fileDigest))
        .contains("class com.acme.Op")
        .contains("public String run(String x)");
    assertThat(server.paths.stream().filter(p -> p.equals("/files/create"))).hasSize(1);
    assertThat(server.opNames.keySet()).containsExactlyInAnyOrderElementsOf(ids);
    assertThat(server.opNames.values())
        .allSatisfy(op -> assertThat(op).matches("weave:///acme/chat/op/Op\\.run:[A-Za-z0-9]{43}"));
    assertThat(server.schemaErrors).isEmpty();
  }

  @Test
  void opsTheServerCannotStoreKeepTheirPlainName() {
    server.fault =
        (path, n, body) ->
            path.equals("/files/create")
                ? TestTraceServer.Reply.of(404, "{\"detail\":\"Not Found\"}")
                : null;
    start();
    List<String> ids = submitCalls(10, 10);

    assertThat(processor.flush(30_000)).isTrue();

    ExportAssertions.assertExactlyOnce(server.starts, ids);
    assertThat(server.opNames.values()).containsOnly("Op.run");
  }

  @Test
  void anInvalidKeyIsReportedOnceWithWhatToDoAndTheKeyIsNeverLogged() {
    List<java.util.logging.LogRecord> logged = new java.util.concurrent.CopyOnWriteArrayList<>();
    java.util.logging.Handler capture =
        new java.util.logging.Handler() {
          @Override
          public void publish(java.util.logging.LogRecord r) {
            logged.add(r);
          }

          @Override
          public void flush() {}

          @Override
          public void close() {}
        };
    java.util.logging.Logger log = java.util.logging.Logger.getLogger("dev.weave4j");
    log.addHandler(capture);
    try {
      server.fault =
          (path, n, body) -> TestTraceServer.Reply.of(401, "{\"detail\":\"Unauthorized\"}");
      start();
      submitCalls(600, 10);
      assertThat(processor.flush(30_000)).isTrue();
    } finally {
      log.removeHandler(capture);
    }

    List<String> refusals =
        logged.stream()
            .map(java.util.logging.LogRecord::getMessage)
            .filter(m -> m.contains("refused"))
            .toList();
    assertThat(refusals).hasSize(1);
    assertThat(refusals.get(0))
        .contains("HTTP 401")
        .contains("Unauthorized")
        .contains("WANDB_API_KEY");
    assertThat(logged)
        .allSatisfy(
            r -> assertThat(String.valueOf(r.getMessage())).doesNotContain("secret-key-123"));
    assertThat(server.starts).isEmpty();
  }

  @Test
  void retryAfterMayBeSecondsOrAnHttpDate() {
    assertThat(
            HttpTraceServer.retryAfterMillis(
                new org.apache.hc.core5.http.message.BasicHeader("Retry-After", "3")))
        .isEqualTo(3_000);
    String inTenSeconds =
        java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME.format(
            java.time.ZonedDateTime.now(java.time.ZoneOffset.UTC).plusSeconds(10));
    assertThat(
            HttpTraceServer.retryAfterMillis(
                new org.apache.hc.core5.http.message.BasicHeader("Retry-After", inTenSeconds)))
        .isBetween(8_000L, 10_000L);
    assertThat(HttpTraceServer.retryAfterMillis(null)).isEqualTo(-1);
  }

  @Test
  void accessTokensAreSentAsBearer() {
    assertThat(ServerConfig.authorization("wb_at_abc")).isEqualTo("Bearer wb_at_abc");
    assertThat(config("secret-key-123").toString()).doesNotContain("secret-key-123");
  }

  @Test
  void serviceUnavailableIsRetriedUntilTheCallsArrive() throws IOException {
    AtomicInteger failures = new AtomicInteger();
    server.fault =
        (path, n, body) ->
            failures.incrementAndGet() <= 2 ? TestTraceServer.Reply.of(503, "{}") : null;
    start();
    List<String> ids = submitCalls(10, 10);

    assertThat(processor.flush(30_000)).isTrue();

    ExportAssertions.assertExactlyOnce(server.starts, ids);
    assertThat(failures.get()).isGreaterThan(2);
    assertThat(ExportAssertions.spoolLines(localDir)).isEmpty();
  }

  @Test
  void tooManyRequestsWaitsForRetryAfter() {
    AtomicInteger failures = new AtomicInteger();
    List<Long> times = new java.util.concurrent.CopyOnWriteArrayList<>();
    server.fault =
        (path, n, body) -> {
          if (!path.equals("/call/upsert_batch")) {
            return null;
          }
          times.add(System.nanoTime());
          return failures.incrementAndGet() == 1
              ? new TestTraceServer.Reply(
                  429, "{\"detail\":\"slow down\"}", Map.of("Retry-After", "1"))
              : null;
        };
    start();
    List<String> ids = submitCalls(5, 10);

    assertThat(processor.flush(30_000)).isTrue();

    ExportAssertions.assertExactlyOnce(server.starts, ids);
    assertThat(TimeUnit.NANOSECONDS.toMillis(times.get(1) - times.get(0)))
        .isGreaterThanOrEqualTo(950);
  }

  @Test
  void requestsTooLargeForTheServerAreSplitUntilTheyFit() {
    server.maxBodyBytes = 20_000;
    start();
    List<String> ids = submitCalls(300, 500);

    assertThat(processor.flush(30_000)).isTrue();

    ExportAssertions.assertExactlyOnce(server.starts, ids);
    ExportAssertions.assertExactlyOnce(server.ends, ids);
    assertThat(server.schemaErrors).isEmpty();
  }

  @Test
  void requestsStayWithinTheByteBound() {
    AtomicInteger largest = new AtomicInteger();
    server.fault =
        (path, n, body) -> {
          largest.accumulateAndGet(body.length, Math::max);
          return null;
        };
    start(50_000, 64L << 20);
    List<String> ids = submitCalls(400, 1_000);

    assertThat(processor.flush(30_000)).isTrue();

    ExportAssertions.assertExactlyOnce(server.starts, ids);
    assertThat(largest.get()).isLessThanOrEqualTo(50_000);
  }

  @Test
  void aRecordTheServerRefusesIsDroppedCountedAndTheOthersArrive() throws IOException {
    long before = Diagnostics.count(Problem.REMOTE_REJECTED);
    server.fault =
        (path, n, body) ->
            new String(body, StandardCharsets.UTF_8).contains("\"call-7\"")
                ? TestTraceServer.Reply.of(400, "{\"message\":\"bad call-7\"}")
                : null;
    start();
    List<String> ids = submitCalls(20, 10);

    assertThat(processor.flush(30_000)).isTrue();

    List<String> others = ids.stream().filter(id -> !id.equals("call-7")).toList();
    ExportAssertions.assertExactlyOnce(server.starts, others);
    assertThat(Diagnostics.count(Problem.REMOTE_REJECTED) - before).isEqualTo(2);
    assertThat(ExportAssertions.spoolLines(localDir)).isEmpty();
  }

  @Test
  void callsCompleteModeRequiredSwitchesToCompleteCalls() {
    server.fault =
        (path, n, body) ->
            path.equals("/call/upsert_batch")
                ? TestTraceServer.Reply.of(
                    400,
                    "{\"message\":\"use calls complete\",\"error_code\":\"CALLS_COMPLETE_MODE_REQUIRED\"}")
                : null;
    start();
    List<String> ids = submitCalls(50, 10);

    assertThat(processor.flush(30_000)).isTrue();

    ExportAssertions.assertExactlyOnce(server.completes, ids);
    assertThat(exporter.callsCompleteMode()).isTrue();
    assertThat(server.schemaErrors).isEmpty();
    assertThat(server.paths).contains("/v2/acme/chat/calls/complete");
  }

  @Test
  void displayNameUpdatesGoToCallUpdate() {
    start();
    processor.submit(
        new RequestRecord(
            RequestRecord.CALL_UPDATE,
            "{\"project_id\":\"acme/chat\",\"call_id\":\"c1\",\"display_name\":\"renamed\"}"
                .getBytes(StandardCharsets.UTF_8)));

    assertThat(processor.flush(30_000)).isTrue();

    assertThat(server.updates).hasSize(1);
    assertThat(server.updates.get(0).path("display_name").asText()).isEqualTo("renamed");
    assertThat(server.schemaErrors).isEmpty();
  }

  @Test
  void flushReturnsOnlyOnceTheRequestInFlightHasBeenAnswered() {
    server.delayMillis = 300;
    start();
    List<String> ids = submitCalls(50, 10);

    assertThat(processor.flush(30_000)).isTrue();

    ExportAssertions.assertExactlyOnce(server.starts, ids);
    ExportAssertions.assertExactlyOnce(server.ends, ids);
  }

  @Test
  void aRequestInFlightThatFailsGoesToTheSpoolOnceAndArrivesOnce() throws Exception {
    long spooled = Diagnostics.count(Problem.REMOTE_SPOOLED);
    AtomicInteger upserts = new AtomicInteger();
    server.fault =
        (path, n, body) -> {
          if (!path.equals("/call/upsert_batch")) {
            return null;
          }
          int k = upserts.incrementAndGet();
          // every attempt of the second request fails, while later batches are being encoded
          return k >= 2 && k <= 4 ? TestTraceServer.Reply.of(503, "{}") : null;
        };
    start();
    List<String> ids = submitCalls(5_000, 10);

    assertThat(processor.flush(30_000)).isTrue();
    await(() -> server.ends.size() == ids.size() && server.starts.size() == ids.size(), 30_000);
    Thread.sleep(300);

    assertThat(Diagnostics.count(Problem.REMOTE_SPOOLED)).isGreaterThan(spooled);
    ExportAssertions.assertExactlyOnce(server.starts, ids);
    ExportAssertions.assertExactlyOnce(server.ends, ids);
  }

  @Test
  void callsMadeWhileTheServerIsDownAreSpooledAndReplayedOnceWhenItComesBack() throws Exception {
    server.down();
    start();
    List<String> ids = submitCalls(200, 10);
    assertThat(processor.flush(30_000)).isTrue();
    assertThat(ExportAssertions.spoolLines(localDir)).hasSize(400);
    assertThat(server.starts).isEmpty();

    server.up();
    await(() -> server.ends.size() == ids.size(), 30_000);
    Thread.sleep(300);

    ExportAssertions.assertExactlyOnce(server.starts, ids);
    ExportAssertions.assertExactlyOnce(server.ends, ids);
    await(
        () -> {
          try {
            return ExportAssertions.spoolLines(localDir).isEmpty();
          } catch (IOException e) {
            return false;
          }
        },
        10_000);
  }

  @Test
  void whenTheServerNeverAnswersEveryCallIsInTheSpoolInTheLocalStoreFormat() throws Exception {
    server.down();
    start();
    List<String> ids = submitCalls(100, 10);
    ByteArrayOutputStream err = new ByteArrayOutputStream();

    long t0 = System.nanoTime();
    ShutdownFlush.run(
        processor, exporter, 5_000, new PrintStream(err, true, StandardCharsets.UTF_8));
    long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
    processor = null;

    List<String> lines = ExportAssertions.spoolLines(localDir);
    Set<String> startIds = new HashSet<>();
    for (String line : lines) {
      var n = new com.fasterxml.jackson.databind.ObjectMapper().readTree(line);
      if (n.path("mode").asText().equals("start")) {
        startIds.add(n.path("req").path("start").path("id").asText());
      }
    }
    assertThat(lines).hasSize(200);
    assertThat(startIds).containsExactlyInAnyOrderElementsOf(ids);
    assertThat(tookMillis).as("an unreachable server does not hold the exit up").isLessThan(3_000);
    assertThat(err.toString(StandardCharsets.UTF_8))
        .contains("kept in " + exporter.spoolDir().toAbsolutePath())
        .contains("sync");
  }

  @Test
  void memoryStaysBoundedWhileTheServerIsSlow() {
    // That the application's thread never waits for the network is proven without timing by
    // RemoteExportIT (a server that never answers while the app completes its calls).
    server.delayMillis = 2_000;
    start(RemoteExporter.MAX_REQUEST_BYTES, 256 * 1024);
    for (int i = 0; i < 20_000; i++) {
      processor.submit(startRecord("slow-" + i, 100));
    }

    assertThat(processor.pending() * 356).isLessThanOrEqualTo(256 * 1024 + 1024);
    server.delayMillis = 0;
  }

  @Test
  void whileTheServerAsksToWaitRecordsSpillToTheSpoolInsteadOfBeingDropped() throws Exception {
    long dropped = Diagnostics.count(Problem.QUEUE_FULL);
    server.fault =
        (path, n, body) ->
            path.equals("/call/upsert_batch")
                ? new TestTraceServer.Reply(429, "{}", Map.of("Retry-After", "20"))
                : null;
    start(RemoteExporter.MAX_REQUEST_BYTES, 4L << 20);
    List<String> ids = new ArrayList<>();
    long worstBytes = 0;
    for (int i = 0; i < 40_000; i++) {
      ids.add("p-" + i);
      processor.submit(startRecord("p-" + i, 100));
      worstBytes = Math.max(worstBytes, processor.pendingBytes());
      if (i % 100 == 0) {
        Thread.sleep(1);
      }
    }
    assertThat(processor.flush(30_000)).isTrue();

    assertThat(Diagnostics.count(Problem.QUEUE_FULL)).isEqualTo(dropped);
    assertThat(worstBytes).isLessThanOrEqualTo(4L << 20);
    assertThat(ExportAssertions.spoolLines(localDir)).hasSize(ids.size());
  }

  @Test
  void recordsTakeTheSameEnvelopeInTheSpoolAsInTheLocalStore() throws Exception {
    server.down();
    start();
    CallRecord s = startRecord("same", 3);
    processor.submit(s);
    assertThat(processor.flush(30_000)).isTrue();

    ByteArrayOutputStream line = new ByteArrayOutputStream();
    dev.weave4j.internal.export.RecordWriter.writeLine(s, line);
    assertThat(ExportAssertions.spoolLines(localDir))
        .containsExactly(line.toString(StandardCharsets.UTF_8).strip());
  }
}
