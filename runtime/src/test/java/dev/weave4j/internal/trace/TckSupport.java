package dev.weave4j.internal.trace;

import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * What the Reactive Streams TCK runs of ours share: the timeout of its test environment (generous:
 * the machine may be busy), the values its publishers emit, and the check that every traced call
 * the TCK made ended at most once.
 */
final class TckSupport {

  /** Default timeout of the TCK's {@code TestEnvironment}. */
  static final long TIMEOUT_MILLIS = 500;

  private TckSupport() {}

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
