package dev.weave4j.internal.trace;

import dev.weave4j.Call;

/** Internal, unstable. The current {@link CallContext} of each thread. */
public final class Contexts {

  private static final ThreadLocal<CallContext> CURRENT = new ThreadLocal<>();

  private Contexts() {}

  /** This thread's context, or null. */
  public static CallContext current() {
    return CURRENT.get();
  }

  /** The call running on this thread, or null. */
  public static Call currentCall() {
    CallContext c = CURRENT.get();
    return c == null ? null : c.call;
  }

  /** Makes {@code context} current (null clears) and returns the one it replaced. */
  public static CallContext swap(CallContext context) {
    CallContext old = CURRENT.get();
    if (context == null) {
      CURRENT.remove();
    } else {
      CURRENT.set(context);
    }
    return old;
  }
}
