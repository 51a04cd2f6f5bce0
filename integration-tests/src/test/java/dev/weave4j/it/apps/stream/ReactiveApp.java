package dev.weave4j.it.apps.stream;

import dev.weave4j.annotations.Accumulator;
import dev.weave4j.annotations.WeaveOp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.reactivestreams.Publisher;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.util.context.Context;

/**
 * Reactive results: a Reactor {@code Flux}, a {@code Mono}, a plain {@code
 * org.reactivestreams.Publisher} and a Flux declared as {@code Object}, each consumed four ways
 * (exhausted, stopped early, failed midway, never subscribed). Each case is one root call {@code
 * ReactiveShapes.<shape>} with input {@code mode}; values are produced by {@code
 * ReactiveShapes.produce} (children of the streaming call) and handed to {@code
 * ReactiveShapes.consume} (roots). Then the seed's {@code deeply_nested_generator} with Fluxes, a
 * Mono reading the subscriber's Reactor {@code Context}, and a Flux with an accumulator. The app
 * prints what it saw, so runs with and without the agent can be compared.
 */
public final class ReactiveApp {

  private ReactiveApp() {}

  public static void main(String[] args) throws Exception {
    ReactiveShapes s = new ReactiveShapes();
    for (String mode : StreamApp.MODES) {
      run("flux", mode, () -> consumeFlux(s.flux(mode), mode));
      run("mono", mode, () -> consumeMono(s.mono(mode), mode));
      run("publisher", mode, () -> consumePublisher(s.publisher(mode), mode));
      run("dynamic", mode, () -> consumeDynamic(s.dynamic(mode), mode));
    }
    ReactiveSeeds seeds = new ReactiveSeeds();
    System.out.println(
        "deeply_nested_generator: " + seeds.deeplyNestedGenerator(4).collectList().block());
    Mono<String> greeting = seeds.greeting();
    System.out.println(
        "context: "
            + greeting.map(String::toUpperCase).contextWrite(Context.of("user", "ada")).block());
    System.out.println(
        "flux context: " + seeds.echo().contextWrite(Context.of("k", "v")).blockLast());
    System.out.println("joined: " + seeds.tokens().collectList().block());
    System.out.println("subscribeOn: " + seeds.subscribedElsewhere().collectList().block());
    System.out.println("publishOn: " + seeds.emittedElsewhere().collectList().block());
    // Give the dropped results a chance to be collected; the rest end at shutdown.
    for (int i = 0; i < 5; i++) {
      System.gc();
      Thread.sleep(20);
    }
    System.out.println("done");
  }

  interface Case {
    Object run() throws Exception;
  }

  private static void run(String shape, String mode, Case c) {
    try {
      System.out.println(shape + " " + mode + ": " + c.run());
    } catch (Exception e) {
      System.out.println(shape + " " + mode + ": caught " + e);
    }
  }

  private static Object consumeFlux(Flux<Integer> flux, String mode) {
    switch (mode) {
      case "never":
        return "dropped";
      case "stopped":
        return flux.map(ReactiveShapes::consume).take(2).collectList().block();
      default:
        List<Object> got = new ArrayList<>();
        return flux.map(ReactiveShapes::consume)
            .doOnNext(got::add)
            .then(Mono.just((Object) "complete"))
            .onErrorResume(e -> Mono.just("error " + e.getMessage()))
            .map(end -> got + " " + end)
            .block();
    }
  }

  private static Object consumeMono(Mono<Integer> mono, String mode) {
    switch (mode) {
      case "never":
        return "dropped";
      case "stopped":
        Disposable d = mono.subscribe(ReactiveShapes::consume);
        d.dispose();
        return "disposed " + d.isDisposed();
      default:
        return mono.map(ReactiveShapes::consume)
            .map(Object.class::cast)
            .onErrorResume(e -> Mono.just("error " + e.getMessage()))
            .block();
    }
  }

  private static Object consumePublisher(Publisher<Integer> p, String mode) {
    if (mode.equals("never")) {
      return "dropped";
    }
    List<Object> got = new ArrayList<>();
    p.subscribe(
        new Subscriber<>() {
          Subscription subscription;

          @Override
          public void onSubscribe(Subscription s) {
            subscription = s;
            s.request(1);
          }

          @Override
          public void onNext(Integer item) {
            got.add(ReactiveShapes.consume(item));
            if (mode.equals("stopped") && got.size() == 2) {
              subscription.cancel();
            } else {
              subscription.request(1);
            }
          }

          @Override
          public void onError(Throwable t) {
            got.add("error " + t.getMessage());
          }

          @Override
          public void onComplete() {
            got.add("complete");
          }
        });
    return got;
  }

  @SuppressWarnings("unchecked")
  private static Object consumeDynamic(Object value, String mode) {
    return consumeFlux((Flux<Integer>) value, mode);
  }

  /** Joins streamed text tokens. */
  public static final class JoinAccumulator implements Accumulator<String, String> {
    @Override
    public String accumulate(String acc, String value) {
      return acc == null ? value : acc + value;
    }
  }
}

class ReactiveShapes {

  static final int N = 5;

  @WeaveOp
  static int produce(int i, String mode) {
    if (mode.equals("failed") && i == 2) {
      throw new IllegalStateException("boom at 2");
    }
    return i * 10;
  }

  @WeaveOp
  static int consume(int value) {
    return value;
  }

  @WeaveOp
  Flux<Integer> flux(String mode) {
    return Flux.range(0, N).map(i -> produce(i, mode));
  }

  /** The value produced by {@code produce(2)}: 20, or a failure; stopped: not before an hour. */
  @WeaveOp
  Mono<Integer> mono(String mode) {
    Mono<Integer> value = Mono.fromCallable(() -> produce(2, mode));
    return mode.equals("stopped") ? value.delaySubscription(Duration.ofHours(1)) : value;
  }

  @WeaveOp
  Publisher<Integer> publisher(String mode) {
    return subscriber ->
        subscriber.onSubscribe(
            new Subscription() {
              int next;
              boolean done;

              @Override
              public void request(long k) {
                for (long i = 0; i < k && !done; i++) {
                  if (next == N) {
                    done = true;
                    subscriber.onComplete();
                    return;
                  }
                  int v;
                  try {
                    v = produce(next++, mode);
                  } catch (RuntimeException e) {
                    done = true;
                    subscriber.onError(e);
                    return;
                  }
                  subscriber.onNext(v);
                }
              }

              @Override
              public void cancel() {
                done = true;
              }
            });
  }

  /** A Flux declared as Object (the caller casts it back to Flux). */
  @WeaveOp
  Object dynamic(String mode) {
    return Flux.range(0, N).map(i -> produce(i, mode)).hide();
  }
}

class ReactiveSeeds {

  @WeaveOp(name = "inner")
  int inner(int x) {
    return x + 1;
  }

  @WeaveOp(name = "nested_generator")
  Flux<Integer> nestedGenerator(int x) {
    return Flux.range(0, x).map(this::inner);
  }

  @WeaveOp(name = "deeply_nested_generator")
  Flux<Integer> deeplyNestedGenerator(int x) {
    return Flux.range(0, x).concatMap(this::nestedGenerator);
  }

  /** Reads the subscriber's Reactor Context. */
  @WeaveOp(name = "greeting")
  Mono<String> greeting() {
    return Mono.deferContextual(ctx -> Mono.just("hello " + ctx.get("user")));
  }

  @WeaveOp(name = "echo")
  Flux<String> echo() {
    return Flux.deferContextual(ctx -> Flux.just("k=" + ctx.get("k"), "again " + ctx.get("k")));
  }

  /** Subscribed to on a Reactor worker: the agent carries the op's context there. */
  @WeaveOp(name = "subscribed_elsewhere")
  Flux<Integer> subscribedElsewhere() {
    return Flux.range(0, 3).map(this::inner).subscribeOn(Schedulers.boundedElastic());
  }

  /** Values produced on a Reactor worker after publishOn. */
  @WeaveOp(name = "emitted_elsewhere")
  Flux<Integer> emittedElsewhere() {
    return Flux.range(0, 3).publishOn(Schedulers.parallel()).map(this::inner);
  }

  @WeaveOp(name = "tokens", accumulator = ReactiveApp.JoinAccumulator.class)
  Flux<String> tokens() {
    return Flux.just("Hel", "lo, ", "world");
  }
}
