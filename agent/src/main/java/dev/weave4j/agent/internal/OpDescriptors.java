package dev.weave4j.agent.internal;

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
 * variable table, so {@code -parameters} is not needed), ignored parameters, kind.
 */
final class OpDescriptors {

  private static final String WEAVE_IGNORE = "dev.weave4j.annotations.WeaveIgnore";

  private OpDescriptors() {}

  static OpDescriptor of(TypeDescription type, MethodDescription method, AnnotationDescription op) {
    String name = stringValue(op, "name");
    String opName = name.isEmpty() ? simpleName(type) + "." + method.getName() : name;
    List<String> names = new ArrayList<>();
    boolean[] ignored = new boolean[method.getParameters().size()];
    for (ParameterDescription p : method.getParameters()) {
      names.add(p.getName());
      ignored[p.getIndex()] =
          p.getDeclaredAnnotations().stream()
              .anyMatch(a -> a.getAnnotationType().getName().equals(WEAVE_IGNORE));
    }
    return new OpDescriptor(opName, method.getName(), names, ignored, stringValue(op, "kind"));
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
}
