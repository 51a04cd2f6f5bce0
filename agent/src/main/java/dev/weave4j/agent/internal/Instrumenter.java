package dev.weave4j.agent.internal;

import dev.weave4j.WeaveSettings;
import dev.weave4j.internal.Diagnostics;
import dev.weave4j.internal.Diagnostics.Problem;
import java.lang.annotation.Annotation;
import java.lang.instrument.Instrumentation;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;

/**
 * Internal, unstable. Installs the {@code @WeaveOp} instrumentation: advice only, never a change of
 * class shape (so other agents and later retransformation keep working), and retransforms the
 * classes loaded before the agent (runtime attach).
 */
final class Instrumenter {

  private Instrumenter() {}

  static void install(Instrumentation inst, boolean attached, WeaveSettings settings) {
    // Byte Buddy never needs sun.misc.Unsafe here (which JDK 24+ warns about): nothing is injected
    // through it (integration helpers are defined by HelperClasses). Shading relocates this
    // property
    // name along with Byte Buddy: it reaches only our copy.
    if (System.getProperty("net.bytebuddy.safe") == null) {
      System.setProperty("net.bytebuddy.safe", "true");
    }
    WeaveTypeIndex index = new WeaveTypeIndex();
    inst.addTransformer(new WeaveOpTransformer(index, inst), true);
    retransformLoaded(inst, index);
    ConcurrencyInstrumenter.install(inst);
    Integrations.install(inst, settings);
  }

  /** Classes loaded before the transformer was added that declare or inherit an op. */
  private static void retransformLoaded(Instrumentation inst, WeaveTypeIndex index) {
    List<Class<?>> candidates = new ArrayList<>();
    List<Class<?>> others = new ArrayList<>();
    ClassLoader platform = ClassLoader.getPlatformClassLoader();
    for (Class<?> c : inst.getAllLoadedClasses()) {
      // The JDK's own modules (boot and platform loaders) never declare ops; reflecting on their
      // hundreds of classes would cost start-up its largest share.
      if (c.getClassLoader() == null
          || c.getClassLoader() == platform
          || c.isArray()
          || c.isHidden()
          || !inst.isModifiableClass(c)
          || Ignores.ignored(c.getName().replace('.', '/'))) {
        continue;
      }
      if (declaresOp(c)) {
        index.markBearing(c.getClassLoader(), c.getName().replace('.', '/'));
        candidates.add(c);
      } else {
        others.add(c);
      }
    }
    for (Class<?> c : others) {
      if (inheritsOp(c, index)) {
        index.markBearing(c.getClassLoader(), c.getName().replace('.', '/'));
        candidates.add(c);
      }
    }
    for (Class<?> c : candidates) {
      try {
        inst.retransformClasses(c);
      } catch (Throwable t) {
        Diagnostics.report(Problem.TRANSFORM_ERROR, "retransforming " + c.getName(), t);
      }
    }
  }

  private static boolean declaresOp(Class<?> c) {
    try {
      for (Method m : c.getDeclaredMethods()) {
        for (Annotation a : m.getDeclaredAnnotations()) {
          if (a.annotationType().getName().equals(WeaveTypeIndex.WEAVE_OP)) {
            return true;
          }
        }
      }
    } catch (Throwable unresolvable) {
      // Linkage errors in unrelated classes are not ours to report.
    }
    return false;
  }

  private static boolean inheritsOp(Class<?> c, WeaveTypeIndex index) {
    List<Class<?>> pending = new ArrayList<>();
    pending.add(c);
    for (int i = 0; i < pending.size() && i < 256; i++) {
      Class<?> t = pending.get(i);
      if (t != c
          && t.getClassLoader() != null
          && index.isBearing(t.getClassLoader(), t.getName().replace('.', '/'))) {
        return true;
      }
      if (t.getSuperclass() != null) {
        pending.add(t.getSuperclass());
      }
      for (Class<?> itf : t.getInterfaces()) {
        pending.add(itf);
      }
    }
    return false;
  }
}
