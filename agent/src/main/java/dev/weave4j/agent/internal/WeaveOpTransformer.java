package dev.weave4j.agent.internal;

import dev.weave4j.internal.Diagnostics;
import dev.weave4j.internal.Diagnostics.Problem;
import dev.weave4j.internal.trace.OpDescriptor;
import dev.weave4j.internal.trace.OpRegistry;
import java.lang.instrument.ClassFileTransformer;
import java.security.ProtectionDomain;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Internal, unstable. The transformer the JVM calls for every class: a cheap raw-bytes filter
 * first, so only classes that may hold an op are parsed at all; then each traced method's
 * descriptor is built and registered once, and its id inlined into the method's advice.
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
      return weave(bytes, loader);
    } catch (Throwable t) {
      Diagnostics.report(Problem.TRANSFORM_ERROR, name, t);
      return null;
    }
  }

  /** A traced method with its registered op id. */
  private record Op(int id, boolean streaming) {}

  /** {@code bytes} with advice on every op, or null when the class declares none. */
  static byte[] weave(byte[] bytes, ClassLoader loader) {
    ClassInfo type = ClassInfo.read(bytes);
    List<OpMethods.OpMethod> traced = OpMethods.resolve(type, loader);
    if (traced.isEmpty()) {
      return null;
    }
    Map<String, Op> ops = new HashMap<>();
    for (OpMethods.OpMethod m : traced) {
      OpDescriptor op = OpDescriptors.of(type, m, loader);
      ops.put(m.method().key(), new Op(OpRegistry.register(op), op.returnShape().streaming()));
    }
    return ClassRewriter.rewrite(
        bytes,
        type,
        (next, t, method) -> {
          Op op = ops.get(method.key());
          return op == null ? next : new OpAdvice(next, t, method, op.id(), op.streaming());
        });
  }
}
