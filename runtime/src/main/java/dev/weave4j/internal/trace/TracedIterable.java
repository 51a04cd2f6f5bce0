package dev.weave4j.internal.trace;

import java.util.Iterator;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Internal, unstable. The Iterable an op returned, traced: its first iterator is traced (the call
 * ends when that one is exhausted, fails or is dropped); later iterators are the original ones.
 */
final class TracedIterable<T> implements Iterable<T> {

  private final StreamCall call;
  private final Iterable<T> inner;
  private final AtomicBoolean iterated = new AtomicBoolean();

  TracedIterable(StreamCall call, Iterable<T> inner) {
    this.call = call;
    this.inner = inner;
  }

  @Override
  public Iterator<T> iterator() {
    if (call.isDone() || !iterated.compareAndSet(false, true)) {
      return inner.iterator();
    }
    Iterator<T> it;
    CallContext previous = call.enter();
    try {
      it = inner.iterator();
    } catch (Throwable t) {
      call.fail(t);
      throw StreamCall.sneaky(t);
    } finally {
      StreamCall.leave(previous);
    }
    return new TracedIterator<>(call, it, this);
  }

  @Override
  public String toString() {
    return inner.toString();
  }
}
