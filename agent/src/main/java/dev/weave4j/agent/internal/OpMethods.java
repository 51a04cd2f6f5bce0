package dev.weave4j.agent.internal;

import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import net.bytebuddy.description.annotation.AnnotationDescription;
import net.bytebuddy.description.annotation.AnnotationList;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.description.type.TypeList;

/**
 * Internal, unstable. Finds the methods of a type to trace, with the {@code @WeaveOp} that applies
 * to each: its own, or the one on the nearest supertype method it overrides (superclasses and
 * interfaces, generics resolved, so {@code handle(String)} overrides {@code handle(T)}). Bridge and
 * synthetic methods are never traced, so a generic override is traced once.
 */
final class OpMethods {

  /**
   * The {@code @WeaveOp} that applies to a method, and the method that carries it (the method
   * itself, or the supertype method it overrides).
   */
  record OpSource(AnnotationDescription op, MethodDescription declaration) {}

  private OpMethods() {}

  static Map<MethodDescription, OpSource> resolve(TypeDescription type) {
    Map<MethodDescription, OpSource> ops = new LinkedHashMap<>();
    for (MethodDescription.InDefinedShape m : type.getDeclaredMethods()) {
      if (!m.isMethod() || m.isAbstract() || m.isNative() || m.isBridge() || m.isSynthetic()) {
        continue;
      }
      AnnotationDescription own = weaveOp(m.getDeclaredAnnotations());
      OpSource source = own != null ? new OpSource(own, m) : null;
      if (source == null && !m.isStatic() && !m.isPrivate()) {
        source = inherited(type, m);
      }
      if (source != null) {
        ops.put(m, source);
      }
    }
    return ops;
  }

  static AnnotationDescription weaveOp(AnnotationList annotations) {
    for (AnnotationDescription a : annotations) {
      if (a.getAnnotationType().getName().equals(WeaveTypeIndex.WEAVE_OP)) {
        return a;
      }
    }
    return null;
  }

  private static OpSource inherited(TypeDescription type, MethodDescription m) {
    TypeList erasures = m.getParameters().asTypeList().asErasures();
    ArrayDeque<TypeDescription.Generic> queue = new ArrayDeque<>();
    Set<String> seen = new HashSet<>();
    enqueueSupertypes(type.asGenericType(), queue);
    while (!queue.isEmpty()) {
      TypeDescription.Generic superType = queue.poll();
      String name = superType.asErasure().getName();
      if (!seen.add(name) || name.startsWith("java.")) {
        continue;
      }
      try {
        for (MethodDescription candidate : superType.getDeclaredMethods()) {
          if (candidate.getName().equals(m.getName())
              && !candidate.isPrivate()
              && !candidate.isStatic()
              && candidate.getParameters().size() == erasures.size()
              && candidate.getParameters().asTypeList().asErasures().equals(erasures)) {
            AnnotationDescription op = weaveOp(candidate.getDeclaredAnnotations());
            if (op != null) {
              return new OpSource(op, candidate);
            }
          }
        }
        enqueueSupertypes(superType, queue);
      } catch (RuntimeException unresolvable) {
        // A supertype missing from the class path cannot carry an op we could apply.
      }
    }
    return null;
  }

  private static void enqueueSupertypes(
      TypeDescription.Generic type, ArrayDeque<TypeDescription.Generic> queue) {
    TypeDescription.Generic superClass = type.getSuperClass();
    if (superClass != null) {
      queue.add(superClass);
    }
    queue.addAll(type.getInterfaces());
  }
}
