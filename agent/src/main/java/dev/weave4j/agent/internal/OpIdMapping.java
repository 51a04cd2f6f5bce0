package dev.weave4j.agent.internal;

import java.util.Map;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.implementation.bytecode.assign.Assigner;
import net.bytebuddy.implementation.bytecode.constant.IntegerConstant;

/**
 * Internal, unstable. Resolves {@link OpId} for the method being instrumented: the id its
 * descriptor was registered under, baked into the advice as an int constant (-1, which traces
 * nothing, for a method without one). The ids of the type being transformed are handed over through
 * a thread-local, since a class is transformed on one thread.
 */
final class OpIdMapping implements Advice.OffsetMapping {

  private static final ThreadLocal<Map<MethodDescription, Integer>> CURRENT = new ThreadLocal<>();

  static void begin(Map<MethodDescription, Integer> ids) {
    CURRENT.set(ids);
  }

  /** The ids handed over on this thread, or null. */
  static Map<MethodDescription, Integer> current() {
    return CURRENT.get();
  }

  static void end() {
    CURRENT.remove();
  }

  @Override
  public Target resolve(
      TypeDescription instrumentedType,
      MethodDescription instrumentedMethod,
      Assigner assigner,
      Advice.ArgumentHandler argumentHandler,
      Sort sort) {
    Map<MethodDescription, Integer> ids = CURRENT.get();
    Integer id = ids == null ? null : ids.get(instrumentedMethod);
    return new Target.ForStackManipulation(IntegerConstant.forValue(id == null ? -1 : id));
  }
}
