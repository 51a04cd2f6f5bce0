package dev.weave4j.internal.trace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.weave4j.annotations.Accumulator;
import dev.weave4j.internal.Diagnostics;
import dev.weave4j.internal.Diagnostics.Problem;
import dev.weave4j.internal.trace.SignalFixtures.Collect;
import dev.weave4j.internal.trace.StreamingSupport.Rec;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class StreamingTest {

  private final StreamingSupport t = new StreamingSupport();

  @AfterEach
  void noContextLeaks() {
    assertThat(Contexts.currentCall()).isNull();
  }

  private int inner(int x) {
    return t.plain("inner", () -> x + 1);
  }

  private Iterator<Integer> numbers(int n) {
    return t.op(
        "numbers",
        ReturnShape.ITERATOR,
        () -> IntStream.range(0, n).map(this::inner).boxed().iterator());
  }

  /** Values 0..n-1, each produced by a traced op, failing at {@code failAt} (or never). */
  private Iterator<Integer> producing(int n, int failAt) {
    return new Iterator<>() {
      int i;

      @Override
      public boolean hasNext() {
        return i < n;
      }

      @Override
      public Integer next() {
        if (i == failAt) {
          throw new IllegalStateException("boom at " + i);
        }
        if (i >= n) {
          throw new NoSuchElementException();
        }
        return inner(i++) - 1;
      }
    };
  }

  // ---- Iterator -------------------------------------------------------------------------------

  @Test
  void iteratorExhaustedEndsWithTheValuesAndProducerOpsAreChildren() {
    Iterator<Integer> it = t.op("gen", ReturnShape.ITERATOR, () -> producing(3, -1));
    assertThat(t.call("gen").ended()).isFalse();
    assertThat(Contexts.currentCall()).as("the op's context is popped on return").isNull();
    List<Integer> got = new ArrayList<>();
    while (it.hasNext()) {
      got.add(it.next());
      t.plain("consumer", () -> 0); // the consumer's own op, between values
    }

    assertThat(got).containsExactly(0, 1, 2);
    Rec gen = t.call("gen");
    assertThat(gen.output()).isEqualTo(StreamingSupport.json("[0,1,2]"));
    assertThat(gen.end().exception()).isNull();
    assertThat(t.childOps(gen)).containsExactly("inner", "inner", "inner");
    assertThat(t.calls("consumer")).allSatisfy(c -> assertThat(c.parentId()).isNull());
  }

  @Test
  void iteratorForEachRemainingRunsTheConsumerOutsideTheOp() {
    Iterator<Integer> it = t.op("gen", ReturnShape.ITERATOR, () -> producing(2, -1));
    it.forEachRemaining(v -> t.plain("consumer", () -> v));

    Rec gen = t.call("gen");
    assertThat(gen.output()).isEqualTo(StreamingSupport.json("[0,1]"));
    assertThat(t.childOps(gen)).containsExactly("inner", "inner");
    assertThat(t.calls("consumer")).allSatisfy(c -> assertThat(c.parentId()).isNull());
  }

  @Test
  void iteratorStoppedEarlyByCloseEndsWithTheValuesSoFar() throws Exception {
    Iterator<Integer> it = t.op("gen", ReturnShape.ITERATOR, () -> producing(5, -1));
    it.next();
    it.next();
    ((AutoCloseable) it).close();

    Rec gen = t.call("gen");
    assertThat(gen.output()).isEqualTo(StreamingSupport.json("[0,1]"));
    assertThat(gen.end().exception()).isNull();
  }

  @Test
  void iteratorFailedMidwayRecordsAndRethrowsTheSameException() {
    Iterator<Integer> it = t.op("gen", ReturnShape.ITERATOR, () -> producing(5, 2));
    it.next();
    it.next();
    Throwable thrown = null;
    try {
      it.next();
    } catch (IllegalStateException e) {
      thrown = e;
    }

    assertThat(thrown).hasMessage("boom at 2");
    Rec gen = t.call("gen");
    assertThat(gen.exception().path("type").asText()).isEqualTo("java.lang.IllegalStateException");
    assertThat(gen.output()).isEqualTo(StreamingSupport.json("[0,1]"));
  }

  @Test
  void nextPastTheEndCountsAsExhaustion() {
    Iterator<Integer> it = t.op("gen", ReturnShape.ITERATOR, () -> List.of(1).iterator());
    it.next();
    assertThatThrownBy(it::next).isInstanceOf(NoSuchElementException.class);
    assertThat(t.call("gen").end().exception()).isNull();
  }

  @Test
  void iteratorNeverConsumedEndsWhenCollected() {
    dropIterator();
    assertThat(StreamingSupport.gcUntil(() -> t.call("gen").ended())).isTrue();
    assertThat(t.call("gen").output().asText()).isEqualTo(StreamCall.NOT_CONSUMED);
  }

  private void dropIterator() {
    t.op("gen", ReturnShape.ITERATOR, () -> producing(3, -1));
  }

  @Test
  void iteratorPartlyConsumedAndDroppedEndsWithTheValuesSoFar() {
    dropAfterOne();
    assertThat(StreamingSupport.gcUntil(() -> t.call("gen").ended())).isTrue();
    assertThat(t.call("gen").output()).isEqualTo(StreamingSupport.json("[0]"));
  }

  private void dropAfterOne() {
    t.op("gen", ReturnShape.ITERATOR, () -> producing(3, -1)).next();
  }

  // ---- Iterable -------------------------------------------------------------------------------

  @Test
  void iterableTracesItsFirstIteration() {
    Iterable<Integer> values = t.op("gen", ReturnShape.ITERABLE, () -> List.of(1, 2, 3));
    List<Integer> first = new ArrayList<>();
    values.forEach(first::add);
    List<Integer> second = new ArrayList<>();
    values.forEach(second::add);

    assertThat(first).containsExactly(1, 2, 3);
    assertThat(second).containsExactly(1, 2, 3);
    assertThat(t.call("gen").output()).isEqualTo(StreamingSupport.json("[1,2,3]"));
  }

  @Test
  void iterableFailingAndNeverIterated() {
    Iterable<Integer> failing = t.op("failing", ReturnShape.ITERABLE, () -> () -> producing(3, 1));
    assertThatThrownBy(() -> failing.forEach(v -> {})).hasMessage("boom at 1");
    assertThat(t.call("failing").exception().path("message").asText()).isEqualTo("boom at 1");

    dropIterable();
    assertThat(StreamingSupport.gcUntil(() -> t.call("never").ended())).isTrue();
    assertThat(t.call("never").output().asText()).isEqualTo(StreamCall.NOT_CONSUMED);
  }

  private void dropIterable() {
    t.op("never", ReturnShape.ITERABLE, () -> List.of(1));
  }

  // ---- Stream ---------------------------------------------------------------------------------

  private Stream<Integer> stream(int n) {
    return t.op(
        "stream", ReturnShape.STREAM, () -> IntStream.range(0, n).mapToObj(i -> inner(i) - 1));
  }

  @Test
  void streamExhaustedByATerminalOperation() {
    List<Integer> got = stream(3).map(v -> t.plain("consumer", () -> v * 10)).toList();

    assertThat(got).containsExactly(0, 10, 20);
    Rec s = t.call("stream");
    assertThat(s.output()).isEqualTo(StreamingSupport.json("[0,1,2]"));
    assertThat(t.childOps(s)).containsExactly("inner", "inner", "inner");
    assertThat(t.calls("consumer")).hasSize(3).allSatisfy(c -> assertThat(c.parentId()).isNull());
  }

  @Test
  void streamShortCircuitedStopsEarly() {
    Optional<Integer> first = stream(100).filter(v -> v > 1).findFirst();
    assertThat(first).contains(2);
    assertThat(t.call("stream").output()).isEqualTo(StreamingSupport.json("[0,1,2]"));

    List<Integer> limited = stream(100).limit(2).collect(Collectors.toList());
    assertThat(limited).containsExactly(0, 1);
    assertThat(t.calls("stream").get(1).output()).isEqualTo(StreamingSupport.json("[0,1]"));
  }

  @Test
  void streamClosedBeforeConsumingEndsEmpty() {
    Stream<Integer> s = stream(3);
    s.close();
    assertThat(t.call("stream").output()).isEqualTo(StreamingSupport.json("[]"));
    assertThat(t.call("stream").end().exception()).isNull();
  }

  @Test
  void streamIteratorIsTraced() {
    Iterator<Integer> it = stream(2).iterator();
    assertThat(t.call("stream").ended()).isFalse();
    it.next();
    it.next();
    assertThat(it.hasNext()).isFalse();
    assertThat(t.call("stream").output()).isEqualTo(StreamingSupport.json("[0,1]"));
  }

  @Test
  void streamFailedMidwayRecordsTheProducersException() {
    Stream<Integer> s =
        t.op(
            "stream",
            ReturnShape.STREAM,
            () ->
                Stream.of(1, 2, 3)
                    .map(
                        v -> {
                          if (v == 3) {
                            throw new IllegalArgumentException("bad " + v);
                          }
                          return v;
                        }));
    assertThatThrownBy(s::toList).isInstanceOf(IllegalArgumentException.class).hasMessage("bad 3");
    Rec rec = t.call("stream");
    assertThat(rec.exception().path("type").asText())
        .isEqualTo("java.lang.IllegalArgumentException");
    assertThat(rec.output()).isEqualTo(StreamingSupport.json("[1,2]"));
  }

  @Test
  void consumerFailureIsAnEarlyStopNotAnError() {
    assertThatThrownBy(
            () ->
                stream(5)
                    .forEach(
                        v -> {
                          if (v == 1) {
                            throw new IllegalStateException("consumer");
                          }
                        }))
        .hasMessage("consumer");
    Rec s = t.call("stream");
    assertThat(s.end().exception()).isNull();
    assertThat(s.output()).isEqualTo(StreamingSupport.json("[0,1]"));
  }

  @Test
  void primitiveStreams() {
    int sum = t.op("ints", ReturnShape.INT_STREAM, () -> IntStream.rangeClosed(1, 4)).sum();
    assertThat(sum).isEqualTo(10);
    assertThat(t.call("ints").output()).isEqualTo(StreamingSupport.json("[1,2,3,4]"));

    long firstLong =
        t.op("longs", ReturnShape.LONG_STREAM, () -> java.util.stream.LongStream.of(7, 8, 9))
            .findFirst()
            .getAsLong();
    assertThat(firstLong).isEqualTo(7);
    assertThat(t.call("longs").output()).isEqualTo(StreamingSupport.json("[7]"));

    double[] doubles =
        t.op("doubles", ReturnShape.DOUBLE_STREAM, () -> java.util.stream.DoubleStream.of(0.5, 1.5))
            .map(d -> d * 2)
            .toArray();
    assertThat(doubles).containsExactly(1.0, 3.0);
    assertThat(t.call("doubles").output()).isEqualTo(StreamingSupport.json("[0.5,1.5]"));
  }

  @Test
  void parallelStreamEndsOnceWithEveryValue() {
    long sum =
        t.op(
                "par",
                ReturnShape.STREAM,
                () -> IntStream.range(0, 10_000).boxed().collect(Collectors.toList()).stream())
            .parallel()
            .mapToLong(Integer::longValue)
            .sum();
    assertThat(sum).isEqualTo(49_995_000L);
    Rec par = t.call("par");
    assertThat(par.output().size()).isEqualTo(StreamCall.MAX_VALUES + 1);
  }

  @Test
  void streamNeverConsumedEndsWhenCollected() {
    dropStream();
    assertThat(StreamingSupport.gcUntil(() -> t.call("stream").ended())).isTrue();
    assertThat(t.call("stream").output().asText()).isEqualTo(StreamCall.NOT_CONSUMED);
  }

  private void dropStream() {
    stream(3).map(v -> v + 1); // an intermediate stage, dropped too
  }

  @Test
  void streamDeclaredAsObjectIsTracedFromTheInstance() {
    Object s = t.op("dyn", ReturnShape.DYNAMIC, () -> Stream.of("a", "b"));
    @SuppressWarnings("unchecked")
    List<String> got = ((Stream<String>) s).toList();
    assertThat(got).containsExactly("a", "b");
    assertThat(t.call("dyn").output()).isEqualTo(StreamingSupport.json("['a','b']"));

    List<String> list = List.of("x");
    assertThat(t.<Object>op("dynList", ReturnShape.DYNAMIC, () -> list)).isSameAs(list);
    assertThat(t.call("dynList").output()).isEqualTo(StreamingSupport.json("['x']"));
  }

  /** The seed's deeply_nested_generator, with Streams. */
  private Stream<Integer> nestedGenerator(int x) {
    return t.op(
        "nested_generator", ReturnShape.STREAM, () -> IntStream.range(0, x).mapToObj(this::inner));
  }

  private Stream<Integer> deeplyNestedGenerator(int x) {
    return t.op(
        "deeply_nested_generator",
        ReturnShape.STREAM,
        () -> IntStream.range(0, x).boxed().flatMap(this::nestedGenerator));
  }

  @Test
  void deeplyNestedGeneratorBuildsTheSameTreeAsUpstream() {
    List<Integer> res = deeplyNestedGenerator(4).toList();

    assertThat(res).containsExactly(1, 1, 2, 1, 2, 3);
    Rec root = t.call("deeply_nested_generator");
    assertThat(root.parentId()).isNull();
    assertThat(t.childOps(root))
        .containsExactly(
            "nested_generator", "nested_generator", "nested_generator", "nested_generator");
    List<Rec> nested = t.calls("nested_generator");
    assertThat(nested).extracting(n -> t.childOps(n).size()).containsExactly(0, 1, 2, 3);
    assertThat(t.calls("inner"))
        .allSatisfy(
            i ->
                assertThat(t.calls().stream().filter(c -> c.id().equals(i.parentId())).findFirst())
                    .get()
                    .extracting(Rec::opName)
                    .isEqualTo("nested_generator"));
    assertThat(root.output()).isEqualTo(StreamingSupport.json("[1,1,2,1,2,3]"));
    assertThat(t.calls()).allSatisfy(c -> assertThat(c.ends()).hasSize(1));
  }

  // ---- Spliterator ----------------------------------------------------------------------------

  @Test
  void spliteratorExhaustedFailedAndDropped() {
    Spliterator<Integer> s =
        t.op("split", ReturnShape.SPLITERATOR, () -> List.of(1, 2).spliterator());
    List<Integer> got = new ArrayList<>();
    while (s.tryAdvance(got::add)) {}
    assertThat(got).containsExactly(1, 2);
    assertThat(t.call("split").output()).isEqualTo(StreamingSupport.json("[1,2]"));

    Spliterator<Integer> failing =
        t.op(
            "failingSplit",
            ReturnShape.SPLITERATOR,
            () -> Spliterators.spliteratorUnknownSize(producing(3, 1), 0));
    assertThatThrownBy(() -> failing.forEachRemaining(v -> {})).hasMessage("boom at 1");
    assertThat(t.call("failingSplit").exception()).isNotNull();
    assertThat(t.call("failingSplit").output()).isEqualTo(StreamingSupport.json("[0]"));

    dropSpliterator();
    assertThat(StreamingSupport.gcUntil(() -> t.call("droppedSplit").ended())).isTrue();
    assertThat(t.call("droppedSplit").output().asText()).isEqualTo(StreamCall.NOT_CONSUMED);
  }

  private void dropSpliterator() {
    t.op("droppedSplit", ReturnShape.SPLITERATOR, () -> List.of(1).spliterator());
  }

  // ---- Flow.Publisher -------------------------------------------------------------------------

  /** A synchronous publisher of 0..n-1 (each produced by a traced op), failing at failAt. */
  private Flow.Publisher<Integer> range(int n, int failAt) {
    return SignalFixtures.range(n, failAt, x -> inner(x) - 1);
  }

  /** Requests one at a time (each value through a traced op); cancels after cancelAfter values. */
  private Collect collect(int cancelAfter) {
    return new Collect(cancelAfter, x -> t.plain("consumer", () -> x));
  }

  @Test
  void publisherCompletedCancelledFailedAndNeverSubscribed() {
    Collect all = collect(-1);
    t.op("pub", ReturnShape.FLOW_PUBLISHER, () -> range(3, -1)).subscribe(all);
    assertThat(all.completed).isTrue();
    assertThat(all.got).containsExactly(0, 1, 2);
    Rec pub = t.call("pub");
    assertThat(pub.output()).isEqualTo(StreamingSupport.json("[0,1,2]"));
    assertThat(t.childOps(pub)).containsExactly("inner", "inner", "inner");
    assertThat(t.calls("consumer")).allSatisfy(c -> assertThat(c.parentId()).isNull());

    Collect two = collect(2);
    t.op("cancelled", ReturnShape.FLOW_PUBLISHER, () -> range(10, -1)).subscribe(two);
    assertThat(t.call("cancelled").output()).isEqualTo(StreamingSupport.json("[0,1]"));
    assertThat(t.call("cancelled").end().exception()).isNull();

    Collect failing = collect(-1);
    t.op("failed", ReturnShape.FLOW_PUBLISHER, () -> range(10, 2)).subscribe(failing);
    assertThat(failing.error).hasMessage("boom at 2");
    assertThat(t.call("failed").exception().path("message").asText()).isEqualTo("boom at 2");
    assertThat(t.call("failed").output()).isEqualTo(StreamingSupport.json("[0,1]"));

    dropPublisher();
    assertThat(StreamingSupport.gcUntil(() -> t.call("dropped").ended())).isTrue();
    assertThat(t.call("dropped").output().asText()).isEqualTo(StreamCall.NOT_CONSUMED);
  }

  private void dropPublisher() {
    t.op("dropped", ReturnShape.FLOW_PUBLISHER, () -> range(3, -1));
  }

  // ---- CompletionStage ------------------------------------------------------------------------

  @Test
  void futureCompletedOnAnotherThreadIsTheSameInstance() throws Exception {
    CompletableFuture<String> original = new CompletableFuture<>();
    CompletableFuture<String> got = t.op("future", ReturnShape.COMPLETION_STAGE, () -> original);
    assertThat(got).isSameAs(original);
    assertThat(t.call("future").ended()).isFalse();
    Thread other = new Thread(() -> original.complete("done"));
    other.start();
    other.join();

    assertThat(got.get()).isEqualTo("done");
    assertThat(t.call("future").output().asText()).isEqualTo("done");
  }

  @Test
  void futureAlreadyCompletedEndsNow() {
    t.op("now", ReturnShape.COMPLETION_STAGE, () -> CompletableFuture.completedFuture(42));
    assertThat(t.call("now").output().asInt()).isEqualTo(42);
  }

  @Test
  void futureFailedAndCancelled() {
    CompletableFuture<String> failing =
        t.op(
            "failing",
            ReturnShape.COMPLETION_STAGE,
            () ->
                CompletableFuture.supplyAsync(
                    () -> {
                      throw new IllegalStateException("async boom");
                    }));
    assertThatThrownBy(failing::join).hasCauseInstanceOf(IllegalStateException.class);
    assertThat(StreamingSupport.gcUntil(() -> t.call("failing").ended())).isTrue();
    assertThat(t.call("failing").exception().path("type").asText())
        .isEqualTo("java.lang.IllegalStateException");

    CompletableFuture<String> pending = new CompletableFuture<>();
    CompletionStage<String> cancelled =
        t.op("cancelled", ReturnShape.COMPLETION_STAGE, () -> pending);
    cancelled.toCompletableFuture().cancel(true);
    assertThat(t.call("cancelled").exception().path("type").asText())
        .isEqualTo("java.util.concurrent.CancellationException");
    assertThatThrownBy(pending::join).isInstanceOf(CancellationException.class);
  }

  @Test
  void futureNeverCompletedEndsWhenCollected() {
    dropFuture();
    assertThat(StreamingSupport.gcUntil(() -> t.call("never").ended())).isTrue();
    assertThat(t.call("never").output().asText()).isEqualTo(StreamCall.NOT_COMPLETED);
  }

  private void dropFuture() {
    t.op("never", ReturnShape.COMPLETION_STAGE, CompletableFuture::new);
  }

  // ---- Accumulators ---------------------------------------------------------------------------

  /** The seed's list_accumulator. */
  public static final class ListAccumulator implements Accumulator<List<Object>, Object> {
    final List<Object> states = new ArrayList<>();

    @Override
    public List<Object> accumulate(List<Object> acc, Object value) {
      states.add(acc == null ? "null" : List.copyOf(acc));
      if (acc == null) {
        acc = new ArrayList<>();
      }
      acc.add(value);
      return acc;
    }
  }

  @Test
  void accumulatorGetsNullFirstAndItsLastStateIsTheOutput() {
    ListAccumulator acc = new ListAccumulator();
    List<Integer> got = t.op("acc", ReturnShape.STREAM, acc, () -> Stream.of(0, 1, 2)).toList();
    assertThat(got).containsExactly(0, 1, 2);
    assertThat(acc.states).containsExactly("null", List.of(0), List.of(0, 1));
    assertThat(t.call("acc").output()).isEqualTo(StreamingSupport.json("[0,1,2]"));

    Accumulator<String, String> join = (s, v) -> s == null ? v : s + v;
    t.op("join", ReturnShape.ITERATOR, join, () -> List.of("Hel", "lo").iterator())
        .forEachRemaining(v -> {});
    assertThat(t.call("join").output().asText()).isEqualTo("Hello");
  }

  @Test
  void throwingAccumulatorLeavesTheStreamWorkingAndRecordsAMarker() {
    long before = Diagnostics.count(Problem.HOOK_ERROR);
    Accumulator<Object, Object> broken =
        (s, v) -> {
          throw new UnsupportedOperationException("nope");
        };
    List<Integer> got = t.op("broken", ReturnShape.STREAM, broken, () -> Stream.of(1, 2)).toList();

    assertThat(got).containsExactly(1, 2);
    assertThat(t.call("broken").output().asText())
        .contains("accumulator")
        .contains("UnsupportedOperationException: nope");
    assertThat(Diagnostics.count(Problem.HOOK_ERROR)).isGreaterThan(before);
  }

  @Test
  void valuesWithoutAnAccumulatorAreBounded() {
    long count =
        t.op("many", ReturnShape.STREAM, () -> IntStream.range(0, 1500).boxed())
            .filter(v -> true)
            .count();
    assertThat(count).isEqualTo(1500);
    var output = t.call("many").output();
    assertThat(output.size()).isEqualTo(StreamCall.MAX_VALUES + 1);
    assertThat(output.get(StreamCall.MAX_VALUES).asText()).contains("501 more values");
  }

  // ---- Exactly once ---------------------------------------------------------------------------

  @Test
  void closeRacingExhaustionEndsEachCallOnce() throws Exception {
    int rounds = 200;
    for (int r = 0; r < rounds; r++) {
      Iterator<Integer> it = t.op("race", ReturnShape.ITERATOR, () -> List.of(1, 2).iterator());
      CountDownLatch go = new CountDownLatch(1);
      Thread closer =
          new Thread(
              () -> {
                try {
                  go.await();
                  ((AutoCloseable) it).close();
                } catch (Exception e) {
                  throw new AssertionError(e);
                }
              });
      closer.start();
      go.countDown();
      while (it.hasNext()) {
        it.next();
      }
      closer.join(TimeUnit.SECONDS.toMillis(10));
    }
    List<Rec> races = t.calls("race");
    assertThat(races).hasSize(rounds).allSatisfy(c -> assertThat(c.ends()).hasSize(1));
  }

  @Test
  void shutdownEndsOpenCalls() {
    Iterator<Integer> kept = numbers(3);
    kept.next();
    StreamCall.endOpenCalls();
    assertThat(t.call("numbers").output()).isEqualTo(StreamingSupport.json("[1]"));
    kept.next(); // still works for the app, untraced
    assertThat(t.call("numbers").ends()).hasSize(1);
  }

  @Test
  void sharedCounterAcrossThreadsEndsOnce() throws Exception {
    AtomicLong pulled = new AtomicLong();
    Iterator<Integer> it =
        t.op("shared", ReturnShape.ITERATOR, () -> IntStream.range(0, 1000).iterator());
    Runnable drain =
        () -> {
          while (true) {
            synchronized (it) {
              if (!it.hasNext()) {
                return;
              }
              it.next();
            }
            pulled.incrementAndGet();
          }
        };
    Thread a = new Thread(drain);
    Thread b = new Thread(drain);
    a.start();
    b.start();
    a.join();
    b.join();
    assertThat(pulled.get()).isEqualTo(1000);
    assertThat(t.call("shared").ends()).hasSize(1);
  }
}
