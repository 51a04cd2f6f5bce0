package dev.weave4j.internal.trace;

import java.util.HashMap;
import java.util.Map;

/**
 * Internal, unstable. The library integrations' op settings in force: those of the configuration
 * ({@code weave.integrations.<name>.<setting>}, replaced when a runtime is installed) under those
 * set in code ({@code Weave.integrations().configure}, kept across runtimes), merged setting by
 * setting. An op resolves them once per change ({@link #resolve}: two volatile reads per call).
 */
public final class IntegrationOps {

  private static final Object LOCK = new Object();
  private static Map<String, OpOverrides> fromSettings = Map.of();
  private static final Map<String, OpOverrides> fromCode = new HashMap<>();
  private static volatile Map<String, OpOverrides> effective = Map.of();
  private static volatile long generation;

  private IntegrationOps() {}

  /**
   * An op as its integration's settings make it, for the settings of {@code generation}.
   *
   * @param op the op to record calls as
   * @param settings the integration's merged settings
   */
  record Resolved(long generation, OpDescriptor op, OpOverrides settings) {

    /** Whether the integration records calls (not turned off in code). */
    boolean enabled() {
      return !Boolean.FALSE.equals(settings.enabled);
    }
  }

  /**
   * Uses the configuration's settings (checked when they were read), by integration name, then
   * setting name ({@code op_name}, ...), as text.
   */
  public static void useSettings(Map<String, Map<String, String>> byIntegration) {
    Map<String, OpOverrides> parsed = new HashMap<>();
    ClassLoader loader = ClassLoader.getSystemClassLoader();
    byIntegration.forEach(
        (name, settings) -> {
          OpOverrides.Builder b = new OpOverrides.Builder(name);
          settings.forEach((setting, value) -> b.set(setting, value, loader));
          parsed.put(name, b.build());
        });
    synchronized (LOCK) {
      fromSettings = Map.copyOf(parsed);
      publish();
    }
  }

  /** Sets {@code settings} (their set parts) of integration {@code name} from code. */
  public static void configure(String name, OpOverrides settings) {
    synchronized (LOCK) {
      fromCode.merge(name, settings, OpOverrides::with);
      publish();
    }
  }

  /** Forgets every setting (tests). */
  public static void reset() {
    synchronized (LOCK) {
      fromSettings = Map.of();
      fromCode.clear();
      publish();
    }
  }

  private static void publish() {
    Map<String, OpOverrides> merged = new HashMap<>(fromSettings);
    fromCode.forEach((name, settings) -> merged.merge(name, settings, OpOverrides::with));
    effective = Map.copyOf(merged);
    generation++;
  }

  /** {@code op} as its integration's settings make it now (cached on the op until they change). */
  static Resolved resolve(OpDescriptor op) {
    long g = generation;
    Resolved r = op.resolved;
    if (r != null && r.generation() == g) {
      return r;
    }
    OpOverrides settings = effective.getOrDefault(op.integration(), OpOverrides.NONE);
    r = new Resolved(g, settings.apply(op), settings);
    op.resolved = r;
    return r;
  }

  /**
   * The {@code include_stream_usage} setting of {@code op}'s integration: {@code auto}, {@code
   * true}, {@code false}, or null when not set.
   */
  public static String includeStreamUsage(OpDescriptor op) {
    return resolve(op).settings().streamUsage;
  }
}
