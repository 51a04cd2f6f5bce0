package dev.weave4j.it.apps.stream;

import dev.weave4j.annotations.Accumulator;
import dev.weave4j.annotations.WeaveOp;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Spliterator;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * Every streaming shape (Iterator, Iterable, Stream, IntStream, Spliterator, Flow.Publisher,
 * CompletableFuture, a Stream declared as Object) consumed four ways: exhausted, stopped early
 * after two values, failed midway (the third value's producer throws), never consumed. Each case is
 * one root call {@code Shapes.<shape>} with input {@code mode}; values are produced by {@code
 * Shapes.produce} (children of the streaming call) and handed to {@code Shapes.consume} (roots).
 * Then the seed's {@code list_accumulator} and {@code deeply_nested_generator} examples, a failing
 * accumulator, and a future completed on another thread. The app prints what it saw, so runs with
 * and without the agent can be compared.
 */
public final class StreamApp {

  static final String[] MODES = {"exhausted", "stopped", "failed", "never"};

  private StreamApp() {}

  public static void main(String[] args) throws Exception {
    Shapes s = new Shapes();
    for (String mode : MODES) {
      run("iterator", mode, () -> consumeIterator(s.iterator(mode), mode));
      run("iterable", mode, () -> consumeIterable(s.iterable(mode), mode));
      run("stream", mode, () -> consumeStream(s.stream(mode), mode));
      run("intStream", mode, () -> consumeIntStream(s.intStream(mode), mode));
      run("spliterator", mode, () -> consumeSpliterator(s.spliterator(mode), mode));
      run("publisher", mode, () -> consumePublisher(s.publisher(mode), mode));
      run("dynamic", mode, () -> consumeDynamic(s.dynamic(mode), mode));
      run("future", mode, () -> consumeFuture(s.future(mode), mode));
    }
    Seeds seeds = new Seeds();
    System.out.println("list_accumulator: " + toList(seeds.basicGenWithAccumulator(3)));
    System.out.println(
        "deeply_nested_generator: " + seeds.deeplyNestedGenerator(4).collect(Collectors.toList()));
    System.out.println(
        "broken accumulator: " + seeds.brokenAccumulator().collect(Collectors.joining()));
    System.out.println("joined: " + toList(seeds.tokens()));
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

  private static <T> List<T> toList(Iterator<T> it) {
    List<T> out = new ArrayList<>();
    it.forEachRemaining(out::add);
    return out;
  }

  private static Object consumeIterator(Iterator<Integer> it, String mode) {
    List<Integer> got = new ArrayList<>();
    if (mode.equals("never")) {
      return got;
    }
    while (it.hasNext()) {
      got.add(Shapes.consume(it.next()));
      if (mode.equals("stopped") && got.size() == 2) {
        break;
      }
    }
    return got;
  }

  private static Object consumeIterable(Iterable<Integer> values, String mode) {
    List<Integer> got = new ArrayList<>();
    if (mode.equals("never")) {
      return got;
    }
    for (Integer v : values) {
      got.add(Shapes.consume(v));
      if (mode.equals("stopped") && got.size() == 2) {
        break;
      }
    }
    return got;
  }

  private static Object consumeStream(Stream<Integer> stream, String mode) {
    switch (mode) {
      case "never":
        return "dropped";
      case "stopped":
        return stream.map(Shapes::consume).limit(2).collect(Collectors.toList());
      default:
        return stream.map(Shapes::consume).collect(Collectors.toList());
    }
  }

  private static Object consumeIntStream(IntStream stream, String mode) {
    switch (mode) {
      case "never":
        return "dropped";
      case "stopped":
        return stream.map(Shapes::consume).limit(2).sum();
      default:
        return stream.map(Shapes::consume).sum();
    }
  }

  private static Object consumeSpliterator(Spliterator<Integer> s, String mode) {
    List<Integer> got = new ArrayList<>();
    switch (mode) {
      case "never":
        return got;
      case "stopped":
        s.tryAdvance(v -> got.add(Shapes.consume(v)));
        s.tryAdvance(v -> got.add(Shapes.consume(v)));
        return got;
      default:
        while (s.tryAdvance(v -> got.add(Shapes.consume(v)))) {}
        return got;
    }
  }

  private static Object consumePublisher(Flow.Publisher<Integer> p, String mode) {
    if (mode.equals("never")) {
      return "dropped";
    }
    List<Object> got = new ArrayList<>();
    p.subscribe(
        new Flow.Subscriber<>() {
          Flow.Subscription subscription;

          @Override
          public void onSubscribe(Flow.Subscription s) {
            subscription = s;
            s.request(1);
          }

          @Override
          public void onNext(Integer item) {
            got.add(Shapes.consume(item));
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
    return consumeStream((Stream<Integer>) value, mode);
  }

  private static Object consumeFuture(CompletableFuture<Integer> f, String mode) {
    switch (mode) {
      case "never":
        return "dropped";
      case "stopped":
        return "cancelled " + f.cancel(true);
      default:
        try {
          return f.join();
        } catch (RuntimeException e) {
          return "failed " + e.getCause().getMessage();
        }
    }
  }

  /** The seed's list_accumulator. */
  public static final class ListAccumulator implements Accumulator<List<Object>, Object> {
    @Override
    public List<Object> accumulate(List<Object> acc, Object value) {
      if (acc == null) {
        acc = new ArrayList<>();
      }
      acc.add(value);
      return acc;
    }
  }

  /** Joins streamed text tokens. */
  public static final class JoinAccumulator implements Accumulator<String, String> {
    @Override
    public String accumulate(String acc, String value) {
      return acc == null ? value : acc + value;
    }
  }

  /** Fails on every value. */
  public static final class BrokenAccumulator implements Accumulator<Object, Object> {
    @Override
    public Object accumulate(Object acc, Object value) {
      throw new UnsupportedOperationException("broken on purpose");
    }
  }
}

class Shapes {

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

  private static Stream<Integer> values(String mode) {
    return IntStream.range(0, N).mapToObj(i -> produce(i, mode));
  }

  @WeaveOp
  Iterator<Integer> iterator(String mode) {
    return values(mode).iterator();
  }

  @WeaveOp
  Iterable<Integer> iterable(String mode) {
    return () -> values(mode).iterator();
  }

  @WeaveOp
  Stream<Integer> stream(String mode) {
    return values(mode);
  }

  @WeaveOp
  IntStream intStream(String mode) {
    return IntStream.range(0, N).map(i -> produce(i, mode));
  }

  @WeaveOp
  Spliterator<Integer> spliterator(String mode) {
    return values(mode).spliterator();
  }

  @WeaveOp
  Flow.Publisher<Integer> publisher(String mode) {
    return subscriber ->
        subscriber.onSubscribe(
            new Flow.Subscription() {
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

  @WeaveOp
  Object dynamic(String mode) {
    return values(mode);
  }

  @WeaveOp
  CompletableFuture<Integer> future(String mode) {
    CompletableFuture<Integer> f = new CompletableFuture<>();
    Thread other =
        new Thread(
            () -> {
              if (mode.equals("exhausted")) {
                f.complete(42);
              } else if (mode.equals("failed")) {
                f.completeExceptionally(new IllegalStateException("async boom"));
              }
            },
            "completer");
    other.start();
    if (!mode.equals("stopped")) {
      try {
        other.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    return f;
  }
}

class Seeds {

  @WeaveOp(name = "basic_gen_with_accumulator", accumulator = StreamApp.ListAccumulator.class)
  Iterator<Integer> basicGenWithAccumulator(int x) {
    return IntStream.range(0, x).iterator();
  }

  @WeaveOp(name = "inner")
  int inner(int x) {
    return x + 1;
  }

  @WeaveOp(name = "nested_generator")
  Stream<Integer> nestedGenerator(int x) {
    return IntStream.range(0, x).mapToObj(this::inner);
  }

  @WeaveOp(name = "deeply_nested_generator")
  Stream<Integer> deeplyNestedGenerator(int x) {
    return IntStream.range(0, x).boxed().flatMap(this::nestedGenerator);
  }

  @WeaveOp(name = "broken_accumulator", accumulator = StreamApp.BrokenAccumulator.class)
  Stream<String> brokenAccumulator() {
    return Stream.of("a", "b");
  }

  @WeaveOp(name = "tokens", accumulator = StreamApp.JoinAccumulator.class)
  Iterator<String> tokens() {
    return List.of("Hel", "lo, ", "world").iterator();
  }
}
