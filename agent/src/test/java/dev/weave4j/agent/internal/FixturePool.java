package dev.weave4j.agent.internal;

import java.util.Map;
import java.util.Optional;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.ClassFileLocator;
import net.bytebuddy.pool.TypePool;

/** Describes fixture classes from their class files, as the agent's pool does. */
final class FixturePool {

  static final TypePool POOL =
      new TypePool.Default(
          new TypePool.CacheProvider.Simple(),
          ClassFileLocator.ForClassLoader.ofSystemLoader(),
          TypePool.Default.ReaderMode.EXTENDED);

  private FixturePool() {}

  static TypeDescription describe(Class<?> type) {
    return POOL.describe(type.getName()).resolve();
  }

  /** The methods of {@code type} the agent traces, by name. */
  static Map<MethodDescription, OpMethods.OpSource> ops(Class<?> type) {
    return OpMethods.resolve(describe(type));
  }

  static Optional<Map.Entry<MethodDescription, OpMethods.OpSource>> op(
      Class<?> type, String methodName) {
    return ops(type).entrySet().stream()
        .filter(e -> e.getKey().getName().equals(methodName))
        .findFirst();
  }
}
