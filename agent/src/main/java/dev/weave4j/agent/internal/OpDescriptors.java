package dev.weave4j.agent.internal;

import dev.weave4j.agent.internal.ClassInfo.MethodInfo;
import dev.weave4j.annotations.Accumulator;
import dev.weave4j.annotations.CallDisplayName;
import dev.weave4j.annotations.InputsPostprocessor;
import dev.weave4j.annotations.OutputPostprocessor;
import dev.weave4j.internal.Diagnostics;
import dev.weave4j.internal.trace.HookRef;
import dev.weave4j.internal.trace.OpCodes;
import dev.weave4j.internal.trace.OpDescriptor;
import java.lang.reflect.Modifier;
import java.util.List;
import java.util.Map;
import org.objectweb.asm.Type;

/**
 * Internal, unstable. Builds an {@link OpDescriptor} from a method's class file at instrumentation
 * time: op name, parameter names (from the class file's MethodParameters or local variable table,
 * so {@code -parameters} is not needed), ignored parameters (on the method or on the supertype
 * method whose annotation applies), kind, sampling, display name, hook classes and return shape.
 */
final class OpDescriptors {

  private static final String NONE = "$None";

  private OpDescriptors() {}

  static OpDescriptor of(ClassInfo type, OpMethods.OpMethod traced, ClassLoader loader) {
    MethodInfo method = traced.method();
    Map<String, Object> op = traced.op();
    String name = string(op, "name");
    String opName = name.isEmpty() ? simpleName(type) + "." + method.name() : name;
    List<String> names = method.parameterNames();
    boolean[] ignored = new boolean[names.size()];
    for (int i = 0; i < ignored.length; i++) {
      ignored[i] = method.ignored()[i] || traced.declaration().ignored()[i];
    }
    OpCodes.register(opName, type.className(), method.name(), signature(method), loader);
    OpDescriptor.Builder b =
        OpDescriptor.builder(opName, method.name())
            .parameters(names, ignored)
            .kind(string(op, "kind"))
            .displayNameTemplate(string(op, "callDisplayName"))
            .displayNameFn(hook(op, "callDisplayNameFn", loader, CallDisplayName.class))
            .inputsHook(hook(op, "postprocessInputs", loader, InputsPostprocessor.class))
            .outputHook(hook(op, "postprocessOutput", loader, OutputPostprocessor.class))
            .accumulator(hook(op, "accumulator", loader, Accumulator.class))
            .returnShape(ReturnShapes.of(method.descriptor(), loader));
    Object rate = op.get("tracingSampleRate");
    try {
      b.sampleRate(rate instanceof Double d ? d : 1.0);
    } catch (IllegalArgumentException e) {
      Diagnostics.log()
          .warning("weave4j: " + opName + ": " + e.getMessage() + "; tracing every call");
    }
    return b.build();
  }

  /**
   * {@code public java.lang.String answer(java.lang.String query, int topK)}, as published with the
   * op's code (erased types: the class file's generic signature is not rendered).
   */
  private static String signature(MethodInfo method) {
    StringBuilder s = new StringBuilder();
    String modifiers = Modifier.toString(method.access() & Modifier.methodModifiers());
    if (!modifiers.isEmpty()) {
      s.append(modifiers).append(' ');
    }
    s.append(Type.getReturnType(method.descriptor()).getClassName());
    s.append(' ').append(method.name()).append('(');
    Type[] parameters = Type.getArgumentTypes(method.descriptor());
    for (int i = 0; i < parameters.length; i++) {
      if (i > 0) {
        s.append(", ");
      }
      s.append(parameters[i].getClassName()).append(' ').append(method.parameterNames().get(i));
    }
    return s.append(')').toString();
  }

  private static <T> HookRef<T> hook(
      Map<String, Object> op, String property, ClassLoader loader, Class<T> type) {
    if (op.get(property) instanceof Type t && !t.getClassName().endsWith(NONE)) {
      return HookRef.lazy(t.getClassName(), loader, type);
    }
    return null;
  }

  private static String simpleName(ClassInfo type) {
    // Anonymous and local classes: keep the binary name's last part (Outer$1).
    return type.simpleName().isEmpty()
        ? type.className().substring(type.className().lastIndexOf('.') + 1)
        : type.simpleName();
  }

  private static String string(Map<String, Object> op, String property) {
    return op.get(property) instanceof String s ? s.trim() : "";
  }
}
