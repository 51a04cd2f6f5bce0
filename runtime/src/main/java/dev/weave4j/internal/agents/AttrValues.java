package dev.weave4j.internal.agents;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Internal, unstable. Attribute values as OpenTelemetry allows them: String, Long, Double, Boolean,
 * or a list of strings; anything else becomes its {@code toString()}.
 */
final class AttrValues {

  private AttrValues() {}

  static Object of(Object v) {
    if (v instanceof String || v instanceof Long || v instanceof Double || v instanceof Boolean) {
      return v;
    }
    if (v instanceof Integer || v instanceof Short || v instanceof Byte) {
      return ((Number) v).longValue();
    }
    if (v instanceof Float f) {
      return f.doubleValue();
    }
    if (v instanceof Collection<?> c) {
      List<String> out = new ArrayList<>(c.size());
      for (Object o : c) {
        out.add(String.valueOf(o));
      }
      return List.copyOf(out);
    }
    return String.valueOf(v);
  }
}
