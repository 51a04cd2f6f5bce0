package dev.weave4j.internal.trace;

import dev.weave4j.internal.Diagnostics;
import dev.weave4j.internal.Diagnostics.Problem;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Internal, unstable. The invocation handlers behind the proxies {@link ReactivePublishers} makes:
 * the traced {@code org.reactivestreams.Publisher}, and the traced subscriber it hands the original
 * publisher (which is also the subscription handed downstream). Methods are told apart by name and
 * arity, so no Reactive Streams type is ever named here.
 */
final class ReactiveSignals {

  private ReactiveSignals() {}

  /** The equals/hashCode/toString of a proxy, or null when {@code method} is none of them. */
  private static Object objectMethod(Object proxy, Method method, Object[] args, Object shown) {
    switch (method.getName()) {
      case "equals":
        return method.getParameterCount() == 1 ? proxy == args[0] : null;
      case "hashCode":
        return method.getParameterCount() == 0 ? System.identityHashCode(proxy) : null;
      case "toString":
        return method.getParameterCount() == 0 ? String.valueOf(shown) : null;
      default:
        return null;
    }
  }

  /** The traced publisher: its first subscription is traced, later ones reach the original. */
  static final class PublisherHandler implements InvocationHandler {
    private final StreamCall call;
    private final Object inner;
    private final Class<?> subscriberType;
    private final AtomicBoolean subscribed = new AtomicBoolean();

    PublisherHandler(StreamCall call, Object inner, Class<?> subscriberType) {
      this.call = call;
      this.inner = inner;
      this.subscriberType = subscriberType;
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) {
      Object own = objectMethod(proxy, method, args, inner);
      if (own != null) {
        return own;
      }
      if (!method.getName().equals("subscribe") || method.getParameterCount() != 1) {
        return ReactivePublishers.invoke(method, inner, args);
      }
      Object subscriber = Objects.requireNonNull(args[0], "subscriber");
      if (call.isDone() || !subscribed.compareAndSet(false, true)) {
        return ReactivePublishers.invoke(method, inner, subscriber);
      }
      SignalTrace trace = new SignalTrace(call, proxy);
      Object traced;
      try {
        traced =
            ReactivePublishers.subscriber(
                subscriberType, subscriber, new SubscriberHandler(trace, subscriber));
      } catch (RuntimeException | LinkageError e) {
        // Not a subscriber we can stand in for: the subscription goes untraced.
        Diagnostics.report(Problem.TRACER_ERROR, "tracing a subscription", e);
        call.stop();
        return ReactivePublishers.invoke(method, inner, subscriber);
      }
      trace.produce(() -> ReactivePublishers.invoke(method, inner, traced));
      return null;
    }
  }

  /**
   * The subscriber handed to the original publisher, which is also the subscription handed
   * downstream. Other methods (Reactor's {@code currentContext()}) go to the downstream subscriber.
   */
  static final class SubscriberHandler implements InvocationHandler {
    private final SignalTrace trace;
    private final Object downstream;
    private volatile Object upstream;

    SubscriberHandler(SignalTrace trace, Object downstream) {
      this.trace = trace;
      this.downstream = downstream;
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) {
      Object own = objectMethod(proxy, method, args, downstream);
      if (own != null) {
        return own;
      }
      int params = method.getParameterCount();
      switch (method.getName()) {
        case "onSubscribe":
          if (params == 1) {
            upstream = args[0];
            trace.deliver(() -> ReactivePublishers.invoke(method, downstream, proxy));
            return null;
          }
          break;
        case "onNext":
          if (params == 1) {
            Object item = args[0];
            trace.next(item, () -> ReactivePublishers.invoke(method, downstream, item));
            return null;
          }
          break;
        case "onError":
          if (params == 1) {
            Throwable error = (Throwable) args[0];
            trace.error(error, () -> ReactivePublishers.invoke(method, downstream, error));
            return null;
          }
          break;
        case "onComplete":
          if (params == 0) {
            trace.complete(() -> ReactivePublishers.invoke(method, downstream));
            return null;
          }
          break;
        case "request":
          if (params == 1) {
            Object n = args[0];
            trace.produce(() -> ReactivePublishers.invoke(method, upstream, n));
            return null;
          }
          break;
        case "cancel":
          if (params == 0) {
            trace.cancel(() -> ReactivePublishers.invoke(method, upstream));
            return null;
          }
          break;
        default:
          break;
      }
      return ReactivePublishers.invoke(method, downstream, args);
    }
  }
}
