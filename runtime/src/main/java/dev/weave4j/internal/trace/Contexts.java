package dev.weave4j.internal.trace;

import dev.weave4j.Call;
import dev.weave4j.internal.Diagnostics;
import dev.weave4j.internal.Diagnostics.Problem;
import dev.weave4j.internal.agents.AgentFrame;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Internal, unstable. The current {@link CallContext} of each thread, and opening and closing
 * scopes on it. A scope closed out of order is removed from the chain and the scopes above it are
 * re-applied, so every scope's change lasts exactly as long as the scope.
 */
public final class Contexts {

  private static final ThreadLocal<CallContext> CURRENT = new ThreadLocal<>();

  /**
   * Under the agent (runtime on the boot class path) a thread keeps its entry when it leaves every
   * scope, so the next root call does not allocate a new one; loaded by an application's class
   * loader, the entry is removed so that a redeployed application can be unloaded.
   */
  private static final boolean KEEP_ENTRY = Contexts.class.getClassLoader() == null;

  private Contexts() {}

  /** This thread's context (never null). */
  public static CallContext current() {
    CallContext c = CURRENT.get();
    return c == null ? CallContext.ROOT : c;
  }

  /** This thread's context, or null when nothing is in scope (the cheapest check). */
  static CallContext currentOrNull() {
    CallContext c = CURRENT.get();
    return c == CallContext.ROOT ? null : c;
  }

  /** The call running on this thread, or null. */
  public static Call currentCall() {
    CallContext c = CURRENT.get();
    return c == null ? null : c.call;
  }

  /** Makes {@code context} current and returns the one it replaced (for propagation to threads). */
  public static CallContext attach(CallContext context) {
    CallContext old = current();
    set(context);
    return old;
  }

  /** Opens an agent-tracing scope owned by {@code owner} (a span or conversation). */
  public static CallContext openAgent(AgentFrame frame, Object owner) {
    return open(c -> c.withAgent(frame, owner));
  }

  /**
   * Closes an agent-tracing scope; one ended on another thread than it was opened on stays on that
   * thread, where the spans it names are seen as ended.
   */
  public static void closeAgent(CallContext context) {
    close(context, false);
  }

  /** Opens a scope: makes {@code change(current)} current; {@code owner} closes it. */
  static CallContext open(UnaryOperator<CallContext> change) {
    CallContext next = change.apply(current());
    set(next);
    return next;
  }

  /** Makes {@code next}, derived from the current context, current; returns it. */
  static CallContext enter(CallContext next) {
    set(next);
    return next;
  }

  /** Closes the scope that opened {@code context}; tolerant of out-of-order and double closes. */
  static void close(CallContext context) {
    close(context, true);
  }

  /**
   * Closes the scope that opened {@code context}; when it is not on this thread, reports it only if
   * {@code report} (a manual call may legitimately end on another thread).
   */
  static void close(CallContext context, boolean report) {
    CallContext current = current();
    if (current == context) {
      set(context.previous);
      return;
    }
    List<CallContext> above = new ArrayList<>();
    CallContext c = current;
    while (c != null && c.owner != context.owner) {
      above.add(c);
      c = c.previous;
    }
    if (c == null) {
      if (!report) {
        return;
      }
      Diagnostics.report(
          Problem.CONTEXT_MISMATCH,
          "a scope was closed on another thread or twice (" + Thread.currentThread() + ")",
          null);
      return;
    }
    CallContext rebuilt = c.previous;
    for (int i = above.size() - 1; i >= 0; i--) {
      rebuilt = above.get(i).reapplyOn(rebuilt);
    }
    set(rebuilt);
  }

  private static void set(CallContext context) {
    if (context == null || context == CallContext.ROOT) {
      if (KEEP_ENTRY) {
        CURRENT.set(CallContext.ROOT);
      } else {
        CURRENT.remove();
      }
    } else {
      CURRENT.set(context);
    }
  }
}
