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
   * The method of {@code scope} returned {@code returned}: ends the call, or keeps it open for a
   * streamed result; returns what the caller gets (the value itself unless it is a wrapped
   * streaming shape). Arguments in stack order: the returned value is already there.
   */
  public static Object returnedValue(Object returned, Object scope) {
    if (scope == null) {
      return returned;
    }
    try {
      Tracer.Scope s = (Tracer.Scope) scope;
      return s.tracer().exit(s, returned, null);
    } catch (Throwable t) {
      Diagnostics.report(Problem.TRACER_ERROR, "ending a call", t);
      return returned;
    }
  }

  /**
   * The method of {@code scope} returned {@code returned} (boxed; null for void): ends the call.
   */
  public static void returned(Object returned, Object scope) {
    end(scope, returned, null);
  }

  /** The method of {@code scope} threw {@code thrown}: ends the call. */
  public static void threw(Throwable thrown, Object scope) {
    end(scope, null, thrown);
  }

  private static void end(Object scope, Object returned, Throwable thrown) {
    if (scope == null) {
      return;
    }
    try {
      Tracer.Scope s = (Tracer.Scope) scope;
      s.tracer().end(s, returned, thrown);
    } catch (Throwable t) {
      Diagnostics.report(Problem.TRACER_ERROR, "ending a call", t);
    }
  }
}
