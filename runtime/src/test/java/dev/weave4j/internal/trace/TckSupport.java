package dev.weave4j.internal.trace;

import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.TimeUnit;
import org.reactivestreams.tck.PublisherVerification;
import org.reactivestreams.tck.TestEnvironment;
import org.reactivestreams.tck.TestEnvironment.ManualSubscriber;

/**
 * What the Reactive Streams TCK runs of ours share: the timeout of its test environment (generous:
 * the machine may be busy), the values its publishers emit, and the check that every traced call
 * the TCK made ended at most once.
 */
final class TckSupport {

  /** Default timeout of the TCK's {@code TestEnvironment}. */
  static final long TIMEOUT_MILLIS = 500;

  /**
   * How long spec 3.13 may wait for a garbage collection to clear the subscriber: generous, since a
   * loaded machine may need several collections (the TCK's own check gives one, then 100 ms).
   */
  static final long GC_BOUND_MILLIS = 30_000;

  private TckSupport() {}

  /**
   * Spec 3.13 (a publisher drops its subscriber once cancelled), as the TCK checks it but polling
   * for the collection up to {@link #GC_BOUND_MILLIS} instead of one {@code System.gc()} and 100
   * ms.
   */
  static <T> void cancelDropsTheSubscriber(PublisherVerification<T> tck, TestEnvironment env)
      throws Throwable {
    tck.activePublisherTest(
        3,
        false,
        pub -> {
          ReferenceQueue<ManualSubscriber<T>> queue = new ReferenceQueue<>();
          WeakReference<ManualSubscriber<T>> ref = subscribeAndCancel(env, pub, queue);
          long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(GC_BOUND_MILLIS);
          boolean collected = false;
          while (!collected && System.nanoTime() < deadline) {
            System.gc();
            collected = ref.equals(queue.remove(200));
          }
          if (!collected) {
            env.flop(
                "Publisher " + pub + " did not drop its subscriber after cancellation (spec 3.13)");
          }
          env.verifyNoAsyncErrorsNoDelay();
        });
  }

  private static <T> WeakReference<ManualSubscriber<T>> subscribeAndCancel(
      TestEnvironment env,
      org.reactivestreams.Publisher<T> pub,
      ReferenceQueue<ManualSubscriber<T>> queue)
      throws InterruptedException {
    ManualSubscriber<T> sub = env.newManualSubscriber(pub);
    WeakReference<ManualSubscriber<T>> ref = new WeakReference<>(sub, queue);
    sub.request(1);
    sub.nextElement();
    sub.cancel();
    return ref;
  }

  /** 0, 1, 2 ... : {@code elements} values ({@code Long.MAX_VALUE}: without end). */
  static Iterable<Integer> values(long elements) {
    return () ->
        new Iterator<>() {
          long next;

          @Override
          public boolean hasNext() {
            return elements == Long.MAX_VALUE || next < elements;
          }

          @Override
          public Integer next() {
            if (!hasNext()) {
              throw new NoSuchElementException();
            }
            return (int) next++;
          }
        };
  }

  /** An iterable that fails when iterated (a failed publisher's source). */
  static Iterable<Integer> failing() {
    return () -> {
      throw new IllegalStateException("failed publisher (TCK)");
    };
  }

  /** Fails unless every call in {@code t} has at most one end. */
  static void endedAtMostOnce(StreamingSupport t) {
    List<StreamingSupport.Rec> calls = t.calls();
    if (calls.isEmpty()) {
      throw new AssertionError("the TCK made no traced call");
    }
    for (StreamingSupport.Rec c : calls) {
      if (c.ends().size() > 1) {
        throw new AssertionError(
            c.opName() + " " + c.id() + " ended " + c.ends().size() + " times");
      }
    }
  }
}
