package dev.weave4j.agent.internal;

import dev.weave4j.internal.Diagnostics;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;
import net.bytebuddy.ByteBuddy;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.ClassFileLocator;
import net.bytebuddy.dynamic.DynamicType;
import net.bytebuddy.dynamic.VisibilityBridgeStrategy;
import net.bytebuddy.dynamic.scaffold.InstrumentedType;
import net.bytebuddy.dynamic.scaffold.TypeValidation;
import net.bytebuddy.implementation.Implementation;
import net.bytebuddy.jar.asm.MethodTooLargeException;
import net.bytebuddy.pool.TypePool;

/**
 * Internal, unstable. Rewrites one class file in place with Byte Buddy's decoration API, adding
 * advice and changing nothing else (no new members, so classes can be retransformed): what Byte
 * Buddy's {@code AgentBuilder} does per class with {@code TypeStrategy.Default.DECORATE} (no method
 * graph of the hierarchy is built), called only for the classes the raw-bytes filter lets through.
 * Type descriptions come from one {@link TypePool} cache per class loader (weakly held), so
 * supertypes shared by many classes are parsed once, and the JDK's from one cache for all loaders
 * ({@link JdkTypes}). A method whose advice would exceed the JVM's 64 KB code limit is left as it
 * is, with one diagnostic line; the class's other methods keep theirs.
 */
final class ClassRewriter {

  /** What to change in a class. */
  interface Plan {
    /**
     * {@code builder} with the advice for {@code type}, leaving out the methods in {@code skipped}
     * ({@code name + descriptor}); null when the class is left as it is.
     */
    DynamicType.Builder<?> apply(
        DynamicType.Builder<?> builder,
        TypeDescription type,
        ClassLoader loader,
        Set<String> skipped);
  }

  static final ByteBuddy BYTE_BUDDY =
      new ByteBuddy()
          .with(TypeValidation.DISABLED)
          .with(Implementation.Context.Disabled.Factory.INSTANCE)
          .with(InstrumentedType.Factory.Default.FROZEN)
          .with(VisibilityBridgeStrategy.Default.NEVER);

  private static final int MAX_SKIPPED = 16;
  private static final Map<ClassLoader, TypePool.CacheProvider> CACHES = new WeakHashMap<>();

  private ClassRewriter() {}

  /**
   * The class file {@code bytes} of {@code internalName} (as defined by {@code loader}, null for
   * the boot loader) rewritten by {@code plan}, or null when the plan changes nothing.
   */
  static byte[] rewrite(ClassLoader loader, String internalName, byte[] bytes, Plan plan) {
    String name = internalName.replace('/', '.');
    ClassFileLocator loaderFiles =
        loader == null
            ? ClassFileLocator.ForClassLoader.ofBootLoader()
            : ClassFileLocator.ForClassLoader.WeaklyReferenced.of(loader);
    ClassFileLocator locator =
        new ClassFileLocator.Compound(ClassFileLocator.Simple.of(name, bytes), loaderFiles);
    // The class itself is described from the bytes being transformed (a private cache), its
    // supertypes through the loader's shared cache, the JDK's types through one cache for all.
    TypePool pool =
        new TypePool.Default.WithLazyResolution(
            new TypePool.CacheProvider.Simple(),
            ClassFileLocator.Simple.of(name, bytes),
            TypePool.Default.ReaderMode.EXTENDED,
            new Except(
                name,
                new TypePool.Default.WithLazyResolution(
                    cache(loader),
                    loaderFiles,
                    TypePool.Default.ReaderMode.EXTENDED,
                    JdkTypes.POOL)));
    TypeDescription type = pool.describe(name).resolve();
    Set<String> skipped = new HashSet<>();
    while (true) {
      DynamicType.Builder<?> builder =
          plan.apply(BYTE_BUDDY.decorate(type, locator), type, loader, skipped);
      if (builder == null) {
        return null;
      }
      try {
        return builder.make(pool).getBytes();
      } catch (RuntimeException e) {
        MethodTooLargeException tooLarge = tooLarge(e);
        if (tooLarge == null || skipped.size() >= MAX_SKIPPED) {
          throw e;
        }
        skipped.add(tooLarge.getMethodName() + tooLarge.getDescriptor());
        Diagnostics.log()
            .warning(
                "weave4j: "
                    + name
                    + "."
                    + tooLarge.getMethodName()
                    + tooLarge.getDescriptor()
                    + " is not traced: with the tracing code it would exceed the JVM's 64 KB"
                    + " method size limit");
      }
    }
  }

  /**
   * A pool that knows every type but one: the parent of the pool of the class being transformed,
   * which is asked first (parent-first), so the class is described from the bytes being transformed
   * rather than read again from its loader.
   */
  private record Except(String name, TypePool delegate) implements TypePool {
    @Override
    public Resolution describe(String type) {
      return type.equals(name) ? new Resolution.Illegal(type) : delegate.describe(type);
    }

    @Override
    public void clear() {
      delegate.clear();
    }
  }

  private static MethodTooLargeException tooLarge(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof MethodTooLargeException m) {
        return m;
      }
    }
    return null;
  }

  private static TypePool.CacheProvider cache(ClassLoader loader) {
    synchronized (CACHES) {
      TypePool.CacheProvider cache = CACHES.get(loader); // no lambda: one fewer class at start-up
      if (cache == null) {
        cache = new TypePool.CacheProvider.Simple();
        CACHES.put(loader, cache);
      }
      return cache;
    }
  }
}
