package dev.weave4j.agent.internal;

import dev.weave4j.agent.internal.ClassInfo.MethodInfo;
import java.util.List;
import java.util.Optional;

/** Reads fixture classes from their class files, as the agent does. */
final class FixturePool {

  private FixturePool() {}

  static ClassInfo describe(Class<?> type) {
    return ClassFiles.info(type.getClassLoader(), type.getName().replace('.', '/'));
  }

  /** The methods of {@code type} the agent traces. */
  static List<OpMethods.OpMethod> ops(Class<?> type) {
    return OpMethods.resolve(describe(type), type.getClassLoader());
  }

  /** The traced methods themselves. */
  static List<MethodInfo> traced(Class<?> type) {
    return ops(type).stream().map(OpMethods.OpMethod::method).toList();
  }

  static Optional<OpMethods.OpMethod> op(Class<?> type, String methodName) {
    return ops(type).stream().filter(op -> op.method().name().equals(methodName)).findFirst();
  }
}
