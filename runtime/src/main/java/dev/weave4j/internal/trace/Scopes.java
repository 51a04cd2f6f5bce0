package dev.weave4j.internal.trace;

import dev.weave4j.WeaveScope;
import dev.weave4j.internal.util.Ids;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiFunction;

/**
 * Internal, unstable. The scopes behind the public API: attributes, thread, tracing disabled,
 * per-call options, and carrying a context to another thread. They work with or without a running
 * runtime (without one they only change the context).
 */
public final class Scopes {

  private Scopes() {}

  /**
   * Validates a user attribute key.
   *
   * @throws IllegalArgumentException for the reserved key {@code weave} or a null key
   */
  public static String checkAttributeKey(String key) {
    if (key == null) {
      throw new IllegalArgumentException("attribute keys must not be null");
    }
    if (key.equals("weave")) {
      throw new IllegalArgumentException(
          "the attribute key 'weave' is reserved for weave4j's own attributes; use another key");
    }
    return key;
  }

  /** Attributes for the calls started in the scope; shallow-merged over the enclosing ones. */
  public static WeaveScope attributes(Map<String, ?> attributes) {
    Objects.requireNonNull(attributes, "attributes");
    Map<String, Object> copy = new LinkedHashMap<>();
    attributes.forEach((k, v) -> copy.put(checkAttributeKey(k), v));
    return open((c, owner) -> c.withAttributes(Collections.unmodifiableMap(copy), owner));
  }

  /** Calls in the scope belong to thread {@code id}; null ends any enclosing thread. */
  public static WeaveScope thread(String id) {
    return open((c, owner) -> c.withThread(id, owner));
  }

  /** A new thread id. */
  public static String newThreadId() {
    return Ids.uuid7();
  }

  /** Nothing is traced in the scope. */
  public static WeaveScope tracingDisabled() {
    return open((c, owner) -> c.withDisabled(owner));
  }

  /** What a body run under options produced. */
  public record Outcome<T>(T result, Throwable exception, CallImpl call) {}

  /**
   * Runs {@code body} with {@code options} pending for its first directly started op; never throws
   * the body's exception (except VM errors).
   */
  public static <T> Outcome<T> callWith(PendingOptions options, Callable<T> body) {
    Scope scope = new Scope();
    scope.context = Contexts.open(c -> c.withOptions(options, scope));
    try {
      T result = body.call();
      return new Outcome<>(result, null, options.call());
    } catch (VirtualMachineError e) {
      throw e;
    } catch (Throwable t) {
      return new Outcome<>(null, t, options.call());
    } finally {
      scope.close();
    }
  }

  /** {@code task} run with the context current now, wherever it runs. */
  public static Runnable wrap(Runnable task) {
    return new Propagation.ContextRunnable(Contexts.current(), task);
  }

  /** {@code task} run with the context current now, wherever it runs. */
  public static <T> Callable<T> wrap(Callable<T> task) {
    return new Propagation.ContextCallable<>(Contexts.current(), task);
  }

  private static WeaveScope open(BiFunction<CallContext, Object, CallContext> change) {
    Scope scope = new Scope();
    scope.context = Contexts.open(c -> change.apply(c, scope));
    return scope;
  }

  /** A scope opened on one thread; closing it again, or on another thread, is reported once. */
  private static final class Scope implements WeaveScope {
    final AtomicBoolean closed = new AtomicBoolean();
    CallContext context;

    @Override
    public void close() {
      if (closed.compareAndSet(false, true)) {
        Contexts.close(context);
      }
    }
  }
}
