package dev.weave4j.internal.export;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weave4j.internal.Diagnostics;
import dev.weave4j.internal.Diagnostics.Problem;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class BatchCallProcessorTest {

  private static final long TIMEOUT_MILLIS = 30_000;

  private final RecordingExporter exporter = new RecordingExporter();
  private BatchCallProcessor processor;

  @AfterEach
  void stop() {
    exporter.release();
    if (processor != null) {
      processor.shutdown(TIMEOUT_MILLIS);
    }
  }

  private static void awaitTrue(BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(TIMEOUT_MILLIS);
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime()).as("condition not met in time").isLessThan(deadline);
      Thread.sleep(1);
    }
  }

  @Test
  void recordsAreExportedInSubmissionOrder() {
    processor = new BatchCallProcessor(exporter, 64L << 20);
    List<String> expected = new ArrayList<>();
    for (int i = 0; i < 2_000; i++) {
      String id = "id-" + i;
      expected.add(id);
      processor.submit(i % 2 == 0 ? TestRecords.start(id) : TestRecords.end(id));
    }

    assertThat(processor.flush(TIMEOUT_MILLIS)).isTrue();

    assertThat(exporter.ids()).containsExactlyElementsOf(expected);
    assertThat(exporter.batchSizes).allSatisfy(n -> assertThat(n).isBetween(1, 512));
    assertThat(processor.pending()).isZero();
  }

  @Test
  void flushWaitsForEverythingSubmitted() {
    processor = new BatchCallProcessor(exporter, 64L << 20);
    for (int i = 0; i < 10; i++) {
      processor.submit(TestRecords.start("a" + i));
    }

    boolean flushed = processor.flush(TIMEOUT_MILLIS);

    assertThat(flushed).isTrue();
    assertThat(exporter.exported).hasSize(10);
  }

  @Test
  void flushWaitsForTheBatchTheExporterIsStillDeliveringInTheBackground()
      throws InterruptedException {
    java.util.concurrent.CountDownLatch delivered = new java.util.concurrent.CountDownLatch(1);
    List<CallRecord> received = new java.util.concurrent.CopyOnWriteArrayList<>();
    Exporter background =
        new Exporter() {
          @Override
          public void export(List<CallRecord> batch) {
            received.addAll(batch); // returns at once: the batch is "in flight"
          }

          @Override
          public void awaitDelivered() {
            if (received.isEmpty()) {
              return; // nothing in flight yet (the worker may look before the first submit)
            }
            try {
              delivered.await(TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
          }

          @Override
          public void flush() {}

          @Override
          public void close() {}
        };
    processor = new BatchCallProcessor(background, 64L << 20);
    processor.submit(TestRecords.start("a"));
    awaitTrue(() -> !received.isEmpty());

    assertThat(processor.flush(200)).as("still in flight").isFalse();
    assertThat(processor.pending()).isEqualTo(1);
    assertThat(processor.pendingBytes())
        .as("counts against the bound until delivered")
        .isPositive();

    delivered.countDown();
    assertThat(processor.flush(TIMEOUT_MILLIS)).isTrue();
    assertThat(processor.pendingBytes()).isZero();
  }

  @Test
  void flushReportsFalseWhenExporterIsStuck() throws InterruptedException {
    processor = new BatchCallProcessor(exporter, 64L << 20);
    exporter.hold();
    processor.submit(TestRecords.start("stuck"));
    assertThat(exporter.entered.await(TIMEOUT_MILLIS, TimeUnit.MILLISECONDS)).isTrue();

    assertThat(processor.flush(20)).isFalse();
    assertThat(processor.pending()).isEqualTo(1);

    exporter.release();
    assertThat(processor.flush(TIMEOUT_MILLIS)).isTrue();
    assertThat(exporter.ids()).containsExactly("stuck");
  }

  @Test
  void droppedRecordsAreCountedWhenQueueBytesAreExhausted() throws InterruptedException {
    int recordBytes = TestRecords.start("x0").estimatedBytes();
    processor = new BatchCallProcessor(exporter, 3L * recordBytes);
    exporter.hold();
    long droppedBefore = Diagnostics.count(Problem.QUEUE_FULL);

    for (int i = 0; i < 10; i++) {
      processor.submit(TestRecords.start("x" + i));
    }

    assertThat(Diagnostics.count(Problem.QUEUE_FULL) - droppedBefore).isEqualTo(7);
    exporter.release();
    assertThat(processor.flush(TIMEOUT_MILLIS)).isTrue();
    assertThat(exporter.ids()).containsExactly("x0", "x1", "x2");
  }

  @Test
  void endsOfStartedCallsAreAcceptedBeyondTheBoundSoNoCallIsLeftOpen() {
    int recordBytes = TestRecords.start("x0").estimatedBytes();
    processor = new BatchCallProcessor(exporter, 4L * recordBytes);
    exporter.hold();
    for (int i = 0; i < 4; i++) {
      processor.submit(TestRecords.start("x" + i));
    }
    assertThat(processor.hasRoom()).isFalse();

    processor.submit(TestRecords.end("x0"));

    exporter.release();
    assertThat(processor.flush(TIMEOUT_MILLIS)).isTrue();
    assertThat(exporter.exported).hasSize(5);
    assertThat(processor.hasRoom()).isTrue();
  }

  @Test
  void valuesLargerThanTheRoomLeftAreRecordedAsASizeMarkerNeverHeld() throws Exception {
    processor = new BatchCallProcessor(exporter, 64L * 1024);
    exporter.hold();
    String big = "\"" + "x".repeat(100_000) + "\"";
    StartRecord start = TestRecords.start("big");
    StartRecord bigStart =
        new StartRecord(
            start.projectId(),
            start.id(),
            start.traceId(),
            null,
            start.opName(),
            null,
            start.startedAtMicros(),
            start.attributesJson(),
            JsonPart.of(TestRecords.json("{\"prompt\":" + big + "}")),
            null,
            null,
            false);
    EndRecord end = TestRecords.end("big");
    EndRecord bigEnd =
        new EndRecord(
            end.projectId(),
            end.id(),
            end.endedAtMicros(),
            JsonPart.of(TestRecords.json(big)),
            null,
            end.summaryJson());
    long omitted = Diagnostics.count(Problem.VALUE_OMITTED);

    assertThat(processor.submit(bigStart)).isTrue();
    assertThat(processor.submit(bigEnd)).isTrue();
    assertThat(processor.pendingBytes()).isLessThan(1024);

    exporter.release();
    assertThat(processor.flush(TIMEOUT_MILLIS)).isTrue();
    assertThat(exporter.ids()).containsExactly("big", "big");
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    for (CallRecord r : exporter.exported) {
      RecordWriter.writeLine(r, out);
    }
    String lines = out.toString(java.nio.charset.StandardCharsets.UTF_8);
    assertThat(lines)
        .doesNotContain("xxxx")
        .contains("\"inputs\":{\"…\":\"…[not recorded: about 100")
        .contains("\"output\":\"…[not recorded: about 100");
    assertThat(Diagnostics.count(Problem.VALUE_OMITTED)).isEqualTo(omitted + 2);
  }

  @Test
  void aStartThatDoesNotFitIsRefusedSoTheCallIsNotTraced() {
    int recordBytes = TestRecords.start("x0").estimatedBytes();
    processor = new BatchCallProcessor(exporter, 2L * recordBytes);
    exporter.hold();

    assertThat(processor.submit(TestRecords.start("a"))).isTrue();
    assertThat(processor.submit(TestRecords.start("b"))).isTrue();
    assertThat(processor.submit(TestRecords.start("c"))).isFalse();
  }

  @Test
  void queueAcceptsRecordsAgainOnceExported() {
    int recordBytes = TestRecords.start("x0").estimatedBytes();
    processor = new BatchCallProcessor(exporter, 2L * recordBytes);
    long droppedBefore = Diagnostics.count(Problem.QUEUE_FULL);

    for (int i = 0; i < 20; i++) {
      processor.submit(TestRecords.start("x" + i));
      assertThat(processor.flush(TIMEOUT_MILLIS)).isTrue();
    }

    assertThat(Diagnostics.count(Problem.QUEUE_FULL)).isEqualTo(droppedBefore);
    assertThat(exporter.exported).hasSize(20);
  }

  @Test
  void exporterThrowsExceptionWithoutKillingTheWorker() {
    processor = new BatchCallProcessor(exporter, 64L << 20);
    exporter.failuresLeft.set(1);
    long failedBefore = Diagnostics.count(Problem.EXPORT_FAILED);

    processor.submit(TestRecords.start("lost"));
    assertThat(processor.flush(TIMEOUT_MILLIS)).isTrue();
    processor.submit(TestRecords.start("kept"));

    assertThat(processor.flush(TIMEOUT_MILLIS)).isTrue();
    assertThat(exporter.ids()).containsExactly("kept");
    assertThat(Diagnostics.count(Problem.EXPORT_FAILED)).isGreaterThan(failedBefore);
  }

  @Test
  void shutdownFlushesAndClosesTheExporter() throws InterruptedException {
    processor = new BatchCallProcessor(exporter, 64L << 20);
    for (int i = 0; i < 100; i++) {
      processor.submit(TestRecords.end("e" + i));
    }

    processor.shutdown(TIMEOUT_MILLIS);

    assertThat(exporter.exported).hasSize(100);
    awaitTrue(() -> exporter.closes.get() == 1);
  }

  @Test
  void shutdownIsIdempotent() throws InterruptedException {
    processor = new BatchCallProcessor(exporter, 64L << 20);
    processor.submit(TestRecords.start("only"));

    processor.shutdown(TIMEOUT_MILLIS);
    processor.shutdown(TIMEOUT_MILLIS);
    awaitTrue(() -> exporter.closes.get() >= 1);
    processor.shutdown(TIMEOUT_MILLIS);

    assertThat(exporter.ids()).containsExactly("only");
    assertThat(exporter.closes.get()).isEqualTo(1);
  }

  @Test
  void recordsSubmittedAfterShutdownAreDroppedAndCounted() {
    processor = new BatchCallProcessor(exporter, 64L << 20);
    processor.shutdown(TIMEOUT_MILLIS);
    long droppedBefore = Diagnostics.count(Problem.QUEUE_FULL);

    processor.submit(TestRecords.start("late"));

    assertThat(Diagnostics.count(Problem.QUEUE_FULL) - droppedBefore).isEqualTo(1);
    assertThat(exporter.exported).isEmpty();
    assertThat(processor.pending()).isZero();
  }

  @Test
  void concurrentSubmittersLoseNothing() throws InterruptedException {
    processor = new BatchCallProcessor(exporter, 64L << 20);
    int threads = 4;
    int perThread = 2_500;
    List<Thread> workers = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      int thread = t;
      workers.add(
          new Thread(
              () -> {
                for (int i = 0; i < perThread; i++) {
                  processor.submit(TestRecords.start(thread + "-" + i));
                }
              }));
    }
    workers.forEach(Thread::start);
    for (Thread w : workers) {
      w.join();
    }

    assertThat(processor.flush(TIMEOUT_MILLIS)).isTrue();
    assertThat(exporter.exported).hasSize(threads * perThread);
    for (int t = 0; t < threads; t++) {
      String prefix = t + "-";
      List<String> mine = exporter.ids().stream().filter(id -> id.startsWith(prefix)).toList();
      List<String> expected = new ArrayList<>();
      for (int i = 0; i < perThread; i++) {
        expected.add(prefix + i);
      }
      assertThat(mine).as("order of thread %s", t).containsExactlyElementsOf(expected);
    }
  }
}
