package dev.weave4j.agent.internal;

import dev.weave4j.agent.internal.ClassInfo.MethodInfo;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.objectweb.asm.Opcodes;

/**
 * Internal, unstable. Finds the methods of a class to trace, with the {@code @WeaveOp} that applies
 * to each: its own, or the one on the nearest supertype method it overrides (superclasses and
 * interfaces, read as class files). Generic overrides are matched through the bridge methods the
 * compiler emits for them ({@code handle(Object)} calling {@code handle(String)}), so no generic
 * signature needs resolving. Bridge and synthetic methods are never traced, so a generic override
 * is traced once.
 */
final class OpMethods {

  /**
   * A traced method, the {@code @WeaveOp} values that apply to it, and the method that carries them
   * (the method itself, or the supertype method it overrides). Never used as a key: a record's
   * equals and hashCode are bootstrapped on first use, which costs start-up tens of milliseconds.
   */
  record OpMethod(MethodInfo method, Map<String, Object> op, MethodInfo declaration) {}

  private static final int MAX_SUPERTYPES = 256;

  private OpMethods() {}

  /**
   * The traced methods of {@code type}, in declaration order; supertypes read from {@code loader}.
   */
  static List<OpMethod> resolve(ClassInfo type, ClassLoader loader) {
    List<OpMethod> ops = new ArrayList<>();
    for (MethodInfo m : type.methods()) {
      if (m.name().startsWith("<")
          || m.is(Opcodes.ACC_ABSTRACT | Opcodes.ACC_NATIVE | Opcodes.ACC_BRIDGE)
          || m.is(Opcodes.ACC_SYNTHETIC)) {
        continue;
      }
      OpMethod op = m.weaveOp() != null ? new OpMethod(m, m.weaveOp(), m) : null;
      if (op == null && !m.is(Opcodes.ACC_STATIC | Opcodes.ACC_PRIVATE)) {
        op = inherited(type, m, loader);
      }
      if (op != null) {
        ops.add(op);
      }
    }
    return ops;
  }

  private static OpMethod inherited(ClassInfo type, MethodInfo m, ClassLoader loader) {
    // The parameter lists m overrides: its own, and those of the bridges that call it, growing
    // with the bridges met on the way up (a generic parameter's erasure may change per level).
    Set<String> overridden = new HashSet<>();
    overridden.add(m.parameterDescriptor());
    addBridges(type, m.key(), overridden);
    ArrayDeque<String> queue = new ArrayDeque<>();
    Set<String> seen = new HashSet<>();
    enqueueSupertypes(type, queue);
    while (!queue.isEmpty() && seen.size() < MAX_SUPERTYPES) {
      String name = queue.poll();
      if (!seen.add(name) || name.startsWith("java/")) {
        continue;
      }
      ClassInfo superType = ClassFiles.info(loader, name);
      if (superType == null) {
        continue; // missing from the class path: it cannot carry an op we could apply
      }
      for (MethodInfo candidate : superType.methods()) {
        if (candidate.name().equals(m.name())
            && !candidate.is(Opcodes.ACC_PRIVATE | Opcodes.ACC_STATIC | Opcodes.ACC_BRIDGE)
            && overridden.contains(candidate.parameterDescriptor())) {
          if (candidate.weaveOp() != null) {
            return new OpMethod(m, candidate.weaveOp(), candidate);
          }
          addBridges(superType, candidate.key(), overridden);
        }
      }
      enqueueSupertypes(superType, queue);
    }
    return null;
  }

  /** Adds the parameter lists of {@code type}'s bridges that call {@code target}. */
  private static void addBridges(ClassInfo type, String target, Set<String> overridden) {
    for (MethodInfo bridge : type.methods()) {
      if (bridge.is(Opcodes.ACC_BRIDGE) && target.equals(bridge.bridged())) {
        overridden.add(bridge.parameterDescriptor());
      }
    }
  }

  private static void enqueueSupertypes(ClassInfo type, ArrayDeque<String> queue) {
    if (type.superName() != null) {
      queue.add(type.superName());
    }
    queue.addAll(type.interfaces());
  }
}
