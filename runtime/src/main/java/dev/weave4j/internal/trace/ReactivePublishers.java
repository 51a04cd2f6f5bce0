package dev.weave4j.internal.trace;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Set;

/**
 * Internal, unstable. Traces {@code org.reactivestreams.Publisher}s and Reactor {@code Flux}/{@code
 * Mono}s an op returned, without naming their types: this class is loaded by the bootstrap class
 * loader (the agent appends the runtime there), while those types belong to the application's class
 * loader, which may not have them at all. Nothing here is touched unless an op returns one of them.
 *
 * <p>An {@code org.reactivestreams.Publisher} becomes a {@link Proxy} of the publisher's own {@code
 * Publisher} interface (defined in that interface's class loader) whose handler is a {@link
 * ReactiveSignals.PublisherHandler}; its first subscription hands the original publisher a proxy
 * subscriber (that is also the subscription handed downstream) feeding a {@link SignalTrace},
 * exactly as {@link TracedPublisher} does for {@code Flow}. When the downstream subscriber is a
 * Reactor {@code CoreSubscriber}, the proxy subscriber is one too and forwards {@code
 * currentContext()} to it, so Reactor's subscriber {@code Context} reaches the source unchanged.
 *
 * <p>A {@code Flux} (or {@code Mono}) is traced the same way and turned back into a real one with
 * Reactor's own {@code Flux.from} ({@code Mono.fromDirect}): the caller gets a {@code Flux}/{@code
 * Mono}, its operators work, and the subscription is traced at the source.
 *
 * <p>Every type, proxy constructor and method handle is resolved once per class (so once per class
 * loader in practice) and cached in a {@link ClassValue}; per call only the proxies are created.
 */
final class ReactivePublishers {

  static final String PUBLISHER = "org.reactivestreams.Publisher";
  static final String SUBSCRIBER = "org.reactivestreams.Subscriber";
  static final String SUBSCRIPTION = "org.reactivestreams.Subscription";
  static final String CORE_SUBSCRIBER = "reactor.core.CoreSubscriber";
  static final String FLUX = "reactor.core.publisher.Flux";
  static final String MONO = "reactor.core.publisher.Mono";

  /**
   * What a class is, as a returned value: {@link ReturnShape#FLUX}, {@link ReturnShape#MONO},
   * {@link ReturnShape#REACTIVE_PUBLISHER} or {@link ReturnShape#PLAIN}.
   */
  private static final ClassValue<ReturnShape> SHAPE =
      new ClassValue<>() {
        @Override
        protected ReturnShape computeValue(Class<?> type) {
          if (findInterface(type, PUBLISHER) == null) {
            return ReturnShape.PLAIN;
          }
          if (findSuperclass(type, FLUX) != null) {
            return ReturnShape.FLUX;
          }
          if (findSuperclass(type, MONO) != null) {
            return ReturnShape.MONO;
          }
          return ReturnShape.REACTIVE_PUBLISHER;
        }
      };

  /**
   * A traced publisher's constructor, for a class implementing {@code Publisher}; the {@code
   * Subscriber} type its {@code subscribe} takes is {@link ProxyFactory#related}.
   */
  private static final ClassValue<ProxyFactory> PUBLISHER_PROXY =
      new ClassValue<>() {
        @Override
        protected ProxyFactory computeValue(Class<?> type) {
          Class<?> publisher = findInterface(type, PUBLISHER);
          if (publisher == null) {
            throw new IllegalArgumentException("not an " + PUBLISHER + ": " + type.getName());
          }
          return new ProxyFactory(
              load(SUBSCRIBER, publisher.getClassLoader()), new Class<?>[] {publisher});
        }
      };

  /**
   * A traced subscriber's constructor, for the class of the downstream subscriber: a {@code
   * CoreSubscriber} (and {@code Subscription}) when it is one, else a {@code Subscriber}.
   */
  private static final ClassValue<ProxyFactory> SUBSCRIBER_PROXY =
      new ClassValue<>() {
        @Override
        protected ProxyFactory computeValue(Class<?> type) {
          Class<?> subscriber = findInterface(type, CORE_SUBSCRIBER);
          if (subscriber == null) {
            subscriber = findInterface(type, SUBSCRIBER);
          }
          if (subscriber == null) {
            throw new IllegalArgumentException("not an " + SUBSCRIBER + ": " + type.getName());
          }
          return new ProxyFactory(
              null, new Class<?>[] {subscriber, load(SUBSCRIPTION, subscriber.getClassLoader())});
        }
      };

  /** {@code Flux.from(Publisher)} for a class that extends Flux. */
  private static final ClassValue<MethodHandle> FLUX_FROM =
      new ClassValue<>() {
        @Override
        protected MethodHandle computeValue(Class<?> type) {
          return converter(type, FLUX, "from");
        }
      };

  /** {@code Mono.fromDirect(Publisher)} for a class that extends Mono. */
  private static final ClassValue<MethodHandle> MONO_FROM =
      new ClassValue<>() {
        @Override
        protected MethodHandle computeValue(Class<?> type) {
          return converter(type, MONO, "fromDirect");
        }
      };

  private ReactivePublishers() {}

  /** The reactive shape of a returned value, or {@link ReturnShape#PLAIN}. */
  static ReturnShape shapeOf(Object value) {
    return SHAPE.get(value.getClass());
  }

  /** A traced {@code org.reactivestreams.Publisher} equivalent to {@code publisher}. */
  static Object wrap(StreamCall call, Object publisher) {
    ProxyFactory factory = PUBLISHER_PROXY.get(publisher.getClass());
    return factory.create(new ReactiveSignals.PublisherHandler(call, publisher, factory.related));
  }

  /**
   * A traced Reactor {@code Flux} ({@code mono} false) or {@code Mono} equivalent to {@code value}:
   * Reactor's own conversion of {@code traced}, the traced publisher made by {@link #wrap} (which
   * the call's lifetime is tied to).
   */
  static Object toReactor(Object value, boolean mono, Object traced) {
    MethodHandle from = (mono ? MONO_FROM : FLUX_FROM).get(value.getClass());
    try {
      return from.invoke(traced);
    } catch (Throwable t) {
      throw StreamCall.sneaky(t);
    }
  }

  /**
   * A traced subscriber forwarding to {@code downstream}, for {@code handler}: a {@code
   * CoreSubscriber} when {@code downstream} is one (of the same Reactive Streams as the publisher),
   * else a plain {@code subscriberType}.
   */
  static Object subscriber(Class<?> subscriberType, Object downstream, InvocationHandler handler) {
    ProxyFactory factory = SUBSCRIBER_PROXY.get(downstream.getClass());
    if (!subscriberType.isAssignableFrom(factory.interfaces[0])) {
      factory = SUBSCRIBER_PROXY.get(subscriberType);
    }
    return factory.create(handler);
  }

  private static MethodHandle converter(Class<?> type, String base, String method) {
    Class<?> reactorType = findSuperclass(type, base);
    if (reactorType == null) {
      throw new IllegalArgumentException("not a " + base + ": " + type.getName());
    }
    Class<?> publisher = load(PUBLISHER, reactorType.getClassLoader());
    try {
      return MethodHandles.publicLookup()
          .findStatic(reactorType, method, MethodType.methodType(reactorType, publisher));
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(base + "." + method + " not found", e);
    }
  }

  private static Class<?> load(String name, ClassLoader loader) {
    try {
      return Class.forName(name, false, loader);
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException(name + " is not visible from " + loader, e);
    }
  }

  private static Class<?> findSuperclass(Class<?> type, String name) {
    for (Class<?> c = type; c != null; c = c.getSuperclass()) {
      if (c.getName().equals(name)) {
        return c;
      }
    }
    return null;
  }

  /** The interface named {@code name} among every supertype of {@code type}, or null. */
  static Class<?> findInterface(Class<?> type, String name) {
    Deque<Class<?>> todo = new ArrayDeque<>();
    Set<Class<?>> seen = new HashSet<>();
    for (Class<?> c = type; c != null; c = c.getSuperclass()) {
      todo.add(c);
    }
    while (!todo.isEmpty()) {
      Class<?> c = todo.poll();
      if (!seen.add(c)) {
        continue;
      }
      if (c.isInterface() && c.getName().equals(name)) {
        return c;
      }
      for (Class<?> i : c.getInterfaces()) {
        todo.add(i);
      }
    }
    return null;
  }

  /** Calls {@code method} on {@code target}, rethrowing what it throws unchanged. */
  static Object invoke(Method method, Object target, Object... args) {
    try {
      return method.invoke(target, args);
    } catch (InvocationTargetException e) {
      throw StreamCall.sneaky(e.getCause());
    } catch (IllegalAccessException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Makes proxies of some interfaces (defined in the first one's class loader): the proxy class's
   * constructor is looked up once; when the JDK does not make it accessible, every proxy goes
   * through {@link Proxy#newProxyInstance}.
   */
  private static final class ProxyFactory {
    /** A type that goes with the proxies (a publisher's subscriber type), or null. */
    final Class<?> related;

    final Class<?>[] interfaces;
    private final MethodHandle constructor;

    ProxyFactory(Class<?> related, Class<?>[] interfaces) {
      this.related = related;
      this.interfaces = interfaces;
      MethodHandle c;
      try {
        Class<?> proxyClass =
            Proxy.newProxyInstance(
                    interfaces[0].getClassLoader(), interfaces, (proxy, method, args) -> null)
                .getClass();
        c =
            MethodHandles.publicLookup()
                .findConstructor(
                    proxyClass, MethodType.methodType(void.class, InvocationHandler.class));
      } catch (ReflectiveOperationException | RuntimeException e) {
        c = null;
      }
      this.constructor = c;
    }

    Object create(InvocationHandler handler) {
      if (constructor == null) {
        return Proxy.newProxyInstance(interfaces[0].getClassLoader(), interfaces, handler);
      }
      try {
        return constructor.invoke(handler);
      } catch (Throwable t) {
        throw StreamCall.sneaky(t);
      }
    }
  }
}
