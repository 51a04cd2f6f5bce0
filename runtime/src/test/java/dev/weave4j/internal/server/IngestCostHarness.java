package dev.weave4j.internal.server;

import dev.weave4j.internal.export.CallRecord;
import dev.weave4j.internal.export.EndRecord;
import dev.weave4j.internal.export.JsonPart;
import dev.weave4j.internal.export.RecordWriter;
import dev.weave4j.internal.export.StartRecord;
import dev.weave4j.internal.util.CallId;
import dev.weave4j.internal.util.Ids;
import java.io.ByteArrayOutputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Not a test: a focused measurement of serve's ingest, in process. Feeds {@code /call/upsert_batch}
 * bodies encoded as the agent encodes them (traces of a root and four children, starts and ends in
 * call order, 512 items per request) to {@link UpsertBatchIngest}, and prints the time and the
 * allocation per call, and the heap the project's index keeps per call.
 *
 * <pre>
 * java -Xmx2g -XX:+UseG1GC -cp runtime/target/test-classes:runtime/target/classes:$(cat
 *     benchmarks/target/classpath.txt) dev.weave4j.internal.server.IngestCostHarness [calls] [rounds]
 * </pre>
 */
public final class IngestCostHarness {

  private static final int ITEMS_PER_REQUEST = 512;
  private static final String[] OPS = {
    "weave:///bench/serve/op/Agent.run:abc123",
    "weave:///bench/serve/op/Llm.chat:def456",
    "weave:///bench/serve/op/Tool.search:789abc"
  };

  private IngestCostHarness() {}

  public static void main(String[] args) throws Exception {
    int calls = args.length > 0 ? Integer.parseInt(args[0]) : 300_000;
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
    Path dir = Files.createTempDirectory("ingest-cost");
    try (ProjectStores stores = new ProjectStores(dir)) {
      UpsertBatchIngest ingest = new UpsertBatchIngest(stores);
      run(ingest, "bench/warmup", calls, "warm-up");
      for (int r = 0; r < rounds; r++) {
        run(ingest, "bench/round" + r, calls, "round " + r);
      }
    }
  }

  private static void run(UpsertBatchIngest ingest, String project, int calls, String label)
      throws Exception {
    com.sun.management.ThreadMXBean threads =
        (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    long heapBefore = usedHeapAfterGc();
    long nanos = 0;
    long cpu = 0;
    long user = 0;
    long alloc = 0;
    List<byte[]> bodies = bodies(project, calls, 1_735_689_600_000_000L);
    for (int i = 0; i < bodies.size(); i++) {
      byte[] body = bodies.set(i, null); // not retained: only the index is
      long a0 = threads.getCurrentThreadAllocatedBytes();
      long c0 = threads.getCurrentThreadCpuTime();
      long u0 = threads.getCurrentThreadUserTime();
      long t0 = System.nanoTime();
      if (ingest.ingest(body) == null) {
        throw new IllegalStateException("the fast path refused a body");
      }
      nanos += System.nanoTime() - t0;
      cpu += threads.getCurrentThreadCpuTime() - c0;
      user += threads.getCurrentThreadUserTime() - u0;
      alloc += threads.getCurrentThreadAllocatedBytes() - a0;
    }
    long retained = usedHeapAfterGc() - heapBefore;
    System.out.printf(
        Locale.ROOT,
        "%-8s %,d calls: %.2f µs/call wall, %.2f µs/call cpu (%.2f user), %,d B/call allocated,"
            + " %,d B/call retained%n",
        label,
        calls,
        nanos / 1e3 / calls,
        cpu / 1e3 / calls,
        user / 1e3 / calls,
        alloc / calls,
        retained / calls);
  }

  /**
   * Upsert bodies for {@code calls} calls, as the agent sends them: traces of a root and four
   * children, starts and ends in call order, {@value #ITEMS_PER_REQUEST} items a request.
   */
  static List<byte[]> bodies(String project, int calls, long micros) throws Exception {
    List<byte[]> bodies = new ArrayList<>();
    List<CallRecord> pending = new ArrayList<>(ITEMS_PER_REQUEST);
    int made = 0;
    while (made < calls) {
      String trace = Ids.uuid7();
      String root = Ids.uuid7();
      pending.add(start(project, root, trace, null, OPS[0], micros++));
      for (int k = 0; k < 4 && made + k + 1 < calls; k++) {
        String child = Ids.uuid7();
        pending.add(start(project, child, trace, root, OPS[1 + (k & 1)], micros++));
        pending.add(end(project, child, micros++));
        made++;
      }
      pending.add(end(project, root, micros++));
      made++;
      if (pending.size() >= ITEMS_PER_REQUEST || made >= calls) {
        bodies.add(body(pending));
        pending.clear();
      }
    }
    return bodies;
  }

  private static StartRecord start(
      String project, String id, String trace, String parent, String op, long micros) {
    return new StartRecord(
        project,
        CallId.of(id),
        CallId.of(trace),
        parent == null ? null : CallId.of(parent),
        op,
        null,
        micros,
        "{\"weave\":{\"client_version\":\"0.1.0\",\"source\":\"java-sdk\"}}"
            .getBytes(StandardCharsets.UTF_8),
        JsonPart.of(
            "{\"question\":\"what is the answer\",\"n\":42}".getBytes(StandardCharsets.UTF_8)),
        null,
        null,
        false);
  }

  private static EndRecord end(String project, String id, long micros) {
    return new EndRecord(
        project,
        CallId.of(id),
        micros,
        JsonPart.of("\"the answer\"".getBytes(StandardCharsets.UTF_8)),
        null,
        "{}".getBytes(StandardCharsets.UTF_8));
  }

  private static byte[] body(List<CallRecord> records) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream(records.size() * 400);
    out.write("{\"batch\":[".getBytes(StandardCharsets.US_ASCII));
    ByteArrayOutputStream line = new ByteArrayOutputStream(512);
    for (int i = 0; i < records.size(); i++) {
      if (i > 0) {
        out.write(',');
      }
      line.reset();
      RecordWriter.writeLine(records.get(i), line);
      out.write(line.toByteArray(), 0, line.size() - 1); // without its newline
    }
    out.write("]}".getBytes(StandardCharsets.US_ASCII));
    return out.toByteArray();
  }

  private static long usedHeapAfterGc() throws InterruptedException {
    long used = Long.MAX_VALUE;
    for (int i = 0; i < 4; i++) {
      System.gc();
      Thread.sleep(50);
      Runtime rt = Runtime.getRuntime();
      used = Math.min(used, rt.totalMemory() - rt.freeMemory());
    }
    return used;
  }
}
