package dev.weave4j.benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/**
 * Reads weave4j's problem counters ({@code dev.weave4j.internal.Diagnostics}, on the boot class
 * path under the agent) by reflection, so a benchmark JVM without the agent reads zeros.
 */
public final class BenchStats {

  private BenchStats() {}

  /** The count of {@code Diagnostics.Problem.<problem>}, 0 when weave4j is not there. */
  public static long count(String problem) {
    try {
      Class<?> diagnostics = Class.forName("dev.weave4j.internal.Diagnostics");
      Class<?> problems = Class.forName("dev.weave4j.internal.Diagnostics$Problem");
      Method valueOf = problems.getMethod("valueOf", String.class);
      Method count = diagnostics.getMethod("count", problems);
      return (Long) count.invoke(null, valueOf.invoke(null, problem));
    } catch (ReflectiveOperationException | LinkageError e) {
      return 0;
    }
  }

  /** The counters worth reporting. */
  public static Map<String, Long> counters() {
    Map<String, Long> m = new LinkedHashMap<>();
    m.put("queue_full", count("QUEUE_FULL"));
    m.put("tracer_error", count("TRACER_ERROR"));
    m.put("export_failed", count("EXPORT_FAILED"));
    return m;
  }

  /**
   * Adds the counters, and {@code call_nanos}/{@code calls} when a benchmark timed its calls
   * ({@code calls > 0}), to {@code <bench.statsDir>/<bench.config>/<name>.properties} when the
   * {@code bench.statsDir} system property is set; each fork adds its own, so the file holds the
   * run's sum.
   */
  public static void write(String name, long callNanos, long calls) {
    String dir = System.getProperty("bench.statsDir");
    if (dir == null) {
      return;
    }
    Map<String, Long> all = counters();
    if (calls > 0) {
      all.put("call_nanos", callNanos);
      all.put("calls", calls);
    }
    try {
      Path file = Path.of(dir, System.getProperty("bench.config", "unknown"), name + ".properties");
      Files.createDirectories(file.getParent());
      Properties earlier = new Properties();
      if (Files.isRegularFile(file)) {
        try (InputStream in = Files.newInputStream(file)) {
          earlier.load(in);
        }
      }
      StringBuilder sb = new StringBuilder();
      all.forEach(
          (k, v) ->
              sb.append(k)
                  .append('=')
                  .append(v + Long.parseLong(earlier.getProperty(k, "0")))
                  .append('\n'));
      Files.writeString(file, sb, StandardCharsets.UTF_8);
    } catch (IOException | NumberFormatException e) {
      System.err.println("bench: cannot write stats: " + e);
    }
  }
}
