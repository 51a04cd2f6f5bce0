package dev.weave4j.internal.trace;

import dev.weave4j.internal.WeaveRuntime;
import java.util.List;
import java.util.function.Supplier;

/** Internal, unstable. Traces lambdas as ops ({@code Weave.op}), with or without the agent. */
public final class LambdaOps {

  private LambdaOps() {}

  /** A descriptor for lambda op {@code name} with {@code arity} inputs named arg0, arg1, .... */
  public static OpDescriptor descriptor(String name, int arity) {
    List<String> names = new java.util.ArrayList<>();
    for (int i = 0; i < arity; i++) {
      names.add("arg" + i);
    }
    return OpDescriptor.builder(name, name).parameters(names, new boolean[arity]).build();
  }

  /**
   * Runs {@code body} as a call of {@code op}; its exception is recorded and rethrown unchanged.
   */
  public static <R> R invoke(OpDescriptor op, Object[] args, Supplier<R> body) {
    Tracer tracer = WeaveRuntime.tracer();
    Tracer.Scope scope = null;
    if (tracer != null) {
      try {
        scope = tracer.start(op, args);
      } catch (Throwable t) {
        scope = null;
      }
    }
    R result;
    try {
      result = body.get();
    } catch (RuntimeException | Error e) {
      end(scope, null, e);
      throw e;
    }
    end(scope, result, null);
    return result;
  }

  private static void end(Tracer.Scope scope, Object output, Throwable thrown) {
    if (scope != null) {
      try {
        scope.tracer().end(scope, output, thrown);
      } catch (Throwable ignored) {
        // Tracing never breaks the user's lambda.
      }
    }
  }
}
