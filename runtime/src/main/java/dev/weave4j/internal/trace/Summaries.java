package dev.weave4j.internal.trace;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Internal, unstable. Summary arithmetic as Weave does it: numeric leaves sum, lists concatenate,
 * maps recurse.
 */
final class Summaries {

  /** The summary of a successful leaf call with no usage and no user summary: most calls. */
  static final Map<String, Object> SUCCESS_ONLY =
      Map.of("status_counts", Map.of("success", 1, "error", 0));

  /** The summary of a failed leaf call with no user summary. */
  static final Map<String, Object> ERROR_ONLY =
      Map.of("status_counts", Map.of("success", 0, "error", 1));

  private Summaries() {}

  /**
   * Adds every numeric leaf of {@code source} into {@code target} and appends its lists to
   * target's; copies what target lacks.
   */
  @SuppressWarnings("unchecked")
  static void sumInto(Map<String, Object> target, Map<String, ?> source) {
    for (Map.Entry<String, ?> e : source.entrySet()) {
      Object mine = target.get(e.getKey());
      Object theirs = e.getValue();
      if (mine instanceof Map && theirs instanceof Map) {
        sumInto((Map<String, Object>) mine, (Map<String, ?>) theirs);
      } else if (mine instanceof Number a && theirs instanceof Number b) {
        target.put(e.getKey(), add(a, b));
      } else if (mine instanceof List<?> a && theirs instanceof List<?> b) {
        List<Object> joined = new ArrayList<>(a.size() + b.size());
        joined.addAll(a);
        joined.addAll(b);
        target.put(e.getKey(), joined);
      } else if (mine == null) {
        target.put(e.getKey(), copy(theirs));
      }
    }
  }

  /** Merges {@code overlay} into {@code target}: maps recurse, other overlay values win. */
  @SuppressWarnings("unchecked")
  static void deepMerge(Map<String, Object> target, Map<String, ?> overlay) {
    for (Map.Entry<String, ?> e : overlay.entrySet()) {
      Object mine = target.get(e.getKey());
      Object theirs = e.getValue();
      if (mine instanceof Map && theirs instanceof Map) {
        deepMerge((Map<String, Object>) mine, (Map<String, ?>) theirs);
      } else {
        target.put(e.getKey(), copy(theirs));
      }
    }
  }

  private static Object copy(Object value) {
    if (value instanceof Map<?, ?> m) {
      Map<String, Object> out = new LinkedHashMap<>();
      m.forEach((k, v) -> out.put(String.valueOf(k), copy(v)));
      return out;
    }
    return value;
  }

  private static Number add(Number a, Number b) {
    if (isIntegral(a) && isIntegral(b)) {
      return a.longValue() + b.longValue();
    }
    return a.doubleValue() + b.doubleValue();
  }

  private static boolean isIntegral(Number n) {
    return n instanceof Long
        || n instanceof Integer
        || n instanceof Short
        || n instanceof Byte
        || n instanceof BigInteger
        || (n instanceof BigDecimal d && d.scale() <= 0);
  }
}
