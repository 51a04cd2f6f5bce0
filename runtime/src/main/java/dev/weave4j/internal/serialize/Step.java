package dev.weave4j.internal.serialize;

import java.util.Collection;
import java.util.Iterator;
import java.util.Map;

/**
 * Guarded iteration over (possibly hostile) collections and maps. Each method runs user code
 * (iterator, hasNext, next, getKey, getValue, toString, size) and turns whatever it throws into a
 * {@link Failure}, so the walker writes nothing while user code runs. Never throws.
 */
final class Step {

  /** Iteration ended. */
  static final Object END = new Object();

  /** More elements are left than the walker writes. */
  static final Object MORE = new Object();

  /** Iteration threw; {@link #marker} says what. */
  record Failure(Throwable thrown) {
    String marker() {
      return Markers.threw("iterating", thrown);
    }
  }

  /** A map entry with its key already turned into a (capped) string. */
  record Entry(String key, Object value) {}

  private Step() {}

  /** The collection's iterator, or a Failure. */
  static Object iterator(Collection<?> c) {
    try {
      return c.iterator();
    } catch (Throwable t) {
      return new Failure(t);
    }
  }

  /** The map's entry-set iterator, or a Failure. */
  static Object entryIterator(Map<?, ?> m) {
    try {
      return m.entrySet().iterator();
    } catch (Throwable t) {
      return new Failure(t);
    }
  }

  /**
   * The next element of {@code it} (as returned by {@link #iterator}); END when done; MORE when
   * {@code atLimit} and elements are left (without taking one); the Failure if there is one.
   */
  static Object next(Object it, boolean atLimit) {
    if (!(it instanceof Iterator<?> iterator)) {
      return it instanceof Failure ? it : END;
    }
    try {
      if (!iterator.hasNext()) {
        return END;
      }
      return atLimit ? MORE : iterator.next();
    } catch (Throwable t) {
      return new Failure(t);
    }
  }

  /** Like {@link #next}, but an element is returned as an {@link Entry}. */
  static Object nextEntry(Object it, boolean atLimit) {
    Object next = next(it, atLimit);
    if (next == END || next == MORE || next instanceof Failure) {
      return next;
    }
    if (next instanceof Map.Entry<?, ?> entry) {
      return entry(entry);
    }
    String type = next == null ? "null" : next.getClass().getName();
    return new Failure(new ClassCastException(type + " is not a Map.Entry"));
  }

  /** The entry's key string and value, or a Failure. */
  private static Object entry(Map.Entry<?, ?> entry) {
    Object key;
    Object value;
    try {
      key = entry.getKey();
      value = entry.getValue();
    } catch (Throwable t) {
      return new Failure(t);
    }
    return new Entry(keyString(key), value);
  }

  /** {@code String.valueOf(key)}, capped; a marker when its toString throws. */
  static String keyString(Object key) {
    try {
      return Text.cap(String.valueOf(key));
    } catch (Throwable t) {
      return Markers.unserializable(key, "toString", t);
    }
  }

  /** How many elements are left after the first {@code written}; 0 when unknown. */
  static long remaining(Object container, int written) {
    try {
      int size = container instanceof Map<?, ?> m ? m.size() : ((Collection<?>) container).size();
      return Math.max(0, (long) size - written);
    } catch (Throwable t) {
      return 0;
    }
  }
}
