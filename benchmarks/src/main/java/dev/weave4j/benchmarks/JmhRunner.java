package dev.weave4j.benchmarks;

import dev.weave4j.benchmarks.BenchEnv.Config;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs {@link AgentBenchmarks} once per configuration, each with its own JVM arguments ({@code
 * -javaagent:...}), so one command measures every configuration side by side; {@code -prof gc} is
 * always on.
 */
public final class JmhRunner {

  /** The cases, in table order. */
  public static final List<String> CASES =
      List.of(
          "small",
          "smallPaced",
          "large",
          "nested",
          "sampledOut",
          "streamPerElement",
          "iteratorPerElement");

  /** One benchmark in one configuration. */
  public record Row(
      Config config,
      String benchmark,
      double nsPerOp,
      double error,
      double allocBytesPerOp,
      Map<String, Long> counters) {}

  private final BenchEnv env;

  /**
   * @param env where the agents and the JVM are
   */
  public JmhRunner(BenchEnv env) {
    this.env = env;
  }

  /** Runs the cases in every configuration ({@code weave4j disabled}: the small call only). */
  public List<Row> run(Map<String, String> settings) throws RunnerException, IOException {
    List<Row> rows = new ArrayList<>();
    List<String> chosen =
        settings.containsKey("cases") ? List.of(settings.get("cases").split(",")) : CASES;
    for (Config config : Config.values()) {
      List<String> cases =
          config != Config.WEAVE4J_DISABLED
              ? chosen
              : chosen.contains("small") ? List.of("small") : List.<String>of();
      if (cases.isEmpty()) {
        continue;
      }
      rows.addAll(run(AgentBenchmarks.class, config, cases, settings));
    }
    return rows;
  }

  /** Runs {@link HotPathBenchmarks} (weave4j's parts, no agent) in one fork. */
  public List<Row> runHotPath(Map<String, String> settings) throws RunnerException, IOException {
    Map<String, String> oneFork = new java.util.HashMap<>(settings);
    oneFork.put("forks", "1");
    oneFork.put("warmups", "3");
    oneFork.put("iterations", "3");
    return run(HotPathBenchmarks.class, Config.NONE, List.of(".*"), oneFork);
  }

  private List<Row> run(
      Class<?> benchmarks, Config config, List<String> cases, Map<String, String> settings)
      throws RunnerException, IOException {
    Path statsDir = env.workDir().resolve("jmh-stats");
    List<String> jvmArgs = new ArrayList<>(env.agentArgs(config, "jmh-" + config.id()));
    jvmArgs.add("-Dbench.statsDir=" + statsDir);
    jvmArgs.add("-Dbench.config=" + config.id());
    String include =
        "^" + benchmarks.getName().replace(".", "\\.") + "\\.(" + String.join("|", cases) + ")$";
    ChainedOptionsBuilder options =
        new OptionsBuilder()
            .include(include)
            .jvm(env.java().toString())
            .jvmArgs("-Xms1g", "-Xmx1g", "-XX:+UseG1GC")
            .jvmArgsAppend(jvmArgs.toArray(String[]::new))
            .addProfiler(GCProfiler.class)
            .shouldFailOnError(true);
    if (env.smoke()) {
      options
          .forks(1)
          .warmupIterations(0)
          .measurementIterations(1)
          .measurementTime(TimeValue.milliseconds(100));
    } else {
      options
          .forks(Integer.parseInt(settings.get("forks")))
          .warmupIterations(Integer.parseInt(settings.get("warmups")))
          .warmupTime(TimeValue.seconds(1))
          .measurementIterations(Integer.parseInt(settings.get("iterations")))
          .measurementTime(TimeValue.seconds(1));
    }
    System.out.println("bench: JMH, " + config.label() + " " + jvmArgs);
    Collection<RunResult> results = new Runner(options.build()).run();
    List<Row> rows = new ArrayList<>();
    for (RunResult r : results) {
      String full = r.getParams().getBenchmark();
      String name = full.substring(full.lastIndexOf('.') + 1);
      Result<?> primary = r.getPrimaryResult();
      double alloc = Double.NaN;
      for (String key : r.getSecondaryResults().keySet()) {
        if (key.endsWith("gc.alloc.rate.norm")) {
          alloc = r.getSecondaryResults().get(key).getScore();
        }
      }
      rows.add(
          new Row(
              config,
              name,
              primary.getScore(),
              primary.getScoreError(),
              alloc,
              readCounters(statsDir.resolve(config.id()).resolve(full + ".properties"))));
    }
    return rows;
  }

  private static Map<String, Long> readCounters(Path file) throws IOException {
    Map<String, Long> m = new LinkedHashMap<>();
    if (Files.isRegularFile(file)) {
      Properties p = new Properties();
      try (InputStream in = Files.newInputStream(file)) {
        p.load(in);
      }
      p.stringPropertyNames().forEach(k -> m.put(k, Long.parseLong(p.getProperty(k))));
    }
    return m;
  }
}
