package dev.weave4j.benchmarks;

import dev.weave4j.benchmarks.BenchEnv.Config;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Wall time of a hello-world JVM ({@link HelloWorld}: start, one traced call, exit) in each
 * configuration; the runs are interleaved so that machine noise spreads over all of them.
 */
public final class StartupHarness {

  private final BenchEnv env;

  /**
   * @param env where the agents and the JVM are
   */
  public StartupHarness(BenchEnv env) {
    this.env = env;
  }

  /** Milliseconds of each run, per configuration, after one discarded warm-up round. */
  public Map<Config, List<Double>> run(int runs) throws IOException, InterruptedException {
    Map<Config, List<Double>> times = new EnumMap<>(Config.class);
    Path logs = env.workDir().resolve("startup-logs");
    Files.createDirectories(logs);
    int rounds = env.smoke() ? runs : runs + 1;
    for (int i = 0; i < rounds; i++) {
      for (Config config : Config.values()) {
        double ms = once(config, logs.resolve(config.id() + "-" + i + ".log"));
        if (env.smoke() || i > 0) {
          times.computeIfAbsent(config, c -> new ArrayList<>()).add(ms);
        }
      }
    }
    return times;
  }

  private double once(Config config, Path log) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>();
    cmd.add(env.java().toString());
    cmd.addAll(env.agentArgs(config, "startup-" + config.id()));
    cmd.add("-cp");
    cmd.add(env.classPath());
    cmd.add(HelloWorld.class.getName());
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
    pb.redirectOutput(log.toFile());
    long start = System.nanoTime();
    Process p = pb.start();
    if (!p.waitFor(120, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IllegalStateException("hello world did not exit in 2 minutes: " + cmd);
    }
    double ms = (System.nanoTime() - start) / 1e6;
    String out = Files.readString(log);
    if (p.exitValue() != 0 || !out.contains("Hello, world!")) {
      throw new IllegalStateException(
          "hello world failed (" + p.exitValue() + ") with " + cmd + ":\n" + out);
    }
    return ms;
  }

  /** The median of {@code values}. */
  public static double median(List<Double> values) {
    List<Double> s = new ArrayList<>(values);
    s.sort(null);
    int n = s.size();
    return n % 2 == 1 ? s.get(n / 2) : (s.get(n / 2 - 1) + s.get(n / 2)) / 2;
  }
}
