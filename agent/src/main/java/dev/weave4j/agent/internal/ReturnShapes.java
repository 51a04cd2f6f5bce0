package dev.weave4j.agent.internal;

import dev.weave4j.internal.trace.ReturnShape;
import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.Set;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDefinition;
import net.bytebuddy.description.type.TypeDescription;

/**
 * Internal, unstable. The {@link ReturnShape} of a method, from its declared return type (at
 * instrumentation time, so nothing is decided per call). JDK types are judged by name: reading
 * {@code String}'s class file and its five supertypes' to learn that it is no {@code
 * CompletionStage} cost the first woven class about 20 ms of CPU on the application's thread.
 */
final class ReturnShapes {

  /** The JDK's public {@code CompletionStage} types. */
  private static final Set<String> JDK_STAGES =
      Set.of("java.util.concurrent.CompletionStage", "java.util.concurrent.CompletableFuture");

  private static final int MAX_SUPERTYPES = 256;

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
      return isStage(type) ? ReturnShape.COMPLETION_STAGE : ReturnShape.PLAIN;
    } catch (RuntimeException | LinkageError unresolvable) {
      // A supertype that cannot be resolved: not a stage as far as we can tell.
      return ReturnShape.PLAIN;
    }
  }

  /**
   * Whether {@code type} is a {@code CompletionStage}: its supertypes are walked by name, and only
   * those outside the JDK are described from their class files (a JDK class can only be a stage
   * through the JDK's own stage types).
   */
  private static boolean isStage(TypeDescription type) {
    ArrayDeque<TypeDefinition> pending = new ArrayDeque<>();
    Set<String> seen = new HashSet<>();
    pending.add(type);
    while (!pending.isEmpty() && seen.size() < MAX_SUPERTYPES) {
      TypeDescription t = pending.poll().asErasure();
      String name = t.getName();
      if (JDK_STAGES.contains(name)) {
        return true;
      }
      if (name.startsWith("java.") || !seen.add(name)) {
        continue;
      }
      TypeDescription.Generic superClass = t.getSuperClass();
      if (superClass != null) {
        pending.add(superClass);
      }
      pending.addAll(t.getInterfaces());
    }
    return false;
  }

  /** Whether the method gets the advice that may replace its return value. */
  static boolean streaming(MethodDescription method) {
    return of(method).streaming();
  }
}
