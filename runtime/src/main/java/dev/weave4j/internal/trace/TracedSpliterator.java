package dev.weave4j.internal.trace;

import java.util.Comparator;
import java.util.Spliterator;
import java.util.function.Consumer;

/**
 * Internal, unstable. A Spliterator an op returned (or the source of a Stream it returned), traced:
 * {@code tryAdvance}, {@code forEachRemaining} and {@code trySplit} run under the op's context;
 * values reach the consumer under the consumer's context. The call is exhausted when every split
 * is.
 */
final class TracedSpliterator<T> implements Spliterator<T> {

  private final StreamCall call;
  private final Spliterator<T> inner;
  private final Object anchor;
  private boolean exhausted;

  /**
   * @param anchor what the call's cleaner watches, or null for this spliterator itself
   */
  TracedSpliterator(StreamCall call, Spliterator<T> inner, Object anchor) {
    this.call = call;
    this.inner = inner;
    this.anchor = anchor == null ? this : anchor;
  }

  @Override
  public boolean tryAdvance(Consumer<? super T> action) {
    if (call.isDone()) {
      return inner.tryAdvance(action);
    }
    boolean advanced =
        call.<Spliterator<T>, T, Boolean>emit(inner, action, Spliterator::tryAdvance);
    if (!advanced) {
      exhausted();
    }
    return advanced;
  }

  @Override
  public void forEachRemaining(Consumer<? super T> action) {
    if (call.isDone()) {
      inner.forEachRemaining(action);
      return;
    }
    call.<Spliterator<T>, T, Void>emit(inner, action, TracedSpliterator::forEach);
    exhausted();
  }

  private static <T> Void forEach(Spliterator<T> source, Consumer<T> emitter) {
    source.forEachRemaining(emitter);
    return null;
  }

  private void exhausted() {
    if (!exhausted) {
      exhausted = true;
      if (call.splits.decrementAndGet() <= 0) {
        call.complete();
      }
    }
  }

  @Override
  public Spliterator<T> trySplit() {
    if (call.isDone()) {
      return inner.trySplit();
    }
    Spliterator<T> split;
    CallContext previous = call.enter();
    try {
      split = inner.trySplit();
    } catch (Throwable t) {
      call.fail(t);
      throw StreamCall.sneaky(t);
    } finally {
      StreamCall.leave(previous);
    }
    if (split == null) {
      return null;
    }
    call.splits.incrementAndGet();
    return new TracedSpliterator<>(call, split, anchor);
  }

  @Override
  public long estimateSize() {
    return inner.estimateSize();
  }

  @Override
  public long getExactSizeIfKnown() {
    return inner.getExactSizeIfKnown();
  }

  @Override
  public int characteristics() {
    return inner.characteristics();
  }

  @Override
  public Comparator<? super T> getComparator() {
    return inner.getComparator();
  }

  @Override
  public String toString() {
    return inner.toString();
  }
}
