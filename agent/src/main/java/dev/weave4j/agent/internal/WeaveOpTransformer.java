package dev.weave4j.agent.internal;

import dev.weave4j.internal.Diagnostics;
import dev.weave4j.internal.Diagnostics.Problem;
import java.lang.instrument.ClassFileTransformer;
import java.security.ProtectionDomain;

/**
 * Internal, unstable. The transformer the JVM calls for every class: a cheap raw-bytes filter in
 * front of Byte Buddy, so only classes that may hold an op are parsed at all.
 */
final class WeaveOpTransformer implements ClassFileTransformer {

  private final ClassRewriter.Plan plan;
  private final WeaveTypeIndex index;

  WeaveOpTransformer(ClassRewriter.Plan plan, WeaveTypeIndex index) {
    this.plan = plan;
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
      try {
        return ClassRewriter.rewrite(loader, name, bytes, plan);
      } finally {
        OpIdMapping.end(); // the plan's per-type op hand-over
      }
    } catch (Throwable t) {
      Diagnostics.report(Problem.TRANSFORM_ERROR, name, t);
      return null;
    }
  }
}
