package dev.weave4j.internal.trace;

import dev.weave4j.internal.Diagnostics;
import dev.weave4j.internal.Diagnostics.Problem;
import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.Callable;

/**
 * Internal, unstable. Carries the tracing context from the thread that hands work over to the
 * thread that runs it; called by the agent's advice in JDK executors (so public, never throwing,
 * and cheap when no context is current: one thread-local read). Runnables and callables are
 * wrapped; tasks whose type must stay (ForkJoinTask) get their context in a weak map, taken back
 * when they run.
 */
public final class Propagation {

  private static final Map<Object, CallContext> TASKS =
      Collections.synchronizedMap(new WeakHashMap<>());

  private Propagation() {}

  /** {@code task} bound to the current context, or {@code task} itself when there is none. */
  public static Runnable wrap(Runnable task) {
    try {
      CallContext context = Contexts.currentOrNull();
      if (context == null
          || task == null
          || task instanceof ContextRunnable
          || isCarrierWork(task)) {
        return task;
      }
      return new ContextRunnable(context, task);
    } catch (Throwable t) {
      return failed(task, t);
    }
  }

  /** {@code task} bound to the current context, or {@code task} itself when there is none. */
  public static <T> Callable<T> wrap(Callable<T> task) {
    try {
      CallContext context = Contexts.currentOrNull();
      if (context == null || task == null || task instanceof ContextCallable) {
        return task;
      }
      return new ContextCallable<>(context, task);
    } catch (Throwable t) {
      return failed(task, t);
    }
  }

  /** Remembers the current context for {@code task}, which will run elsewhere. */
  public static void capture(Object task) {
    try {
      CallContext context = Contexts.currentOrNull();
      if (context != null && task != null) {
        TASKS.put(task, context);
      }
    } catch (Throwable t) {
      failed(task, t);
    }
  }

  /**
   * Makes the context captured for {@code task} current; returns what to pass to {@link #exit}, or
   * null when nothing was captured.
   */
  public static Object enter(Object task) {
    try {
      if (TASKS.isEmpty()) {
        return null;
      }
      CallContext context = TASKS.remove(task);
      return context == null ? null : Contexts.attach(context);
    } catch (Throwable t) {
      return failed(null, t);
    }
  }

  /** Restores the context {@link #enter} replaced. */
  public static void exit(Object previous) {
    try {
      if (previous != null) {
        Contexts.attach((CallContext) previous);
      }
    } catch (Throwable t) {
      failed(null, t);
    }
  }

  /** The agent's advice has no handler around these calls: report, and leave the task as it is. */
  private static <T> T failed(T task, Throwable t) {
    Diagnostics.report(Problem.TRACER_ERROR, "propagating the tracing context", t);
    return task;
  }

  /** A virtual thread's continuation runs on a carrier: it has its own context, never ours. */
  private static boolean isCarrierWork(Runnable task) {
    return task.getClass().getName().startsWith("java.lang.VirtualThread");
  }

  /** A runnable that runs under the context it was created in. */
  static final class ContextRunnable implements Runnable {
    private final CallContext context;
    private final Runnable task;

    ContextRunnable(CallContext context, Runnable task) {
      this.context = context;
      this.task = task;
    }

    @Override
    public void run() {
      CallContext previous = Contexts.attach(context);
      try {
        task.run();
      } finally {
        Contexts.attach(previous);
      }
    }

    @Override
    public String toString() {
      return task.toString();
    }
  }

  /** A callable that runs under the context it was created in. */
  static final class ContextCallable<T> implements Callable<T> {
    private final CallContext context;
    private final Callable<T> task;

    ContextCallable(CallContext context, Callable<T> task) {
      this.context = context;
      this.task = task;
    }

    @Override
    public T call() throws Exception {
      CallContext previous = Contexts.attach(context);
      try {
        return task.call();
      } finally {
        Contexts.attach(previous);
      }
    }

    @Override
    public String toString() {
      return task.toString();
    }
  }
}
