package dev.weave4j.agent.internal;

import dev.weave4j.internal.trace.OpRegistry;
import java.util.Map;
import net.bytebuddy.asm.Advice;
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

  /** The ops of the type being transformed on this thread, and its class loader. */
  private record Transformation(
      Map<MethodDescription, OpMethods.OpSource> ops, ClassLoader loader) {}

  private static final ThreadLocal<Transformation> CURRENT = new ThreadLocal<>();

  static void begin(Map<MethodDescription, OpMethods.OpSource> ops, ClassLoader loader) {
    CURRENT.set(new Transformation(ops, loader));
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
    Transformation t = CURRENT.get();
    OpMethods.OpSource source = t == null ? null : t.ops().get(instrumentedMethod);
    int id = -1;
    if (source != null) {
      id =
          OpRegistry.register(
              OpDescriptors.of(instrumentedType, instrumentedMethod, source, t.loader()));
    }
    return new Target.ForStackManipulation(IntegerConstant.forValue(id));
  }
}
