package dev.weave4j.agent.internal;

import dev.weave4j.annotations.Accumulator;
import dev.weave4j.annotations.CallDisplayName;
import dev.weave4j.annotations.InputsPostprocessor;
import dev.weave4j.annotations.OutputPostprocessor;
import dev.weave4j.internal.Diagnostics;
import dev.weave4j.internal.trace.HookRef;
import dev.weave4j.internal.trace.OpCodes;
import dev.weave4j.internal.trace.OpDescriptor;
import java.util.ArrayList;
import java.util.List;
import net.bytebuddy.description.annotation.AnnotationDescription;
import net.bytebuddy.description.annotation.AnnotationValue;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.method.ParameterDescription;
import net.bytebuddy.description.type.TypeDescription;

/**
 * Internal, unstable. Builds an {@link OpDescriptor} from a method's class-file description at
 * instrumentation time: op name, parameter names (from the class file's MethodParameters or local
 * variable table, so {@code -parameters} is not needed), ignored parameters (on the method or on
 * the supertype method whose annotation applies), kind, sampling, display name and hook classes.
 */
final class OpDescriptors {

  private static final String WEAVE_IGNORE = "dev.weave4j.annotations.WeaveIgnore";
  private static final String NONE = "$None";

  private OpDescriptors() {}

  static OpDescriptor of(
      TypeDescription type,
      MethodDescription method,
      OpMethods.OpSource source,
      ClassLoader loader) {
    return builder(type, method, source, loader).build();
  }

  /**
   * The descriptor of op {@code method} of a generated {@code proxy}: named, with parameter names,
   * after the user's method it stands for, and forwarding to it (its target's call is not another
   * call).
   */
  static OpDescriptor ofProxy(
      TypeDescription proxy,
      MethodDescription method,
      OpMethods.OpSource source,
      ClassLoader loader) {
    MethodDescription user = ProxyClasses.userMethod(proxy, method, source.declaration());
    return builder(user.getDeclaringType().asErasure(), user, source, loader)
        .forwardingProxy()
        .build();
  }

  private static OpDescriptor.Builder builder(
      TypeDescription type,
      MethodDescription method,
      OpMethods.OpSource source,
      ClassLoader loader) {
    AnnotationDescription op = source.op();
    String name = stringValue(op, "name");
    String opName = name.isEmpty() ? simpleName(type) + "." + method.getName() : name;
    List<String> names = new ArrayList<>();
    boolean[] ignored = new boolean[method.getParameters().size()];
    for (ParameterDescription p : method.getParameters()) {
      names.add(p.getName());
      ignored[p.getIndex()] =
          isIgnored(p) || isIgnored(source.declaration().getParameters().get(p.getIndex()));
    }
    OpCodes.register(opName, type.getName(), method.getName(), signature(method, names), loader);
    OpDescriptor.Builder b =
        OpDescriptor.builder(opName, method.getName())
            .parameters(names, ignored)
            .kind(stringValue(op, "kind"))
            .displayNameTemplate(stringValue(op, "callDisplayName"))
            .displayNameFn(hook(op, "callDisplayNameFn", loader, CallDisplayName.class))
            .inputsHook(hook(op, "postprocessInputs", loader, InputsPostprocessor.class))
            .outputHook(hook(op, "postprocessOutput", loader, OutputPostprocessor.class))
            .accumulator(hook(op, "accumulator", loader, Accumulator.class))
            .returnShape(ReturnShapes.of(method));
    double rate = doubleValue(op, "tracingSampleRate", 1.0);
    try {
      b.sampleRate(rate);
    } catch (IllegalArgumentException e) {
      Diagnostics.log()
          .warning("weave4j: " + opName + ": " + e.getMessage() + "; tracing every call");
    }
    return b;
  }

  /** {@code public String answer(String query, int topK)}, as published with the op's code. */
  private static String signature(MethodDescription method, List<String> names) {
    StringBuilder s = new StringBuilder();
    String modifiers =
        java.lang.reflect.Modifier.toString(
            method.getModifiers() & java.lang.reflect.Modifier.methodModifiers());
    if (!modifiers.isEmpty()) {
      s.append(modifiers).append(' ');
    }
    s.append(method.getReturnType().getTypeName()).append(' ').append(method.getName()).append('(');
    for (ParameterDescription p : method.getParameters()) {
      if (p.getIndex() > 0) {
        s.append(", ");
      }
      s.append(p.getType().getTypeName()).append(' ').append(names.get(p.getIndex()));
    }
    return s.append(')').toString();
  }

  private static boolean isIgnored(ParameterDescription p) {
    for (AnnotationDescription a : p.getDeclaredAnnotations()) { // no lambda at start-up
      if (a.getAnnotationType().getName().equals(WEAVE_IGNORE)) {
        return true;
      }
    }
    return false;
  }

  private static <T> HookRef<T> hook(
      AnnotationDescription op, String property, ClassLoader loader, Class<T> type) {
    try {
      AnnotationValue<?, ?> value = op.getValue(property);
      Object resolved = value == null ? null : value.resolve();
      if (resolved instanceof TypeDescription t && !t.getName().endsWith(NONE)) {
        return HookRef.lazy(t.getName(), loader, type);
      }
    } catch (RuntimeException unresolvable) {
      // An annotation from another weave4j version without this element: no hook.
    }
    return null;
  }

  private static String simpleName(TypeDescription type) {
    String simple = type.getSimpleName();
    if (simple.isEmpty()) {
      // Anonymous and local classes: keep the binary name's last part (Outer$1).
      String n = type.getName();
      simple = n.substring(n.lastIndexOf('.') + 1);
    }
    return simple;
  }

  private static String stringValue(AnnotationDescription op, String property) {
    try {
      AnnotationValue<?, ?> value = op.getValue(property);
      Object resolved = value == null ? null : value.resolve();
      return resolved instanceof String s ? s.trim() : "";
    } catch (RuntimeException unresolvable) {
      return "";
    }
  }

  private static double doubleValue(AnnotationDescription op, String property, double fallback) {
    try {
      AnnotationValue<?, ?> value = op.getValue(property);
      Object resolved = value == null ? null : value.resolve();
      return resolved instanceof Double d ? d : fallback;
    } catch (RuntimeException unresolvable) {
      return fallback;
    }
  }
}
