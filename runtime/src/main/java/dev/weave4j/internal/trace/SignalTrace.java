package dev.weave4j.internal.trace;

/**
 * Internal, unstable. The traced subscription of a publisher an op returned, at the level of
 * Reactive Streams signals, shared by every publisher adapter ({@link TracedPublisher} for {@code
 * java.util.concurrent.Flow}, {@link ReactivePublishers} for {@code org.reactivestreams} and,
 * through it, Reactor's {@code Flux} and {@code Mono}).
 *
 * <p>Producer-side work ({@code subscribe}, {@code request}) runs under the op's context ({@link
 * #produce}), so ops a synchronous publisher calls while emitting are the op's children; signals
 * reach the subscriber with the consumer's context restored ({@link #deliver}). The call ends on
 * {@code onComplete} (exhausted), {@code onError} (failed, with the values so far), {@code cancel}
 * (stopped early, with the values so far) or when the publisher is dropped.
 */
final class SignalTrace {

  /** A signal or a producer action; may throw anything (rethrown unchanged). */
  interface Work {
    void run() throws Throwable;
  }

  private final StreamCall call;

  /** The publisher handed to the application: kept reachable while its subscription lives. */
  @SuppressWarnings("unused")
  private final Object anchor;

  /** The consumer's context while this thread is inside {@link #produce}. */
  private final ThreadLocal<CallContext> consumer = new ThreadLocal<>();

  /**
   * The last exception the subscriber itself threw out of a signal (which Reactive Streams forbids,
   * but happens): when it comes back out of the producer, it is an early stop, not a failure.
   */
  private volatile Throwable consumerError;

  SignalTrace(StreamCall call, Object anchor) {
    this.call = call;
    this.anchor = anchor;
  }

  /** Runs producer-side work ({@code subscribe}, {@code request}) under the op's context. */
  void produce(Work work) {
    if (call.isDone()) {
      run(work);
      return;
    }
    CallContext previous = call.enter();
    CallContext saved = consumer.get();
    consumer.set(previous);
    try {
      work.run();
    } catch (Throwable t) {
      if (t == consumerError) {
        call.stop();
      } else {
        call.fail(t);
      }
      throw StreamCall.sneaky(t);
    } finally {
      if (saved == null) {
        consumer.remove();
      } else {
        consumer.set(saved);
      }
      StreamCall.leave(previous);
    }
  }

  /** Hands a signal to the subscriber, with the consumer's context if produced under the op's. */
  void deliver(Work signal) {
    CallContext c = consumer.get();
    CallContext here = c == null ? null : Contexts.attach(c);
    try {
      signal.run();
    } catch (Throwable t) {
      consumerError = t;
      throw StreamCall.sneaky(t);
    } finally {
      if (c != null) {
        Contexts.attach(here);
      }
    }
  }

  void next(Object item, Work signal) {
    call.accept(item);
    deliver(signal);
  }

  void error(Throwable error, Work signal) {
    call.fail(error);
    deliver(signal);
  }

  void complete(Work signal) {
    call.complete();
    deliver(signal);
  }

  /** The subscriber cancelled: an early stop with the values so far. */
  void cancel(Work upstream) {
    call.stop();
    run(upstream);
  }

  private static void run(Work work) {
    try {
      work.run();
    } catch (Throwable t) {
      throw StreamCall.sneaky(t);
    }
  }
}
