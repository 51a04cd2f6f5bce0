package dev.weave4j.agent.internal;

import dev.weave4j.internal.trace.ReturnShape;
import java.util.concurrent.CompletionStage;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDescription;

/**
 * Internal, unstable. The {@link ReturnShape} of a method, from its declared return type (at
 * instrumentation time, so nothing is decided per call).
 */
final class ReturnShapes {

  private ReturnShapes() {}

  static ReturnShape of(MethodDescription method) {
    try {
      TypeDescription type = method.getReturnType().asErasure();
      if (type.isPrimitive() || type.isArray()) {
        return ReturnShape.PLAIN;
      }
      ReturnShape shape = ReturnShape.ofDeclared(type.getName(), false);
      if (shape != ReturnShape.PLAIN) {
        return shape;
      }
      return type.isAssignableTo(CompletionStage.class)
          ? ReturnShape.COMPLETION_STAGE
          : ReturnShape.PLAIN;
    } catch (RuntimeException | LinkageError unresolvable) {
      // A supertype that cannot be resolved: not a stage as far as we can tell.
      return ReturnShape.PLAIN;
    }
  }

  /** Whether the method gets the advice that may replace its return value. */
  static boolean streaming(MethodDescription method) {
    return of(method).streaming();
  }
}
