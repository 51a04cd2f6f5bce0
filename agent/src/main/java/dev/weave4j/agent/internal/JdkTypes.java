package dev.weave4j.agent.internal;

import net.bytebuddy.dynamic.ClassFileLocator;
import net.bytebuddy.pool.TypePool;

/**
 * Internal, unstable. The parent of every class loader's {@link TypePool}: describes the JDK's
 * {@code java.*} types, from the class files the system class loader sees (the boot and platform
 * modules'), once for the whole JVM; every other name is left to the loader's own pool. No loader
 * can define a {@code java.*} class of its own (the JVM refuses), so the descriptions are the same
 * for all. When the warm-up thread weaves its practice class before the application's first class,
 * it also describes {@code Object} and {@code String} for it.
 */
final class JdkTypes implements TypePool {

  static final TypePool POOL = new JdkTypes();

  private final TypePool jdk =
      new TypePool.Default.WithLazyResolution(
          new TypePool.CacheProvider.Simple(),
          ClassFileLocator.ForClassLoader.ofSystemLoader(),
          TypePool.Default.ReaderMode.EXTENDED);

  private JdkTypes() {}

  @Override
  public Resolution describe(String name) {
    return name.startsWith("java.") ? jdk.describe(name) : new Resolution.Illegal(name);
  }

  @Override
  public void clear() {
    // Shared by every loader's pool: never cleared by one of them.
  }
}
