package dev.weave4j.benchmarks;

import dev.weave4j.internal.export.BatchCallProcessor;
import dev.weave4j.internal.export.CallProcessor;
import dev.weave4j.internal.export.CallRecord;
import dev.weave4j.internal.export.EndRecord;
import dev.weave4j.internal.export.Exporter;
import dev.weave4j.internal.export.JsonPart;
import dev.weave4j.internal.export.LocalStoreExporter;
import dev.weave4j.internal.export.RecordWriter;
import dev.weave4j.internal.export.StartRecord;
import dev.weave4j.internal.serialize.InputFields;
import dev.weave4j.internal.serialize.Redactor;
import dev.weave4j.internal.serialize.ValueSerializer;
import dev.weave4j.internal.trace.OpDescriptor;
import dev.weave4j.internal.trace.Tracer;
import dev.weave4j.internal.util.CallId;
import dev.weave4j.internal.util.Timestamps;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The parts of weave4j's per-call path, measured one by one without the agent (the runtime is on
 * the class path): where the time of a traced call goes.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Thread)
public class HotPathBenchmarks {

  /** Records per exporter batch in {@link #exportPerRecord}. */
  public static final int BATCH = 512;

  private static final CallProcessor DISCARD =
      new CallProcessor() {
        @Override
        public boolean submit(CallRecord record) {
          return true;
        }

        @Override
        public boolean flush(long timeoutMillis) {
          return true;
        }

        @Override
        public void shutdown(long timeoutMillis) {}

        @Override
        public long pending() {
          return 0;
        }
      };

  private static final Exporter DISCARD_EXPORTER =
      new Exporter() {
        @Override
        public void export(List<CallRecord> batch) {}

        @Override
        public void flush() {}

        @Override
        public void close() {}
      };

  private final Redactor redactor =
      new Redactor(Set.of("api_key", "authorization", "auth_headers", "password", "secret"));
  private final ValueSerializer serializer = new ValueSerializer(redactor);
  private final OpDescriptor op =
      OpDescriptor.builder("TracedService.small", "small")
          .parameters(List.of("count", "query"), new boolean[2])
          .build();
  private final OpDescriptor sampledOutOp =
      OpDescriptor.builder("TracedService.sampledOut", "sampledOut")
          .parameters(List.of("count", "query"), new boolean[2])
          .sampleRate(0.0)
          .build();
  private final InputFields fields =
      new InputFields(List.of("count", "query"), new int[] {0, 1}, redactor);
  private Map<String, Object> inputs;
  private Map<String, Object> summary;
  private Map<String, Object> largeInputs;
  private Tracer tracerNoExport;
  private Tracer tracerQueue;
  private BatchCallProcessor queue;
  private BatchCallProcessor queueForSubmit;
  private BatchCallProcessor storeQueue;
  private Tracer tracerStore;
  private StartRecord start;
  private EndRecord end;
  private LocalStoreExporter store;
  private List<CallRecord> batch;
  private Path storeDir;
  private final ByteArrayOutputStream lines = new ByteArrayOutputStream(1 << 20);
  private int counter;

  /** Builds the parts. */
  @Setup(Level.Trial)
  public void setUp() throws IOException {
    inputs = new LinkedHashMap<>();
    inputs.put("count", 1);
    inputs.put("query", "what is weave?");
    largeInputs = new LinkedHashMap<>();
    largeInputs.put("text", "x".repeat(10 * 1024));
    largeInputs.put("document", new TracedService.Document("doc-1", "Weave for the JVM", 42, 0.75));
    summary = new LinkedHashMap<>();
    summary.put("status_counts", Map.of("success", 1, "error", 0));
    tracerNoExport = new Tracer("local/bench", serializer, redactor, DISCARD, false);
    queue = new BatchCallProcessor(DISCARD_EXPORTER, 64L << 20);
    tracerQueue = new Tracer("local/bench", serializer, redactor, queue, false);
    queueForSubmit = new BatchCallProcessor(DISCARD_EXPORTER, 64L << 20);
    byte[] attributes =
        "{\"weave\":{\"client_version\":\"0.1.0\",\"source\":\"java-sdk\"}}"
            .getBytes(StandardCharsets.UTF_8);
    start =
        new StartRecord(
            "local/bench",
            CallId.uuid7(System.currentTimeMillis()),
            CallId.uuid7(System.currentTimeMillis()),
            null,
            "TracedService.small",
            null,
            Timestamps.nowMicros(),
            attributes,
            JsonPart.of(serializer.toJson(inputs)),
            null,
            null,
            false);
    end =
        new EndRecord(
            "local/bench",
            start.id(),
            Timestamps.nowMicros(),
            JsonPart.of(serializer.toJson(15)),
            null,
            serializer.toJson(summary));
    storeDir = Files.createTempDirectory("weave4j-hotpath");
    store = new LocalStoreExporter(storeDir, null, System.err);
    storeQueue =
        new BatchCallProcessor(new LocalStoreExporter(storeDir, null, System.err), 64L << 20);
    tracerStore = new Tracer("local/bench", serializer, redactor, storeQueue, false);
    batch = new ArrayList<>();
    for (int i = 0; i < BATCH / 2; i++) {
      batch.add(start);
      batch.add(end);
    }
  }

  /** Stops the queues and deletes the store. */
  @TearDown(Level.Trial)
  public void tearDown() throws IOException {
    queue.shutdown(1000);
    queueForSubmit.shutdown(1000);
    storeQueue.shutdown(1000);
    store.close();
    try (var files = Files.walk(storeDir)) {
      for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }

  /** {@code CallId.uuid7()}: one call id (a root call takes two: id and trace id). */
  @Benchmark
  public CallId callIdUuid7() {
    return CallId.uuid7(counter++);
  }

  /** The text of a call id, made on the exporter thread when the record is written. */
  @Benchmark
  public String callIdText() {
    return CallId.uuid7(counter++).toString();
  }

  /** {@code Timestamps.nowMicros()}: twice per call. */
  @Benchmark
  public long timestampsNowMicros() {
    return Timestamps.nowMicros();
  }

  /** {@code Timestamps.iso(...)}: twice per call, on the exporter thread. */
  @Benchmark
  public String timestampsIso() {
    return Timestamps.iso(1_767_225_600_000_000L + counter++);
  }

  /** The inputs of a small call: {@code {"count": 1, "query": "what is weave?"}}. */
  @Benchmark
  public byte[] serializeSmallInputs() {
    return serializer.toJson(inputs);
  }

  /** The same inputs written straight from the argument array, as the tracer does. */
  @Benchmark
  public byte[] serializeSmallInputsFromArgs() {
    return serializer.inputsJson(fields, new Object[] {1, "what is weave?"});
  }

  /** The inputs of the large case: a 10 KB string and a record. */
  @Benchmark
  public byte[] serializeLargeInputs() {
    return serializer.toJson(largeInputs);
  }

  /** The output of a small call: an {@code Integer}. */
  @Benchmark
  public byte[] serializeIntOutput() {
    return serializer.toJson(15);
  }

  /** The summary of a leaf call: {@code {"status_counts": {"success": 1, "error": 0}}}. */
  @Benchmark
  public byte[] serializeLeafSummary() {
    return serializer.toJson(summary);
  }

  /** {@code BatchCallProcessor.submit} of one record (drained by its thread into nothing). */
  @Benchmark
  public void processorSubmit() {
    queueForSubmit.submit(start);
  }

  /** {@code Tracer.start} + {@code end} of a small call, records discarded (no queue). */
  @Benchmark
  public Object tracerStartEndNoQueue() {
    Tracer.Scope scope = tracerNoExport.start(op, new Object[] {counter++, "what is weave?"});
    return tracerNoExport.end(scope, 15, null);
  }

  /** {@code Tracer.start} + {@code end} of a small call into the batch queue (export discarded). */
  @Benchmark
  public Object tracerStartEndQueue() {
    Tracer.Scope scope = tracerQueue.start(op, new Object[] {counter++, "what is weave?"});
    return tracerQueue.end(scope, 15, null);
  }

  /** The pacing of {@code AgentBenchmarks.smallPaced} alone. */
  @Benchmark
  public void pace() {
    Blackhole.consumeCPU(AgentBenchmarks.PACE_TOKENS);
  }

  /** Paced calls into the batch queue, export discarded. */
  @Benchmark
  public Object tracerPacedDiscard() {
    Blackhole.consumeCPU(AgentBenchmarks.PACE_TOKENS);
    Tracer.Scope scope = tracerQueue.start(op, new Object[] {counter++, "what is weave?"});
    return tracerQueue.end(scope, 15, null);
  }

  /** Paced calls into the batch queue, written to the local store by the exporter thread. */
  @Benchmark
  public Object tracerPacedStore() {
    Blackhole.consumeCPU(AgentBenchmarks.PACE_TOKENS);
    Tracer.Scope scope = tracerStore.start(op, new Object[] {counter++, "what is weave?"});
    return tracerStore.end(scope, 15, null);
  }

  /** {@code Tracer.start} + {@code end} of a call of an op with {@code tracingSampleRate = 0}. */
  @Benchmark
  public Object tracerStartEndSampledOut() {
    Tracer.Scope scope = tracerNoExport.start(sampledOutOp, new Object[] {counter++, "q"});
    return tracerNoExport.end(scope, 15, null);
  }

  /** The exporter thread's encoding alone: JSON lines into memory, in batches of 512. */
  @Benchmark
  @OperationsPerInvocation(BATCH)
  public int encodePerRecord() throws IOException {
    lines.reset();
    RecordWriter.writeLines(batch, lines);
    return lines.size();
  }

  /** The exporter thread's cost per record: JSON line + file write, in batches of 512. */
  @Benchmark
  @OperationsPerInvocation(BATCH)
  public void exportPerRecord() {
    store.export(batch);
  }
}
