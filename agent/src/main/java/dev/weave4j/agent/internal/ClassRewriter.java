package dev.weave4j.agent.internal;

import net.bytebuddy.ByteBuddy;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.ClassFileLocator;
import net.bytebuddy.dynamic.DynamicType;
import net.bytebuddy.dynamic.VisibilityBridgeStrategy;
import net.bytebuddy.dynamic.scaffold.InstrumentedType;
import net.bytebuddy.dynamic.scaffold.TypeValidation;
import net.bytebuddy.implementation.Implementation;
import net.bytebuddy.matcher.LatentMatcher;
import net.bytebuddy.pool.TypePool;

/**
 * Internal, unstable. Rewrites one class file in place with Byte Buddy's redefinition API, adding
 * advice and changing nothing else (no new members, so classes can be retransformed): what Byte
 * Buddy's {@code AgentBuilder} does per class with {@code disableClassFormatChanges()}, without its
 * install-time cost (it generates and loads a transformer class of its own, a large share of the
 * agent's start-up).
 */
final class ClassRewriter {

  /** What to change in a class; returns null when the class is left as it is. */
  @FunctionalInterface
  interface Plan {
    DynamicType.Builder<?> apply(
        DynamicType.Builder<?> builder, TypeDescription type, ClassLoader loader);
  }

  private static final ByteBuddy BYTE_BUDDY =
      new ByteBuddy()
          .with(TypeValidation.DISABLED)
          .with(Implementation.Context.Disabled.Factory.INSTANCE)
          .with(InstrumentedType.Factory.Default.FROZEN)
          .with(VisibilityBridgeStrategy.Default.NEVER);

  private ClassRewriter() {}

  /**
   * The class file {@code bytes} of {@code internalName} (as defined by {@code loader}, null for
   * the boot loader) rewritten by {@code plan}, or null when the plan changes nothing.
   */
  static byte[] rewrite(ClassLoader loader, String internalName, byte[] bytes, Plan plan) {
    String name = internalName.replace('/', '.');
    ClassFileLocator locator =
        new ClassFileLocator.Compound(
            ClassFileLocator.Simple.of(name, bytes),
            loader == null
                ? ClassFileLocator.ForClassLoader.ofBootLoader()
                : ClassFileLocator.ForClassLoader.of(loader));
    TypePool pool = AgentBuilder.PoolStrategy.Default.EXTENDED.typePool(locator, loader, name);
    TypeDescription type = pool.describe(name).resolve();
    DynamicType.Builder<?> builder =
        plan.apply(
            BYTE_BUDDY
                .redefine(type, locator)
                .ignoreAlso(LatentMatcher.ForSelfDeclaredMethod.NOT_DECLARED),
            type,
            loader);
    return builder == null ? null : builder.make(pool).getBytes();
  }
}
