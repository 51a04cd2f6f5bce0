package dev.weave4j.agent.internal;

import dev.weave4j.internal.Diagnostics;
import dev.weave4j.internal.Diagnostics.Problem;
import dev.weave4j.internal.WeaveRuntime;
import dev.weave4j.internal.trace.OpDescriptor;
import dev.weave4j.internal.trace.OpRegistry;
import dev.weave4j.internal.trace.Tracer;

/**
 * Internal, unstable. What instrumented methods call (from the bootstrap class loader, so every
 * class loader sees it). Never throws: the inlined code around an op has no handler of its own.
 */
public final class OpDispatch {

  private OpDispatch() {}

  /** What {@link #admit} answers for a call to trace: then call {@link #enter}. */
  public static final Object TRACE = Tracer.TRACE;

  /**
   * Decides whether a call of op {@code opId} is traced, before its arguments are captured (so a
   * call that is not traced costs no array): {@link #TRACE}, or what {@link #enter} would return.
   */
  public static Object admit(int opId) {
    Tracer tracer = WeaveRuntime.tracer();
    OpDescriptor op = OpRegistry.get(opId);
    if (tracer == null || op == null) {
      return null;
    }
    try {
      return tracer.admit(op);
    } catch (Throwable t) {
      Diagnostics.report(Problem.TRACER_ERROR, "starting a call of " + op.opName(), t);
      return null;
    }
  }

  /** Starts a call of op {@code opId} that {@link #admit} answered {@link #TRACE} for. */
  public static Object enter(int opId, Object[] args) {
    Tracer tracer = WeaveRuntime.tracer();
    OpDescriptor op = OpRegistry.get(opId);
    if (tracer == null || op == null) {
      return null;
    }
    try {
      return tracer.startAdmitted(op, args);
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
