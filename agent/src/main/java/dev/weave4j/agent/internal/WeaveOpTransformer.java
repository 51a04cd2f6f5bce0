package dev.weave4j.agent.internal;

import dev.weave4j.internal.Diagnostics;
import dev.weave4j.internal.Diagnostics.Problem;
import java.lang.instrument.ClassFileTransformer;
import java.security.ProtectionDomain;

/**
 * Internal, unstable. The transformer the JVM calls for every class: a cheap raw-bytes filter in
 * front of Byte Buddy, so only classes that may hold an op are described and rewritten at all.
 */
final class WeaveOpTransformer implements ClassFileTransformer {

  private final WeaveTypeIndex index;

  WeaveOpTransformer(WeaveTypeIndex index) {
    this.index = index;
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
      if (loader == null || name == null || Ignores.ignored(name)) {
        return null;
      }
      if (!index.isCandidate(loader, name, bytes)) {
        return null;
      }
      WarmUp.overtaken();
      return weave(bytes, name, loader);
    } catch (Throwable t) {
      Diagnostics.report(Problem.TRANSFORM_ERROR, name, t);
      return null;
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
