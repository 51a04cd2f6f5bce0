package dev.weave4j.benchmarks;

import java.util.Iterator;
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
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.Blackhole;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.runner.IterationType;

/**
 * Per-call cost of a traced method, run by {@link JmhRunner} once per configuration (no agent,
 * weave4j, OpenTelemetry, weave4j disabled) with that configuration's JVM arguments.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Thread)
public class AgentBenchmarks {

  /** Elements per call in the stream and iterator cases. */
  public static final int ELEMENTS = 100;

  private TracedService service;
  private String query;
  private String text;
  private TracedService.Document document;
  private int counter;

  /** Nanoseconds spent inside the traced call of {@link #smallPaced}, and how many calls. */
  private long callNanos;

  private long calls;

  /** Creates the service and the arguments. */
  @Setup(Level.Trial)
  public void setUp() {
    service = new TracedService();
    query = "what is weave?";
    text = "x".repeat(10 * 1024);
    document = new TracedService.Document("doc-1", "Weave for the JVM", 42, 0.75);
  }

  /** Records how many problems the agent counted, for {@link JmhRunner}'s report. */
  @TearDown(Level.Trial)
  public void tearDown(BenchmarkParams params) {
    BenchStats.write(params.getBenchmark(), callNanos, calls);
  }

  /**
   * Other work per call in {@link #smallPaced}: about 10 µs on this class of machine, so calls come
   * at a rate the exporter thread keeps up with and every call is traced.
   */
  public static final long PACE_TOKENS = 4000;

  /**
   * A traced call with small arguments, flat out: a million calls a second is more than one
   * exporter thread writes, so calls beyond the queue are shed (counted, not traced).
   */
  @Benchmark
  public int small() {
    return service.small(counter++, query);
  }

  /**
   * The same call after some other work: every call is traced and written. The time inside the call
   * itself is also summed ({@link #callNanos}), so that the cost added on the calling thread can be
   * read without the pacing's own noise.
   */
  @Benchmark
  public int smallPaced() {
    Blackhole.consumeCPU(PACE_TOKENS);
    long start = System.nanoTime();
    int result = service.small(counter++, query);
    callNanos += System.nanoTime() - start;
    calls++;
    return result;
  }

  /** Keeps the in-call time of measured iterations only. */
  @TearDown(Level.Iteration)
  public void endIteration(IterationParams params) {
    if (params.getType() == IterationType.WARMUP) {
      callNanos = 0;
      calls = 0;
    }
  }

  /** A traced call with a 10 KB string and a record argument. */
  @Benchmark
  public int large() {
    return service.large(text, document);
  }

  /** Three traced calls, each nested in the previous. */
  @Benchmark
  public int nested() {
    return service.outer(counter++);
  }

  /** A call of an op with {@code tracingSampleRate = 0.0}. */
  @Benchmark
  public int sampledOut() {
    return service.sampledOut(counter++, query);
  }

  /** Per element of a traced method's returned {@code Stream}. */
  @Benchmark
  @OperationsPerInvocation(ELEMENTS)
  public int streamPerElement() {
    return service.stream(ELEMENTS).mapToInt(Integer::intValue).sum();
  }

  /** Per element of a traced method's returned {@code Iterator}. */
  @Benchmark
  @OperationsPerInvocation(ELEMENTS)
  public int iteratorPerElement() {
    int sum = 0;
    Iterator<Integer> it = service.iterator(ELEMENTS);
    while (it.hasNext()) {
      sum += it.next();
    }
    return sum;
  }
}
