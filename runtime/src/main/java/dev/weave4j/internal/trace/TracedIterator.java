package dev.weave4j.internal.trace;

import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.function.Consumer;

/**
 * Internal, unstable. The Iterator an op returned, traced: {@code hasNext}/{@code next}/{@code
 * forEachRemaining} pull under the op's context; the call ends when {@code hasNext} is false (or
 * {@code next} throws NoSuchElementException), on a failure, on {@link #close}, or when dropped.
 */
final class TracedIterator<T> implements Iterator<T>, AutoCloseable {

  private final StreamCall call;
  private final Iterator<T> inner;

  /** What keeps the call's cleaner from running while this iterator is in use. */
  @SuppressWarnings("unused")
  private final Object anchor;

  TracedIterator(StreamCall call, Iterator<T> inner, Object anchor) {
    this.call = call;
    this.inner = inner;
    this.anchor = anchor;
  }

  @Override
  public boolean hasNext() {
    if (call.isDone()) {
      return inner.hasNext();
    }
    boolean has;
    CallContext previous = call.enter();
    try {
      has = inner.hasNext();
    } catch (Throwable t) {
      call.fail(t);
      throw StreamCall.sneaky(t);
    } finally {
      StreamCall.leave(previous);
    }
    if (!has) {
      call.complete();
    }
    return has;
  }

  @Override
  public T next() {
    if (call.isDone()) {
      return inner.next();
    }
    T value;
    CallContext previous = call.enter();
    try {
      value = inner.next();
    } catch (NoSuchElementException e) {
      call.complete();
      throw e;
    } catch (Throwable t) {
      call.fail(t);
      throw StreamCall.sneaky(t);
    } finally {
      StreamCall.leave(previous);
    }
    call.accept(value);
    return value;
  }

  @Override
  public void forEachRemaining(Consumer<? super T> action) {
    if (call.isDone()) {
      inner.forEachRemaining(action);
      return;
    }
    call.<Iterator<T>, T, Void>emit(inner, action, TracedIterator::forEach);
    call.complete();
  }

  private static <T> Void forEach(Iterator<T> source, Consumer<T> emitter) {
    source.forEachRemaining(emitter);
    return null;
  }

  @Override
  public void remove() {
    inner.remove();
  }

  /** Stops early: ends the call with the values so far, and closes the iterator if it can be. */
  @Override
  public void close() throws Exception {
    call.stop();
    if (inner instanceof AutoCloseable c) {
      c.close();
    }
  }

  @Override
  public String toString() {
    return inner.toString();
  }
}
