package dev.weave4j.agent.internal;

import dev.weave4j.internal.Diagnostics;
import dev.weave4j.internal.Diagnostics.Problem;
import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.Instrumentation;
import java.security.ProtectionDomain;
import java.util.Map;
import java.util.Set;

/**
 * Internal, unstable. The transformer the JVM calls for every class: a cheap raw-bytes filter in
 * front of Byte Buddy, so only classes that may hold an op are described and rewritten at all.
 */
final class WeaveOpTransformer implements ClassFileTransformer {

  private final WeaveTypeIndex index;
  private final Instrumentation inst;

  WeaveOpTransformer(WeaveTypeIndex index, Instrumentation inst) {
    this.index = index;
    this.inst = inst;
  }

  @Override
  public byte[] transform(
      Module module,
      ClassLoader loader,
      String name,
      Class<?> classBeingRedefined,
      ProtectionDomain domain,
      byte[] bytes) {
    try {
      if (loader == null || name == null) {
        return null;
      }
      // JDK proxies of an interface declaring ops are traced (as proxies), wherever they live.
      boolean jdkProxy = ProxyClasses.isJdkProxy(name);
      if (!jdkProxy && Ignores.ignored(name)) {
        return null;
      }
      if (!index.isCandidate(loader, name, bytes)) {
        return null;
      }
      if (jdkProxy && module != null && module.isNamed()) {
        readRuntime(module);
      }
      WarmUp.overtaken();
      return weave(bytes, name, loader);
    } catch (Throwable t) {
      Diagnostics.report(Problem.TRANSFORM_ERROR, name, t);
      return null;
    }
  }

  /**
   * Lets a named module (the dynamic {@code jdk.proxyN} module of a JDK proxy) read the runtime the
   * advice calls, on the boot class path outside any named module.
   */
  private void readRuntime(Module module) {
    Module runtime = OpDispatch.class.getModule();
    if (!module.canRead(runtime)) {
      inst.redefineModule(module, Set.of(runtime), Map.of(), Map.of(), Set.of(), Map.of());
    }
  }

  /** {@code bytes} with advice on every op, or null when the class declares none. */
  static byte[] weave(byte[] bytes, String internalName, ClassLoader loader) {
    try {
      return ClassRewriter.rewrite(loader, internalName, bytes, OpPlan.get());
    } finally {
      OpIdMapping.end(); // the plan's per-class op hand-over
    }
  }

  /** {@link #weave(byte[], String, ClassLoader)} of a class file, its name read from it. */
  static byte[] weave(byte[] bytes, ClassLoader loader) {
    return weave(bytes, new net.bytebuddy.jar.asm.ClassReader(bytes).getClassName(), loader);
  }
}
