package dev.weave4j.agent.internal;

import dev.weave4j.internal.trace.Propagation;
import java.util.concurrent.Callable;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.implementation.bytecode.assign.Assigner;

/**
 * Internal, unstable. Advice inlined into JDK executors so that work handed to another thread runs
 * under the tracing context of the thread that handed it over. Each is a trampoline into {@link
 * Propagation}, whose methods never throw (so the advice needs no handler of its own).
 */
final class PropagationAdvice {

  private PropagationAdvice() {}

  /** Wraps the first argument, a Runnable. */
  static final class WrapRunnable {
    private WrapRunnable() {}

    @Advice.OnMethodEnter
    static void enter(
        @Advice.Argument(value = 0, readOnly = false, typing = Assigner.Typing.DYNAMIC)
            Runnable task) {
      task = Propagation.wrap(task);
    }
  }

  /** Wraps the first argument, a Callable. */
  static final class WrapCallable {
    private WrapCallable() {}

    @Advice.OnMethodEnter
    static void enter(
        @Advice.Argument(value = 0, readOnly = false, typing = Assigner.Typing.DYNAMIC)
            Callable<?> task) {
      task = Propagation.wrap(task);
    }
  }

  /** Wraps the fourth argument, a Runnable ({@code ThreadBuilders.newVirtualThread}). */
  static final class WrapVirtualThreadTask {
    private WrapVirtualThreadTask() {}

    @Advice.OnMethodEnter
    static void enter(
        @Advice.Argument(value = 3, readOnly = false, typing = Assigner.Typing.DYNAMIC)
            Runnable task) {
      task = Propagation.wrap(task);
    }
  }

  /** Captures the context for the first argument, a ForkJoinTask handed to a pool. */
  static final class CaptureArgument {
    private CaptureArgument() {}

    @Advice.OnMethodEnter
    static void enter(@Advice.Argument(0) Object task) {
      Propagation.capture(task);
    }
  }

  /** Captures the context for {@code this}, a ForkJoinTask being forked. */
  static final class CaptureThis {
    private CaptureThis() {}

    @Advice.OnMethodEnter
    static void enter(@Advice.This Object task) {
      Propagation.capture(task);
    }
  }

  /** Runs a ForkJoinTask under the context captured for it. */
  static final class RunCaptured {
    private RunCaptured() {}

    @Advice.OnMethodEnter
    static Object enter(@Advice.This Object task) {
      return Propagation.enter(task);
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class)
    static void exit(@Advice.Enter Object previous) {
      Propagation.exit(previous);
    }
  }
}
