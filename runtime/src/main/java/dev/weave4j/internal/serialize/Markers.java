package dev.weave4j.internal.serialize;

/** The marker strings written in place of values that are not (fully) serialized. */
final class Markers {

  static final String REDACTED = "REDACTED";
  static final String BUDGET_EXCEEDED = "…[truncated: value budget exceeded]";

  /** The key of the synthetic entry that ends a cut, failed or over-budget map or object. */
  static final String ENTRY_KEY = "…";

  private Markers() {}

  static String moreItems(long more) {
    return more > 0 ? "…[" + more + " more items]" : "…[more items]";
  }

  static String moreEntries(long more) {
    return more > 0 ? "[" + more + " more entries]" : "[more entries]";
  }

  static String notSerialized(Class<?> c) {
    return "<not serialized: " + c.getName() + ">";
  }

  static String cycle(Class<?> c) {
    return "<cycle: " + simpleName(c) + ">";
  }

  static String maxDepth(Class<?> c, int max) {
    return "<max depth " + max + ": " + simpleName(c) + ">";
  }

  /** {@code <error: iterating threw java.lang.IllegalStateException: msg>}. */
  static String threw(String what, Throwable t) {
    return "<error: " + what + " threw " + describe(t, true) + ">";
  }

  /** {@code <unserializable Foo: toString threw IllegalStateException: msg>}. */
  static String unserializable(Object value, String what, Throwable t) {
    return "<unserializable "
        + simpleName(value.getClass())
        + ": "
        + what
        + " threw "
        + describe(t, false)
        + ">";
  }

  /** {@code Name: message} like {@link Throwable#toString()}, guarded and capped. */
  static String describe(Throwable t, boolean qualified) {
    Class<?> c = t.getClass();
    String name = qualified ? c.getName() : simpleName(c);
    String message;
    try {
      message = t.getMessage();
    } catch (Throwable e) {
      message = "<getMessage threw " + e.getClass().getName() + ">";
    }
    return message == null ? name : name + ": " + Text.fallback(message);
  }

  /** The simple name of {@code c}; for anonymous classes the binary name after the package. */
  static String simpleName(Class<?> c) {
    try {
      String simple = c.getSimpleName();
      if (!simple.isEmpty()) {
        return simple;
      }
    } catch (Throwable ignored) {
      // malformed class names: fall through
    }
    String name = c.getName();
    return name.substring(name.lastIndexOf('.') + 1);
  }
}
