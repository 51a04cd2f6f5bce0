package dev.weave4j.internal.trace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.weave4j.annotations.Accumulator;
import dev.weave4j.internal.trace.SignalFixtures.Collect;
import dev.weave4j.internal.trace.StreamingSupport.Rec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.reactivestreams.FlowAdapters;
import org.reactivestreams.Publisher;
import reactor.core.CoreSubscriber;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.util.context.Context;

/**
 * Reactive Streams publishers and Reactor's Flux/Mono returned by ops: completed, cancelled early,
 * failed midway and never subscribed; producer ops are children, consumer ops are not; Reactor's
 * operators and Context keep working on what the caller gets.
 */
class ReactiveStreamingTest {

  private final StreamingSupport t = new StreamingSupport();

  @AfterEach
  void noContextLeaks() {
    assertThat(Contexts.currentCall()).isNull();
  }

  private int inner(int x) {
    return t.plain("inner", () -> x + 1);
  }

  private int consumer(int x) {
    return t.plain("consumer", () -> x);
  }

  private static com.fasterxml.jackson.databind.JsonNode json(String text) {
    return StreamingSupport.json(text);
  }

  // ---- org.reactivestreams.Publisher ----------------------------------------------------------

  /** A synchronous publisher of 0..n-1 (each produced by a traced op), failing at failAt. */
  private Publisher<Integer> range(int n, int failAt) {
    return FlowAdapters.toPublisher(SignalFixtures.range(n, failAt, x -> inner(x) - 1));
  }

  /** Requests one at a time (each value through a traced op); cancels after cancelAfter values. */
  private Collect collect(int cancelAfter) {
    return new Collect(cancelAfter, this::consumer);
  }

  @Test
  void publisherCompletedIsTracedUntilConsumed() {
    Publisher<Integer> p = t.op("pub", ReturnShape.REACTIVE_PUBLISHER, () -> range(3, -1));
    assertThat(t.call("pub").ended()).isFalse();
    Collect all = collect(-1);
    p.subscribe(all);

    assertThat(all.completed).isTrue();
    assertThat(all.got).containsExactly(0, 1, 2);
    Rec pub = t.call("pub");
    assertThat(pub.output()).isEqualTo(json("[0,1,2]"));
    assertThat(pub.exception()).isNull();
    assertThat(t.childOps(pub)).containsExactly("inner", "inner", "inner");
    assertThat(t.calls("consumer")).hasSize(3).allSatisfy(c -> assertThat(c.parentId()).isNull());
  }

  @Test
  void publisherCancelledEarlyEndsWithTheValuesSoFar() {
    Collect two = collect(2);
    t.op("cancelled", ReturnShape.REACTIVE_PUBLISHER, () -> range(10, -1)).subscribe(two);
    assertThat(two.got).containsExactly(0, 1);
    assertThat(t.call("cancelled").output()).isEqualTo(json("[0,1]"));
    assertThat(t.call("cancelled").exception()).isNull();
    assertThat(t.childOps(t.call("cancelled"))).hasSize(2);
  }

  @Test
  void publisherFailedMidwayRecordsTheErrorAndPassesItOn() {
    Collect failing = collect(-1);
    t.op("failed", ReturnShape.REACTIVE_PUBLISHER, () -> range(10, 2)).subscribe(failing);
    assertThat(failing.error).isInstanceOf(IllegalStateException.class).hasMessage("boom at 2");
    assertThat(t.call("failed").exception().path("message").asText()).isEqualTo("boom at 2");
    assertThat(t.call("failed").output()).isEqualTo(json("[0,1]"));
  }

  @Test
  void publisherNeverSubscribedEndsWhenCollected() {
    dropPublisher();
    assertThat(StreamingSupport.gcUntil(() -> t.call("dropped").ended())).isTrue();
    assertThat(t.call("dropped").output().asText()).isEqualTo(StreamCall.NOT_CONSUMED);
  }

  private void dropPublisher() {
    t.op("dropped", ReturnShape.REACTIVE_PUBLISHER, () -> range(3, -1));
  }

  @Test
  void publisherSecondSubscriptionIsUntracedAndNullSubscriberIsRejected() {
    Publisher<Integer> p = t.op("twice", ReturnShape.REACTIVE_PUBLISHER, () -> range(2, -1));
    assertThatThrownBy(() -> p.subscribe(null)).isInstanceOf(NullPointerException.class);
    p.subscribe(collect(-1));
    Collect second = collect(-1);
    p.subscribe(second);
    assertThat(second.got).containsExactly(0, 1);
    assertThat(t.call("twice").ends()).hasSize(1);
    assertThat(t.call("twice").output()).isEqualTo(json("[0,1]"));
    assertThat(p.toString()).isNotEmpty();
    assertThat(p).isEqualTo(p).isNotEqualTo(range(2, -1));
  }

  @Test
  void subscriberThrowingOutOfOnNextIsAnEarlyStopNotAnError() {
    IllegalArgumentException boom = new IllegalArgumentException("consumer boom");
    Collect throwing =
        new Collect(-1, this::consumer) {
          @Override
          public void onNext(Integer item) {
            throw boom;
          }
        };
    Publisher<Integer> p = t.op("rude", ReturnShape.REACTIVE_PUBLISHER, () -> range(3, -1));
    assertThatThrownBy(() -> p.subscribe(throwing)).isSameAs(boom);
    assertThat(t.call("rude").output()).isEqualTo(json("[0]"));
    assertThat(t.call("rude").exception()).isNull();
  }

  @Test
  void publisherWithAnAccumulator() {
    Accumulator<String, Object> join = (s, v) -> s == null ? "" + v : s + "," + v;
    t.op("acc", ReturnShape.REACTIVE_PUBLISHER, join, () -> range(3, -1)).subscribe(collect(-1));
    assertThat(t.call("acc").output().asText()).isEqualTo("0,1,2");
  }

  @Test
  void shutdownEndsASubscriptionInProgressWithTheValuesSoFar() {
    Collect one =
        new Collect(-1, this::consumer) {
          @Override
          public void onNext(Integer item) {
            got.add(item); // and requests no more
          }
        };
    t.op("open", ReturnShape.REACTIVE_PUBLISHER, () -> range(3, -1)).subscribe(one);
    StreamCall.endOpenCalls();
    assertThat(t.call("open").output()).isEqualTo(json("[0]"));
  }

  // ---- Reactor Flux ---------------------------------------------------------------------------

  private Flux<Integer> flux(int n, int failAt) {
    return t.op(
        "flux",
        ReturnShape.FLUX,
        () ->
            Flux.range(0, n)
                .map(
                    i -> {
                      if (i == failAt) {
                        throw new IllegalStateException("boom at " + i);
                      }
                      return inner(i) - 1;
                    }));
  }

  @Test
  void fluxCompletedStaysAFluxWithWorkingOperators() {
    Flux<Integer> f = flux(3, -1);
    assertThat(f).isInstanceOf(Flux.class);
    List<Integer> got = f.map(this::consumer).filter(v -> v >= 0).collectList().block();

    assertThat(got).containsExactly(0, 1, 2);
    Rec call = t.call("flux");
    assertThat(call.output()).isEqualTo(json("[0,1,2]"));
    assertThat(call.exception()).isNull();
    assertThat(t.childOps(call)).containsExactly("inner", "inner", "inner");
    assertThat(t.calls("consumer")).hasSize(3).allSatisfy(c -> assertThat(c.parentId()).isNull());
  }

  @Test
  void fluxCancelledEarlyByTake() {
    List<Integer> got = flux(10, -1).take(2).collectList().block();
    assertThat(got).containsExactly(0, 1);
    assertThat(t.call("flux").output()).isEqualTo(json("[0,1]"));
    assertThat(t.call("flux").exception()).isNull();
  }

  @Test
  void fluxFailedMidwayPassesTheSameErrorOn() {
    AtomicReference<Throwable> seen = new AtomicReference<>();
    List<Integer> got = new ArrayList<>();
    flux(10, 2).subscribe(got::add, seen::set);
    assertThat(got).containsExactly(0, 1);
    assertThat(seen.get()).isInstanceOf(IllegalStateException.class).hasMessage("boom at 2");
    assertThat(t.call("flux").exception().path("message").asText()).isEqualTo("boom at 2");
    assertThat(t.call("flux").output()).isEqualTo(json("[0,1]"));
  }

  @Test
  void fluxNeverSubscribedEndsWhenCollected() {
    dropFlux();
    assertThat(StreamingSupport.gcUntil(() -> t.call("flux").ended())).isTrue();
    assertThat(t.call("flux").output().asText()).isEqualTo(StreamCall.NOT_CONSUMED);
  }

  private void dropFlux() {
    flux(3, -1).map(v -> v + 1);
  }

  @Test
  void fluxEmittingOnAnotherThreadEndsOnce() {
    List<Integer> got =
        t.op(
                "async",
                ReturnShape.FLUX,
                () -> Flux.range(0, 50).publishOn(Schedulers.parallel()).map(i -> i * 2))
            .collectList()
            .block(Duration.ofSeconds(10));
    assertThat(got).hasSize(50);
    assertThat(t.call("async").ends()).hasSize(1);
    assertThat(t.call("async").output().size()).isEqualTo(50);
  }

  @Test
  void cancelRacingCompletionOnAnotherThreadEndsEachCallOnce() throws Exception {
    int rounds = 200;
    for (int i = 0; i < rounds; i++) {
      Flux<Integer> f =
          t.op("race", ReturnShape.FLUX, () -> Flux.range(0, 20).publishOn(Schedulers.parallel()));
      Disposable d = f.subscribe();
      Thread.onSpinWait();
      d.dispose();
    }
    assertThat(
            StreamingSupport.gcUntil(
                () -> t.calls("race").stream().allMatch(StreamingSupport.Rec::ended)))
        .isTrue();
    assertThat(t.calls("race")).hasSize(rounds).allSatisfy(c -> assertThat(c.ends()).hasSize(1));
  }

  @Test
  void fluxSeesTheSubscribersContext() {
    Flux<String> f =
        t.op(
            "ctx",
            ReturnShape.FLUX,
            () -> Flux.deferContextual(c -> Flux.just(c.get("user"), c.get("user") + "!")));
    List<String> got =
        f.map(String::toUpperCase).contextWrite(Context.of("user", "ada")).collectList().block();
    assertThat(got).containsExactly("ADA", "ADA!");
    assertThat(t.call("ctx").output()).isEqualTo(json("['ada','ada!']"));
  }

  @Test
  void theTracedSubscriberIsACoreSubscriberWithTheDownstreamContext() {
    AtomicReference<Object> seenBySource = new AtomicReference<>();
    Publisher<String> source =
        s -> {
          seenBySource.set(s);
          Flux.just("x").subscribe(s);
        };
    Flux<String> f = t.op("core", ReturnShape.FLUX, () -> Flux.from(source));
    f.contextWrite(Context.of("k", "v")).blockLast();
    assertThat(seenBySource.get()).isInstanceOf(CoreSubscriber.class);
    assertThat(((CoreSubscriber<?>) seenBySource.get()).currentContext().getOrEmpty("k"))
        .contains("v");
  }

  @Test
  void publisherDeclaredButFluxReturnedStaysAFlux() {
    Publisher<Integer> p = t.op("declaredPub", ReturnShape.REACTIVE_PUBLISHER, () -> flux(2, -1));
    assertThat(p).isInstanceOf(Flux.class);
    assertThat(Flux.from(p).collectList().block()).containsExactly(0, 1);
    assertThat(t.call("declaredPub").output()).isEqualTo(json("[0,1]"));
  }

  @Test
  void fluxDeclaredAsObjectIsTracedFromTheInstanceAndStaysAFlux() {
    Object o = t.op("dyn", ReturnShape.DYNAMIC, () -> Flux.just("a", "b"));
    assertThat(o).isInstanceOf(Flux.class);
    @SuppressWarnings("unchecked")
    Flux<String> f = (Flux<String>) o;
    assertThat(f.collectList().block()).containsExactly("a", "b");
    assertThat(t.call("dyn").output()).isEqualTo(json("['a','b']"));

    Object m = t.op("dynMono", ReturnShape.DYNAMIC, () -> Mono.just("m"));
    assertThat(((Mono<?>) m).block()).isEqualTo("m");
    assertThat(t.call("dynMono").output().asText()).isEqualTo("m");

    Object p = t.op("dynPub", ReturnShape.DYNAMIC, () -> range(2, -1));
    @SuppressWarnings("unchecked")
    Publisher<Integer> pub = (Publisher<Integer>) p;
    pub.subscribe(collect(-1));
    assertThat(t.call("dynPub").output()).isEqualTo(json("[0,1]"));
  }

  // ---- Reactor Mono ---------------------------------------------------------------------------

  @Test
  void monoCompletedOutputsItsValue() {
    Mono<Integer> m = t.op("mono", ReturnShape.MONO, () -> Mono.fromCallable(() -> inner(41)));
    assertThat(t.call("mono").ended()).isFalse();
    assertThat(m.map(this::consumer).block()).isEqualTo(42);
    Rec call = t.call("mono");
    assertThat(call.output().asInt()).isEqualTo(42);
    assertThat(t.childOps(call)).containsExactly("inner");
    assertThat(t.call("consumer").parentId()).isNull();

    assertThat(t.<Mono<Object>>op("empty", ReturnShape.MONO, Mono::empty).block()).isNull();
    assertThat(t.call("empty").output().isNull()).isTrue();
  }

  @Test
  void monoCancelledBeforeItsValue() {
    Disposable d = t.op("slow", ReturnShape.MONO, Mono::never).subscribe();
    assertThat(t.call("slow").ended()).isFalse();
    d.dispose();
    assertThat(t.call("slow").output().isNull()).isTrue();
    assertThat(t.call("slow").exception()).isNull();
  }

  @Test
  void monoFailedPassesTheSameErrorOn() {
    IllegalStateException boom = new IllegalStateException("mono boom");
    Mono<Object> m = t.op("monoFailed", ReturnShape.MONO, () -> Mono.error(boom));
    assertThatThrownBy(m::block).isSameAs(boom);
    assertThat(t.call("monoFailed").exception().path("message").asText()).isEqualTo("mono boom");
  }

  @Test
  void monoNeverSubscribedEndsWhenCollected() {
    dropMono();
    assertThat(StreamingSupport.gcUntil(() -> t.call("droppedMono").ended())).isTrue();
    assertThat(t.call("droppedMono").output().asText()).isEqualTo(StreamCall.NOT_CONSUMED);
  }

  private void dropMono() {
    t.op("droppedMono", ReturnShape.MONO, () -> Mono.just(1));
  }

  @Test
  void monoSeesTheSubscribersContext() {
    Mono<String> m =
        t.op(
            "monoCtx",
            ReturnShape.MONO,
            () -> Mono.deferContextual(c -> Mono.just("hello " + c.get("user"))));
    assertThat(m.contextWrite(Context.of("user", "ada")).block()).isEqualTo("hello ada");
    assertThat(t.call("monoCtx").output().asText()).isEqualTo("hello ada");
  }

  @Test
  void nullReturnedEndsNow() {
    assertThat(t.<Flux<Object>>op("nothing", ReturnShape.FLUX, () -> null)).isNull();
    assertThat(t.call("nothing").output().isNull()).isTrue();
  }
}
