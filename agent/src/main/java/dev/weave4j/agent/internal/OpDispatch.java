package dev.weave4j.agent.internal;

import dev.weave4j.internal.Diagnostics;
import dev.weave4j.internal.Diagnostics.Problem;
import dev.weave4j.internal.WeaveRuntime;
import dev.weave4j.internal.trace.OpDescriptor;
import dev.weave4j.internal.trace.OpRegistry;
import dev.weave4j.internal.trace.Tracer;

/**
 * Internal, unstable. What instrumented methods call (from the bootstrap class loader, so every
 * class loader sees it). Never throws.
 */
public final class OpDispatch {

  private OpDispatch() {}

  /** Starts a call of op {@code opId}; returns its scope or null. */
  public static Object enter(int opId, Object[] args) {
    Tracer tracer = WeaveRuntime.tracer();
    if (tracer == null) {
      return null;
    }
    OpDescriptor op = OpRegistry.get(opId);
    if (op == null) {
      return null;
    }
    try {
      return tracer.start(op, args);
    } catch (Throwable t) {
      Diagnostics.report(Problem.TRACER_ERROR, "starting a call of " + op.opName(), t);
      return null;
    }
  }

  /**
   * Ends the call of {@code scope}, or keeps it open for a streamed result; returns what the caller
   * gets (the returned value itself unless it is a wrapped streaming shape).
   */
  public static Object exitValue(Object scope, Object returned, Throwable thrown) {
    try {
      Tracer.Scope s = (Tracer.Scope) scope;
      return s.tracer().exit(s, returned, thrown);
    } catch (Throwable t) {
      Diagnostics.report(Problem.TRACER_ERROR, "ending a call", t);
      return returned;
    }
  }

  /** Ends the call of {@code scope}. */
  public static void exit(Object scope, Object returned, Throwable thrown) {
    try {
      Tracer.Scope s = (Tracer.Scope) scope;
      s.tracer().end(s, returned, thrown);
    } catch (Throwable t) {
      Diagnostics.report(Problem.TRACER_ERROR, "ending a call", t);
    }
  }
}
