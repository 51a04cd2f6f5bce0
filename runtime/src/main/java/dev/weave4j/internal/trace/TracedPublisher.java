package dev.weave4j.internal.trace;

import java.util.Objects;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Internal, unstable. A Flow.Publisher an op returned, traced: its first subscription is traced
 * (later ones reach the original publisher untouched). {@code subscribe} and {@code request} run
 * under the op's context (a synchronous publisher produces there); signals reach the subscriber
 * with the consumer's context restored. The call ends on {@code onComplete}, {@code onError},
 * {@code cancel}, or when dropped.
 */
final class TracedPublisher<T> implements Flow.Publisher<T> {

  private final StreamCall call;
  private final Flow.Publisher<T> inner;
  private final AtomicBoolean subscribed = new AtomicBoolean();

  TracedPublisher(StreamCall call, Flow.Publisher<T> inner) {
    this.call = call;
    this.inner = inner;
  }

  @Override
  public void subscribe(Flow.Subscriber<? super T> subscriber) {
    Objects.requireNonNull(subscriber, "subscriber");
    if (call.isDone() || !subscribed.compareAndSet(false, true)) {
      inner.subscribe(subscriber);
      return;
    }
    Subscriber<T> traced = new Subscriber<>(call, subscriber, this);
    traced.produce(() -> inner.subscribe(traced));
  }

  @Override
  public String toString() {
    return inner.toString();
  }

  /** The subscriber handed to the original publisher, and the subscription handed downstream. */
  private static final class Subscriber<T> implements Flow.Subscriber<T>, Flow.Subscription {
    private final SignalTrace trace;
    private final Flow.Subscriber<? super T> downstream;
    private volatile Flow.Subscription upstream;

    Subscriber(StreamCall call, Flow.Subscriber<? super T> downstream, Object anchor) {
      this.trace = new SignalTrace(call, anchor);
      this.downstream = downstream;
    }

    void produce(SignalTrace.Work work) {
      trace.produce(work);
    }

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
      upstream = subscription;
      trace.deliver(() -> downstream.onSubscribe(this));
    }

    @Override
    public void onNext(T item) {
      trace.next(item, () -> downstream.onNext(item));
    }

    @Override
    public void onError(Throwable error) {
      trace.error(error, () -> downstream.onError(error));
    }

    @Override
    public void onComplete() {
      trace.complete(downstream::onComplete);
    }

    @Override
    public void request(long n) {
      trace.produce(() -> upstream.request(n));
    }

    @Override
    public void cancel() {
      trace.cancel(() -> upstream.cancel());
    }
  }
}
