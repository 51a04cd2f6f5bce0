package dev.weave4j.internal.trace;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Flow;
import java.util.function.IntUnaryOperator;
import java.util.function.LongConsumer;

/**
 * The publisher and subscriber the Flow and Reactive Streams tests drive traced publishers with.
 */
final class SignalFixtures {

  private SignalFixtures() {}

  /**
   * A synchronous publisher of 0..n-1, each made by {@code produce} (a traced op in the tests),
   * failing at {@code failAt} (-1: never). {@code FlowAdapters.toPublisher} makes it a Reactive
   * Streams one.
   */
  static Flow.Publisher<Integer> range(int n, int failAt, IntUnaryOperator produce) {
    return subscriber ->
        subscriber.onSubscribe(
            new Flow.Subscription() {
              int next;
              boolean done;

              @Override
              public void request(long k) {
                for (long i = 0; i < k && !done; i++) {
                  if (next == failAt) {
                    done = true;
                    subscriber.onError(new IllegalStateException("boom at " + next));
                    return;
                  }
                  if (next == n) {
                    done = true;
                    subscriber.onComplete();
                    return;
                  }
                  subscriber.onNext(produce.applyAsInt(next++));
                }
              }

              @Override
              public void cancel() {
                done = true;
              }
            });
  }

  /**
   * Requests one at a time, keeping each value as {@code consume} (a traced op in the tests)
   * returns it; cancels after {@code cancelAfter} values (-1: never). A subscriber of both kinds.
   */
  static class Collect
      implements Flow.Subscriber<Integer>, org.reactivestreams.Subscriber<Integer> {
    final List<Integer> got = new ArrayList<>();
    final int cancelAfter;
    final IntUnaryOperator consume;
    LongConsumer request;
    Runnable cancel;
    Throwable error;
    boolean completed;

    Collect(int cancelAfter, IntUnaryOperator consume) {
      this.cancelAfter = cancelAfter;
      this.consume = consume;
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
      subscribed(s::request, s::cancel);
    }

    @Override
    public void onSubscribe(org.reactivestreams.Subscription s) {
      subscribed(s::request, s::cancel);
    }

    private void subscribed(LongConsumer request, Runnable cancel) {
      this.request = request;
      this.cancel = cancel;
      request.accept(1);
    }

    @Override
    public void onNext(Integer item) {
      got.add(consume.applyAsInt(item));
      if (got.size() == cancelAfter) {
        cancel.run();
      } else {
        request.accept(1);
      }
    }

    @Override
    public void onError(Throwable e) {
      error = e;
    }

    @Override
    public void onComplete() {
      completed = true;
    }
  }
}
