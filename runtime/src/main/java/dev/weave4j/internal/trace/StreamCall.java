package dev.weave4j.internal.trace;

import dev.weave4j.annotations.Accumulator;
import dev.weave4j.internal.Diagnostics;
import dev.weave4j.internal.Diagnostics.Problem;
import java.lang.ref.Cleaner;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.Spliterator;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;
import java.util.function.Consumer;

/**
 * Internal, unstable. The open call of an op that returned a lazy result (Iterator, Iterable,
 * Stream, Spliterator, Flow.Publisher, Reactive Streams Publisher, Reactor Flux/Mono) or a
 * CompletionStage: the call stays open after the method returned and ends exactly once (a
 * compare-and-set on {@link #done}) on whichever comes first: exhaustion, an early stop (close,
 * cancel, a short-circuiting terminal operation), a failure, the stage completing, the wrapper
 * being garbage collected, or JVM shutdown.
 *
 * <p>This object holds the call's state only, never the wrapper handed to the application, so a
 * {@link Cleaner} registered on the wrapper can end the call when the wrapper is dropped
 * unconsumed. Producer-side work (pulling the next value) runs with the op's call context attached
 * to the thread ({@link #enter}), so ops invoked while producing are its children; values are
 * handed to the consumer with the consumer's context restored ({@link Emitter}).
 *
 * <p>Outputs: the accumulator's last state, else the list of values (at most {@value #MAX_VALUES},
 * then a truncation marker); a stage's value; {@value #NOT_CONSUMED} (or {@value #NOT_COMPLETED}
 * for a stage) when the call was ended by garbage collection or shutdown before any value was
 * pulled.
 */
public final class StreamCall implements Runnable {

  /** The output of a lazy result dropped (or still pending at shutdown) before it was consumed. */
  public static final String NOT_CONSUMED = "<not consumed>";

  /** The output of a stage that had not completed when it was dropped or the JVM shut down. */
  public static final String NOT_COMPLETED = "<not completed>";

  /**
   * Values kept as the output when the op has no accumulator; with the truncation marker this is
   * the serializer's limit of 1000 items.
   */
  static final int MAX_VALUES = 999;

  private static final Set<StreamCall> OPEN = ConcurrentHashMap.newKeySet();
  private static volatile Cleaner cleaner;

  private final Tracer tracer;
  private final Tracer.Scope scope;
  private final CallContext producer;
  private final boolean stage;

  /** A Mono: the output is the value (or null), not a list. */
  private final boolean single;

  @SuppressWarnings("rawtypes")
  private final HookRef<Accumulator> accumulatorRef;

  private final AtomicBoolean done = new AtomicBoolean();

  /** Live splits of a traced Spliterator (the call is exhausted when every split is). */
  final AtomicInteger splits = new AtomicInteger(1);

  private volatile boolean started;
  private volatile Cleaner.Cleanable cleanable;

  // Guarded by this.
  @SuppressWarnings("rawtypes")
  private Accumulator accumulator;

  private Object state;
  private List<Object> values;
  private long count;
  private String hookFailure;

  /** Whether values are folded by an accumulator (the op's, or one for this call only). */
  private final boolean accumulates;

  @SuppressWarnings("rawtypes")
  private StreamCall(
      Tracer tracer,
      Tracer.Scope scope,
      CallContext producer,
      boolean stage,
      boolean single,
      Accumulator perCall) {
    this.tracer = tracer;
    this.scope = scope;
    this.producer = producer;
    this.stage = stage;
    this.single = single;
    this.accumulatorRef = perCall != null ? null : scope.call.op().accumulator();
    this.accumulator = perCall;
    this.accumulates = perCall != null || accumulatorRef != null;
  }

  /**
   * Hands {@code value}, returned by the op of {@code scope}, to the application: a traced
   * equivalent for lazy shapes, the same stage for stages (watched), the value itself (call ended
   * now) otherwise. The op's context is popped from this thread; the call stays open.
   */
  static Object exit(Tracer tracer, Tracer.Scope scope, ReturnShape shape, Object value) {
    return exit(tracer, scope, shape, value, null);
  }

  /**
   * As {@link #exit(Tracer, Tracer.Scope, ReturnShape, Object)}, folding the values with {@code
   * perCall} (state for this call only, e.g. an LLM SDK's own accumulator) instead of the op's.
   */
  @SuppressWarnings("rawtypes")
  static Object exit(
      Tracer tracer, Tracer.Scope scope, ReturnShape shape, Object value, Accumulator perCall) {
    if (shape == ReturnShape.DYNAMIC) {
      shape = ReturnShape.ofInstance(value);
    }
    if (value != null && shape.reactive()) {
      shape = reactiveShape(shape, value);
    }
    if (shape == ReturnShape.PLAIN || scope.call == null) {
      tracer.end(scope, value, null);
      return value;
    }
    CallContext producer = scope.context;
    if (producer != null) {
      Contexts.close(producer, true);
      scope.context = null;
    } else {
      producer = Contexts.current().withCall(scope.call, scope);
    }
    StreamCall call =
        new StreamCall(
            tracer,
            scope,
            producer,
            shape == ReturnShape.COMPLETION_STAGE,
            shape == ReturnShape.MONO,
            perCall);
    if (value == null) {
      call.end(null, null);
      return null;
    }
    try {
      switch (shape) {
        case COMPLETION_STAGE:
          return call.watch((CompletionStage<?>) value);
        case ITERATOR:
          return call.track(new TracedIterator<>(call, (Iterator<?>) value, null));
        case ITERABLE:
          return call.track(new TracedIterable<>(call, (Iterable<?>) value));
        case SPLITERATOR:
          return call.track(new TracedSpliterator<>(call, (Spliterator<?>) value, null));
        case FLOW_PUBLISHER:
          return call.track(new TracedPublisher<>(call, (Flow.Publisher<?>) value));
        case REACTIVE_PUBLISHER:
        case FLUX:
        case MONO:
          return call.traceReactive(shape, value);
        case STREAM:
        case INT_STREAM:
        case LONG_STREAM:
        case DOUBLE_STREAM:
          Object anchor = new Object();
          Object wrapped = TracedStreams.wrap(call, shape, value, anchor);
          call.register(anchor);
          return wrapped;
        default:
          call.end(value, null);
          return value;
      }
    } catch (RuntimeException | LinkageError e) {
      // The value is not what its shape promised (e.g. a class cast); return it untouched.
      Diagnostics.report(Problem.TRACER_ERROR, "wrapping the result of " + scope.call.opName(), e);
      call.end(value, null);
      return value;
    }
  }

  /**
   * Ends the call of {@code scope} with {@value #NOT_CONSUMED} when {@code anchor} (a lazy result
   * the caller has not started on) is garbage collected, or at JVM shutdown, unless the returned
   * watch is {@link #cancel() cancelled} first (the result is being consumed, or was closed). Null
   * when the call is not recorded.
   */
  static StreamCall endWhenDropped(Tracer tracer, Tracer.Scope scope, Object anchor) {
    if (scope.call == null) {
      return null;
    }
    StreamCall watch = new StreamCall(tracer, scope, null, false, false, (state, value) -> state);
    watch.register(anchor);
    return watch;
  }

  /** Stops a watch of {@link #endWhenDropped}: the call is ended otherwise. */
  void cancel() {
    if (done.compareAndSet(false, true)) {
      OPEN.remove(this);
      Cleaner.Cleanable c = cleanable;
      if (c != null) {
        c.clean();
      }
    }
  }

  /**
   * Ends every streaming call still open (at shutdown, before the last flush): the state so far, or
   * {@value #NOT_CONSUMED} / {@value #NOT_COMPLETED}.
   */
  public static void endOpenCalls() {
    for (StreamCall c : OPEN.toArray(new StreamCall[0])) {
      c.run();
    }
  }

  /** How many streaming calls are open (tests). */
  static int openCount() {
    return OPEN.size();
  }

  /**
   * The shape of a reactive publisher from its class: a {@code Flux} or {@code Mono} stays one (and
   * a {@code Mono}'s output is its value) whatever the declared type.
   */
  private static ReturnShape reactiveShape(ReturnShape declared, Object value) {
    try {
      ReturnShape actual = ReactivePublishers.shapeOf(value);
      return actual == ReturnShape.PLAIN ? declared : actual;
    } catch (RuntimeException | LinkageError e) {
      return declared;
    }
  }

  /** A traced Reactive Streams publisher, or Reactor's {@code Flux}/{@code Mono} of one. */
  private Object traceReactive(ReturnShape shape, Object value) {
    Object traced = track(ReactivePublishers.wrap(this, value));
    if (shape == ReturnShape.FLUX || shape == ReturnShape.MONO) {
      return ReactivePublishers.toReactor(value, shape == ReturnShape.MONO, traced);
    }
    return traced;
  }

  private <W> W track(W wrapper) {
    register(wrapper);
    return wrapper;
  }

  private void register(Object anchor) {
    OPEN.add(this);
    try {
      cleanable = cleaner().register(anchor, this);
    } catch (RuntimeException e) {
      Diagnostics.report(Problem.TRACER_ERROR, "watching a streamed result", e);
    }
    if (done.get()) {
      OPEN.remove(this);
    }
  }

  private Object watch(CompletionStage<?> stage) {
    register(stage);
    stage.whenComplete(
        (v, t) -> {
          if (t == null) {
            end(v, null);
          } else {
            end(null, unwrap(t));
          }
        });
    return stage;
  }

  private static Throwable unwrap(Throwable t) {
    if ((t instanceof CompletionException || t instanceof ExecutionException)
        && t.getCause() != null) {
      return t.getCause();
    }
    return t;
  }

  private static Cleaner cleaner() {
    Cleaner c = cleaner;
    if (c == null) {
      synchronized (StreamCall.class) {
        c = cleaner;
        if (c == null) {
          c =
              Cleaner.create(
                  r -> {
                    Thread t = new Thread(r, "weave4j-stream-cleaner");
                    t.setDaemon(true);
                    return t;
                  });
          cleaner = c;
        }
      }
    }
    return c;
  }

  /** Whether the call has ended (wrappers then only delegate). */
  boolean isDone() {
    return done.get();
  }

  /**
   * Attaches the op's context to this thread for producer-side work; returns the context to restore
   * with {@link #leave}.
   */
  CallContext enter() {
    started = true;
    return Contexts.attach(producer);
  }

  /** Restores the context {@link #enter} replaced. */
  static void leave(CallContext previous) {
    Contexts.attach(previous);
  }

  /** Records a value handed to the consumer. */
  @SuppressWarnings("unchecked")
  void accept(Object value) {
    if (done.get()) {
      return;
    }
    synchronized (this) {
      started = true;
      count++;
      if (accumulates) {
        if (hookFailure != null) {
          return;
        }
        try {
          if (accumulator == null) {
            accumulator = accumulatorRef.get();
          }
          state = accumulator.accumulate(state, value);
        } catch (Throwable t) {
          hookFailure =
              "<accumulator "
                  + (accumulatorRef != null
                      ? accumulatorRef.className()
                      : accumulator.getClass().getName())
                  + " threw "
                  + t.getClass().getName()
                  + ": "
                  + t.getMessage()
                  + ">";
          Diagnostics.report(Problem.HOOK_ERROR, hookFailure, null);
        }
        return;
      }
      if (values == null) {
        values = new ArrayList<>();
      }
      if (values.size() < MAX_VALUES) {
        values.add(value);
      }
    }
  }

  /** The output so far. */
  private synchronized Object output() {
    if (hookFailure != null) {
      return hookFailure;
    }
    if (accumulates) {
      return state;
    }
    if (single) {
      return values == null || values.isEmpty() ? null : values.get(0);
    }
    List<Object> out = values == null ? new ArrayList<>() : new ArrayList<>(values);
    if (count > out.size()) {
      out.add("…[truncated: " + (count - out.size()) + " more values]");
    }
    return out;
  }

  /** The values were exhausted, or the consumer stopped early: ends with the state so far. */
  void complete() {
    if (done.compareAndSet(false, true)) {
      finish(output(), null);
    }
  }

  /** The consumer stopped early (close, cancel, a short-circuiting terminal operation). */
  void stop() {
    complete();
  }

  /** Producing a value failed: ends with the state so far and {@code error}. */
  void fail(Throwable error) {
    if (done.compareAndSet(false, true)) {
      finish(output(), error);
    }
  }

  /** Ends with {@code output} (a stage's value) or {@code error}. */
  private void end(Object output, Throwable error) {
    if (done.compareAndSet(false, true)) {
      finish(output, error);
    }
  }

  /** The wrapper was garbage collected, or the JVM is shutting down. */
  @Override
  public void run() {
    if (done.compareAndSet(false, true)) {
      Object out = stage ? NOT_COMPLETED : started ? output() : NOT_CONSUMED;
      finish(out, null);
    }
  }

  private void finish(Object output, Throwable error) {
    OPEN.remove(this);
    try {
      tracer.end(scope, output, error);
    } catch (Throwable t) {
      Diagnostics.report(Problem.TRACER_ERROR, "ending a streamed call", t);
    }
    Cleaner.Cleanable c = cleanable;
    if (c != null) {
      c.clean(); // deregisters; run() is a no-op now
    }
  }

  /**
   * Lets {@code step} push values of {@code source} into {@code action} as the producer under this
   * call, recording each value; a failure of the source fails the call (a failure of {@code action}
   * stops it) and is rethrown unchanged. {@code step} should not capture: it runs per element.
   */
  <S, T, R> R emit(S source, Consumer<? super T> action, BiFunction<S, Consumer<T>, R> step) {
    CallContext previous = enter();
    Emitter<T> emitter = new Emitter<>(this, action, previous);
    try {
      return step.apply(source, emitter);
    } catch (Throwable t) {
      emitter.failed(t);
      throw sneaky(t);
    } finally {
      leave(previous);
    }
  }

  /**
   * Hands each value produced to the consumer's {@code action} with the consumer's context
   * restored, and remembers whether the consumer (not the producer) threw.
   */
  static final class Emitter<T> implements Consumer<T> {
    private final StreamCall call;
    private final Consumer<? super T> action;
    private final CallContext consumer;
    Throwable consumerError;

    Emitter(StreamCall call, Consumer<? super T> action, CallContext consumer) {
      this.call = call;
      this.action = action;
      this.consumer = consumer;
    }

    @Override
    public void accept(T value) {
      call.accept(value);
      CallContext here = Contexts.attach(consumer);
      try {
        action.accept(value);
      } catch (Throwable t) {
        consumerError = t;
        throw sneaky(t);
      } finally {
        Contexts.attach(here);
      }
    }

    /** Ends the call for {@code t} thrown out of the producer: a stop if the consumer threw it. */
    void failed(Throwable t) {
      if (t == consumerError) {
        call.stop();
      } else {
        call.fail(t);
      }
    }
  }

  /** Rethrows {@code t} unchanged, checked or not. */
  @SuppressWarnings("unchecked")
  static <E extends Throwable> RuntimeException sneaky(Throwable t) throws E {
    throw (E) t;
  }
}
