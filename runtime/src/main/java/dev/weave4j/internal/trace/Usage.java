package dev.weave4j.internal.trace;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Internal, unstable. Token usage of an LLM-like output, as Weave records it: when the output has a
 * {@code model} and a {@code usage} (map entries, record components or fields), {@code
 * summary.usage[model] = {"requests": 1, <usage numbers>}}. Java camelCase names become Weave's
 * snake_case ({@code promptTokens} → {@code prompt_tokens}).
 */
final class Usage {

  /** Reads a named property of objects of one class; null when the class has none. */
  private static final ClassValue<Map<String, Reader>> READERS =
      new ClassValue<>() {
        @Override
        protected Map<String, Reader> computeValue(Class<?> type) {
          return readersOf(type);
        }
      };

  @FunctionalInterface
  private interface Reader {
    Object read(Object target) throws Exception;
  }

  private Usage() {}

  /** False when {@code output} certainly has no usage (null, a string, a number, ...). */
  static boolean mayHave(Object output) {
    return output != null && (output instanceof Map || !isPlain(output.getClass()));
  }

  /** Adds the usage of {@code output} to {@code summary}, if it has any. Never throws. */
  static void addFromOutput(Map<String, Object> summary, Object output) {
    try {
      if (output == null || (!(output instanceof Map) && isPlain(output.getClass()))) {
        return;
      }
      Object model = property(output, "model");
      Object usage = property(output, "usage");
      if (!(model instanceof CharSequence) || usage == null) {
        return;
      }
      Map<String, Object> counts = new LinkedHashMap<>();
      counts.put("requests", 1L);
      if (usage instanceof Map<?, ?> m) {
        copyNumbers(m, counts);
      } else if (!isPlain(usage.getClass())) {
        for (Map.Entry<String, Reader> e : READERS.get(usage.getClass()).entrySet()) {
          if (e.getValue().read(usage) instanceof Number n) {
            counts.put(snake(e.getKey()), n);
          }
        }
      }
      Map<String, Object> byModel = new LinkedHashMap<>();
      byModel.put(model.toString(), counts);
      Summaries.sumInto(summary, Map.of("usage", byModel));
    } catch (Throwable ignored) {
      // Usage is a best-effort extra; the call is recorded without it.
    }
  }

  /**
   * Copies the numbers of {@code from} into {@code to}, and nested maps of numbers (a provider's
   * token details, e.g. {@code prompt_tokens_details.cached_tokens}) as nested maps.
   */
  private static void copyNumbers(Map<?, ?> from, Map<String, Object> to) {
    from.forEach(
        (k, v) -> {
          if (v instanceof Number n) {
            to.put(snake(String.valueOf(k)), n);
          } else if (v instanceof Map<?, ?> nested) {
            Map<String, Object> inner = new LinkedHashMap<>();
            copyNumbers(nested, inner);
            if (!inner.isEmpty()) {
              to.put(snake(String.valueOf(k)), inner);
            }
          }
        });
  }

  private static Object property(Object target, String name) throws Exception {
    if (target instanceof Map<?, ?> m) {
      return m.get(name);
    }
    Reader r = READERS.get(target.getClass()).get(name);
    return r == null ? null : r.read(target);
  }

  private static boolean isPlain(Class<?> type) {
    String n = type.getName();
    return type.isPrimitive()
        || type.isArray()
        || n.startsWith("java.")
        || n.startsWith("javax.")
        || n.startsWith("jdk.")
        || n.startsWith("sun.");
  }

  private static Map<String, Reader> readersOf(Class<?> type) {
    Map<String, Reader> readers = new LinkedHashMap<>();
    try {
      if (type.isRecord()) {
        for (RecordComponent c : type.getRecordComponents()) {
          Method accessor = c.getAccessor();
          accessor.setAccessible(true);
          readers.put(c.getName(), accessor::invoke);
        }
        return readers;
      }
      List<Class<?>> chain = new ArrayList<>();
      for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
        chain.add(c);
      }
      for (Class<?> c : chain) {
        for (Field f : c.getDeclaredFields()) {
          if (!Modifier.isStatic(f.getModifiers()) && !f.isSynthetic()) {
            f.setAccessible(true);
            readers.putIfAbsent(f.getName(), f::get);
          }
        }
      }
    } catch (RuntimeException inaccessible) {
      // A class in a module that does not open itself: no usage from it.
    }
    return readers;
  }

  static String snake(String name) {
    StringBuilder b = new StringBuilder(name.length() + 4);
    for (int i = 0; i < name.length(); i++) {
      char ch = name.charAt(i);
      if (Character.isUpperCase(ch)) {
        if (i > 0) {
          b.append('_');
        }
        b.append(Character.toLowerCase(ch));
      } else {
        b.append(ch);
      }
    }
    return b.toString();
  }
}
