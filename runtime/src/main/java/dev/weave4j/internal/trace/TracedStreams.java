package dev.weave4j.internal.trace;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.Spliterator;
import java.util.stream.BaseStream;
import java.util.stream.DoubleStream;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * Internal, unstable. A Stream (or Int/Long/DoubleStream) an op returned, traced. The source is
 * re-rooted on a {@link TracedSpliterator} over the original stream (so the op's pipeline is pulled
 * under the op's context and exhaustion is seen), and the stream handed out is a proxy of the
 * stream interface: every intermediate operation returns another proxy of the same call, and a
 * terminal operation ends the call when it returns (a short-circuiting one, like {@code findFirst}
 * or after {@code limit}, ends it with the values pulled so far). {@code close()} ends it too. A
 * proxy (rather than a hand-written delegate) also covers stream methods added by later JDKs.
 *
 * <p>Primitive streams are traced through their boxed values. A checked exception thrown sneakily
 * through a stream reaches the caller wrapped in {@code UndeclaredThrowableException} (the proxy's
 * rule).
 */
final class TracedStreams implements InvocationHandler {

  private final StreamCall call;
  private final Object inner;
  private final Object anchor;

  private TracedStreams(StreamCall call, Object inner, Object anchor) {
    this.call = call;
    this.inner = inner;
    this.anchor = anchor;
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  static Object wrap(StreamCall call, ReturnShape shape, Object value, Object anchor) {
    BaseStream<?, ?> original = (BaseStream<?, ?>) value;
    boolean parallel = original.isParallel();
    Stream<Object> boxed =
        switch (shape) {
          case INT_STREAM -> (Stream) ((IntStream) original).boxed();
          case LONG_STREAM -> (Stream) ((LongStream) original).boxed();
          case DOUBLE_STREAM -> (Stream) ((DoubleStream) original).boxed();
          default -> (Stream<Object>) original;
        };
    Spliterator<Object> source = new TracedSpliterator<>(call, boxed.spliterator(), anchor);
    Stream<Object> traced =
        StreamSupport.stream(source, parallel).onClose(call::stop).onClose(boxed::close);
    Object inner =
        switch (shape) {
          case INT_STREAM -> traced.mapToInt(o -> (Integer) o);
          case LONG_STREAM -> traced.mapToLong(o -> (Long) o);
          case DOUBLE_STREAM -> traced.mapToDouble(o -> (Double) o);
          default -> traced;
        };
    return proxy(call, inner, anchor);
  }

  /** A proxy of {@code stream}'s interface over it, or {@code stream} itself for other kinds. */
  private static Object proxy(StreamCall call, Object stream, Object anchor) {
    Class<?> type =
        stream instanceof Stream
            ? Stream.class
            : stream instanceof IntStream
                ? IntStream.class
                : stream instanceof LongStream
                    ? LongStream.class
                    : stream instanceof DoubleStream ? DoubleStream.class : null;
    if (type == null) {
      return stream;
    }
    return Proxy.newProxyInstance(
        null, new Class<?>[] {type}, new TracedStreams(call, stream, anchor));
  }

  @Override
  public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
    if (method.getDeclaringClass() == Object.class) {
      switch (method.getName()) {
        case "equals":
          return proxy == args[0];
        case "hashCode":
          return System.identityHashCode(proxy);
        default:
          return inner.toString();
      }
    }
    String name = method.getName();
    boolean terminal = isTerminal(name, method.getParameterCount());
    Object result;
    try {
      result = method.invoke(inner, args);
    } catch (InvocationTargetException e) {
      if (terminal) {
        call.stop(); // no-op when the source failed (that ended the call with the error)
      }
      throw e.getCause();
    }
    if (result instanceof BaseStream) {
      return result == inner ? proxy : proxy(call, result, anchor);
    }
    if (terminal) {
      call.stop(); // no-op when the values were exhausted
    }
    return result;
  }

  /** Not an intermediate operation, nor one that leaves the stream open or closes it itself. */
  private static boolean isTerminal(String name, int parameters) {
    switch (name) {
      case "iterator":
      case "spliterator":
      case "isParallel":
      case "close":
        return parameters > 0;
      default:
        return true; // intermediate operations return a stream, checked after the call
    }
  }
}
