package dev.weave4j.internal.trace;

import java.util.Iterator;
import java.util.Spliterator;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import java.util.stream.DoubleStream;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import java.util.stream.Stream;

/**
 * Internal, unstable. How an op's return value is finished, decided once per method from its
 * declared return type (at instrumentation time): now ({@link #PLAIN}), when the returned values
 * are consumed (the wrapped shapes), when the returned stage completes ({@link #COMPLETION_STAGE}),
 * or from the returned instance ({@link #DYNAMIC}, for methods declared to return {@code Object}).
 *
 * <p>Types of optional libraries (Reactive Streams, Reactor) are recognized by name only, so
 * neither the agent nor this runtime ever loads them for an application that does not use them.
 *
 * <p>Wrapped shapes are only chosen when the declared type is exactly the interface (or exactly
 * Reactor's {@code Flux} or {@code Mono}, which a traced one is re-made as), so the wrapper is
 * always assignable to it; a stage is never wrapped, so any {@code CompletionStage} subtype
 * qualifies.
 */
public enum ReturnShape {
  /** Finished when the method returns. */
  PLAIN,
  /** {@code java.util.Iterator}. */
  ITERATOR,
  /** {@code java.lang.Iterable}: its first iterator is traced. */
  ITERABLE,
  /** {@code java.util.stream.Stream}. */
  STREAM,
  /** {@code java.util.stream.IntStream}. */
  INT_STREAM,
  /** {@code java.util.stream.LongStream}. */
  LONG_STREAM,
  /** {@code java.util.stream.DoubleStream}. */
  DOUBLE_STREAM,
  /** {@code java.util.Spliterator}. */
  SPLITERATOR,
  /** {@code java.util.concurrent.Flow.Publisher}: its first subscription is traced. */
  FLOW_PUBLISHER,
  /**
   * {@code org.reactivestreams.Publisher} (decided by name: the type may be absent): its first
   * subscription is traced.
   */
  REACTIVE_PUBLISHER,
  /** Reactor's {@code reactor.core.publisher.Flux} (by name): a traced Flux. */
  FLUX,
  /**
   * Reactor's {@code reactor.core.publisher.Mono} (by name): a traced Mono, whose output is its
   * value (null when empty).
   */
  MONO,
  /** {@code CompletionStage} or any subtype (not wrapped: the call ends when it completes). */
  COMPLETION_STAGE,
  /** Declared {@code Object}: decided from the returned instance. */
  DYNAMIC;

  /** Whether this is a Reactive Streams publisher (Reactor's included). */
  boolean reactive() {
    return this == REACTIVE_PUBLISHER || this == FLUX || this == MONO;
  }

  /** Whether the exit advice may have to replace (or watch) the returned value. */
  public boolean streaming() {
    return this != PLAIN;
  }

  /**
   * The shape of a declared return type (binary name), given whether it is a {@code
   * CompletionStage}.
   */
  public static ReturnShape ofDeclared(String typeName, boolean isCompletionStage) {
    switch (typeName) {
      case "java.util.Iterator":
        return ITERATOR;
      case "java.lang.Iterable":
        return ITERABLE;
      case "java.util.stream.Stream":
        return STREAM;
      case "java.util.stream.IntStream":
        return INT_STREAM;
      case "java.util.stream.LongStream":
        return LONG_STREAM;
      case "java.util.stream.DoubleStream":
        return DOUBLE_STREAM;
      case "java.util.Spliterator":
        return SPLITERATOR;
      case "java.util.concurrent.Flow$Publisher":
        return FLOW_PUBLISHER;
      case "org.reactivestreams.Publisher":
        return REACTIVE_PUBLISHER;
      case "reactor.core.publisher.Flux":
        return FLUX;
      case "reactor.core.publisher.Mono":
        return MONO;
      case "java.lang.Object":
        return DYNAMIC;
      default:
        return isCompletionStage ? COMPLETION_STAGE : PLAIN;
    }
  }

  /**
   * The shape of a value returned from a method declared {@code Object}. Iterables are not wrapped
   * here (a caller may cast a returned collection to its class); a {@code Flux} or {@code Mono}
   * stays one.
   */
  static ReturnShape ofInstance(Object value) {
    if (value instanceof CompletionStage) {
      return COMPLETION_STAGE;
    }
    if (value instanceof Stream) {
      return STREAM;
    }
    if (value instanceof IntStream) {
      return INT_STREAM;
    }
    if (value instanceof LongStream) {
      return LONG_STREAM;
    }
    if (value instanceof DoubleStream) {
      return DOUBLE_STREAM;
    }
    if (value instanceof Iterator) {
      return ITERATOR;
    }
    if (value instanceof Spliterator) {
      return SPLITERATOR;
    }
    if (value instanceof Flow.Publisher) {
      return FLOW_PUBLISHER;
    }
    try {
      return ReactivePublishers.shapeOf(value);
    } catch (RuntimeException | LinkageError e) {
      return PLAIN;
    }
  }
}
