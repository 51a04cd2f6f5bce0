package dev.weave4j.agent.internal;

import dev.weave4j.internal.trace.OpRegistry;
import java.util.Map;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.annotation.AnnotationDescription;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.implementation.bytecode.assign.Assigner;
import net.bytebuddy.implementation.bytecode.constant.IntegerConstant;

/**
 * Internal, unstable. Resolves {@link OpId} for the method being instrumented: builds its
 * descriptor once, registers it and bakes the id into the advice as an int constant. The ops of the
 * type being transformed are handed over through a thread-local, since transformation runs on one
 * thread.
 */
final class OpIdMapping implements Advice.OffsetMapping {

  private static final ThreadLocal<Map<MethodDescription, AnnotationDescription>> OPS =
      new ThreadLocal<>();

  static void begin(Map<MethodDescription, AnnotationDescription> ops) {
    OPS.set(ops);
  }

  static void end() {
    OPS.remove();
  }

  @Override
  public Target resolve(
      TypeDescription instrumentedType,
      MethodDescription instrumentedMethod,
      Assigner assigner,
      Advice.ArgumentHandler argumentHandler,
      Sort sort) {
    Map<MethodDescription, AnnotationDescription> ops = OPS.get();
    AnnotationDescription op = ops == null ? null : ops.get(instrumentedMethod);
    int id = -1;
    if (op != null) {
      id = OpRegistry.register(OpDescriptors.of(instrumentedType, instrumentedMethod, op));
    }
    return new Target.ForStackManipulation(IntegerConstant.forValue(id));
  }
}
