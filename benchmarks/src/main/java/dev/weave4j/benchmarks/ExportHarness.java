package dev.weave4j.benchmarks;

import dev.weave4j.benchmarks.BenchEnv.Config;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Export throughput into the local store and the heap at a steady rate: runs {@link ExportApp}
 * under weave4j (and, for the heap, also with no agent) and parses what it prints.
 */
public final class ExportHarness {

  /** What the export harness measured. */
  public record Results(
      List<Map<String, String>> ladder,
      Map<String, String> flatOut,
      long flatOutLines,
      Map<Config, Map<String, String>> steady,
      long steadyRate) {

    /** The highest ladder rate that completed without a drop, or 0. */
    public long sustainedRate() {
      long best = 0;
      for (Map<String, String> step : ladder) {
        if (Long.parseLong(step.get("drops")) == 0
            && Long.parseLong(step.get("errors")) == 0
            && Double.parseDouble(step.get("achieved")) >= 0.9 * Long.parseLong(step.get("rate"))) {
          best = Math.max(best, Long.parseLong(step.get("rate")));
        }
      }
      return best;
    }

    /** The rate the application thread reached in the last ladder step. */
    public long lastAchieved() {
      return ladder.isEmpty()
          ? 0
          : Math.round(Double.parseDouble(ladder.get(ladder.size() - 1).get("achieved")));
    }

    /** The first ladder rate with a drop, or 0 when there was none. */
    public long firstDropRate() {
      for (Map<String, String> step : ladder) {
        if (Long.parseLong(step.get("drops")) > 0) {
          return Long.parseLong(step.get("rate"));
        }
      }
      return 0;
    }

    /** Calls written per second in the flat-out phase, flush included. */
    public double flatOutWrittenPerSecond() {
      return flatOutLines / 2.0 / Double.parseDouble(flatOut.get("totalSeconds"));
    }
  }

  private final BenchEnv env;

  /**
   * @param env where the agents and the JVM are
   */
  public ExportHarness(BenchEnv env) {
    this.env = env;
  }

  /** Runs the ladder, the flat-out phase and the steady-rate heap measurement. */
  public Results run() throws IOException, InterruptedException {
    List<Map<String, String>> ladder = new ArrayList<>();
    List<String> rates = new ArrayList<>();
    if (env.smoke()) {
      rates.add("10000");
    } else {
      for (long r = 25_000; r <= 3_200_000; r *= 2) {
        rates.add(Long.toString(r));
      }
    }
    List<String> ladderArgs = new ArrayList<>(List.of("ladder", env.smoke() ? "0.2" : "2"));
    ladderArgs.addAll(rates);
    for (String line : app(Config.WEAVE4J, "export-ladder", ladderArgs)) {
      if (line.startsWith("ladder ")) {
        ladder.add(parse(line));
      }
    }
    Map<String, String> flatOut = new LinkedHashMap<>();
    for (String line :
        app(Config.WEAVE4J, "export-flatout", List.of("flatout", env.smoke() ? "0.2" : "3"))) {
      if (line.startsWith("flatout ")) {
        flatOut = parse(line);
      }
    }
    long lines = BenchEnv.jsonlLines(env.localDir("export-flatout"));
    long steadyRate = env.smoke() ? 10_000 : 50_000;
    Map<Config, Map<String, String>> steady = new LinkedHashMap<>();
    for (Config config : List.of(Config.NONE, Config.WEAVE4J)) {
      for (String line :
          app(
              config,
              "export-steady-" + config.id(),
              List.of("steady", env.smoke() ? "0.3" : "5", Long.toString(steadyRate)))) {
        if (line.startsWith("steady ")) {
          steady.put(config, parse(line));
        }
      }
    }
    return new Results(ladder, flatOut, lines, steady, steadyRate);
  }

  private List<String> app(Config config, String tag, List<String> args)
      throws IOException, InterruptedException {
    Path dir = env.localDir(tag);
    ServeProcess.deleteTree(dir);
    return runApp(env, env.agentArgs(config, tag), tag, config.label(), args);
  }

  /** Runs {@link ExportApp} with {@code jvmArgs}; returns what it printed. */
  static List<String> runApp(
      BenchEnv env, List<String> jvmArgs, String tag, String label, List<String> args)
      throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>();
    cmd.add(env.java().toString());
    cmd.add("-Xms512m");
    cmd.add("-Xmx512m");
    cmd.add("-XX:+UseG1GC");
    cmd.addAll(jvmArgs);
    cmd.add("-cp");
    cmd.add(env.classPath());
    cmd.add(ExportApp.class.getName());
    cmd.addAll(args);
    Path log = env.workDir().resolve(tag + ".log");
    Files.createDirectories(log.getParent());
    System.out.println("bench: export " + String.join(" ", args) + " (" + label + ")");
    Process p =
        new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    if (!p.waitFor(10, TimeUnit.MINUTES)) {
      p.destroyForcibly();
      throw new IllegalStateException("export app did not exit: " + cmd);
    }
    List<String> out = Files.readAllLines(log);
    if (p.exitValue() != 0) {
      throw new IllegalStateException(
          "export app failed (" + p.exitValue() + "): " + cmd + "\n" + String.join("\n", out));
    }
    return out;
  }

  static Map<String, String> parse(String line) {
    Map<String, String> m = new LinkedHashMap<>();
    for (String part : line.split(" ")) {
      int eq = part.indexOf('=');
      if (eq > 0) {
        m.put(part.substring(0, eq), part.substring(eq + 1));
      }
    }
    return m;
  }
}
