package dev.weave4j.benchmarks;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Export over HTTP into a real {@code serve} process ({@link ServeProcess}): {@link ExportApp}
 * under weave4j in remote mode through the same rate ladder as the local store until the first drop
 * or spill to the spool, then a steady rate while the server is down (started with {@code
 * --down-for-ms}) and the replay once it is back. Each run ends by checking what serve holds: every
 * call, each written once.
 */
public final class HttpExportHarness {

  /** What the HTTP export harness measured. */
  public record Results(
      List<Map<String, String>> ladder,
      Map<String, String> ladderArrived,
      long ladderStartLines,
      Map<String, String> outage,
      Map<String, String> outageNoAgent,
      Map<String, String> outageArrived,
      long outageStartLines,
      double outageSeconds,
      double noAgentSeconds,
      long outageRate) {

    /** The highest ladder rate that completed without a drop or a spill, or 0. */
    public long sustainedRate() {
      long best = 0;
      for (Map<String, String> step : ladder) {
        if (clean(step)
            && Double.parseDouble(step.get("achieved")) >= 0.9 * Long.parseLong(step.get("rate"))) {
          best = Math.max(best, Long.parseLong(step.get("rate")));
        }
      }
      return best;
    }

    static boolean clean(Map<String, String> step) {
      return Long.parseLong(step.get("drops")) == 0
          && Long.parseLong(step.get("spooled")) == 0
          && Long.parseLong(step.get("errors")) == 0;
    }

    /** Calls the ladder made in all. */
    public long ladderCalls() {
      return ladder.stream().mapToLong(s -> Long.parseLong(s.get("calls"))).sum();
    }
  }

  private final BenchEnv env;

  /**
   * @param env where the agents and the JVM are
   */
  public HttpExportHarness(BenchEnv env) {
    this.env = env;
  }

  /** Runs the ladder against serve, then the outage. */
  public Results run() throws IOException, InterruptedException {
    List<String> ladderArgs =
        new ArrayList<>(
            List.of(
                "ladder",
                env.smoke() ? "0.3" : "2",
                env.smoke() ? "warmup=0.5@5000" : "warmup=3@10000"));
    if (env.smoke()) {
      ladderArgs.add("10000");
    } else {
      for (long r = 25_000; r <= 800_000; r *= 2) {
        ladderArgs.add(Long.toString(r));
      }
    }
    List<Map<String, String>> ladder = new ArrayList<>();
    Map<String, String> ladderArrived = Map.of();
    long ladderStarts;
    Path work = env.workDir();
    try (ServeProcess serve =
        ServeProcess.start(
            env, work.resolve("serve-ladder"), 0, work.resolve("serve-ladder.log"))) {
      Path local = env.localDir("http-ladder");
      ServeProcess.deleteTree(local);
      for (String line :
          ExportHarness.runApp(
              env, serve.agentArgs(env.weaveAgent(), local), "http-ladder", "remote", ladderArgs)) {
        if (line.startsWith("ladder ")) {
          ladder.add(ExportHarness.parse(line));
        } else if (line.startsWith("arrived ")) {
          ladderArrived = ExportHarness.parse(line);
        }
      }
      ladderStarts = serve.startLines();
    }

    double seconds = env.smoke() ? 1 : 60;
    double noAgentSeconds = Math.min(seconds, 10);
    long rate = env.smoke() ? 5_000 : 20_000;
    double warmup = Math.min(1, seconds / 4);
    String arriveTimeout = env.smoke() ? "60" : "300";
    Map<String, String> outage = Map.of();
    Map<String, String> noAgent = Map.of();
    Map<String, String> arrived = Map.of();
    for (String line :
        ExportHarness.runApp(
            env,
            List.of(),
            "http-outage-none",
            "no agent",
            List.of("outage", fmt(noAgentSeconds), Long.toString(rate), arriveTimeout))) {
      if (line.startsWith("outage ")) {
        noAgent = ExportHarness.parse(line);
      }
    }
    long starts;
    long downMillis = Math.round((warmup + seconds + 2) * 1000);
    try (ServeProcess serve =
        ServeProcess.start(
            env, work.resolve("serve-outage"), downMillis, work.resolve("serve-outage.log"))) {
      Path local = env.localDir("http-outage");
      ServeProcess.deleteTree(local);
      for (String line :
          ExportHarness.runApp(
              env,
              serve.agentArgs(env.weaveAgent(), local),
              "http-outage",
              "remote, server down",
              List.of("outage", fmt(seconds), Long.toString(rate), arriveTimeout))) {
        if (line.startsWith("outage ")) {
          outage = ExportHarness.parse(line);
        } else if (line.startsWith("arrived ")) {
          arrived = ExportHarness.parse(line);
        }
      }
      starts = serve.startLines();
    }
    return new Results(
        ladder,
        ladderArrived,
        ladderStarts,
        outage,
        noAgent,
        arrived,
        starts,
        seconds,
        noAgentSeconds,
        rate);
  }

  /**
   * Runs this harness alone: {@code HttpExportHarness --agent weave-agent.jar --otel otel.jar
   * --work dir [--smoke]}; prints the results.
   */
  public static void main(String[] args) throws Exception {
    java.util.Map<String, String> o = new java.util.HashMap<>();
    boolean smoke = false;
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals("--smoke")) {
        smoke = true;
      } else {
        o.put(args[i].substring(2), args[++i]);
      }
    }
    BenchEnv env =
        BenchEnv.of(Path.of(o.get("agent")), Path.of(o.get("otel")), Path.of(o.get("work")), smoke);
    java.nio.file.Files.createDirectories(env.workDir());
    System.out.println(new HttpExportHarness(env).run());
  }

  private static String fmt(double seconds) {
    return seconds == Math.rint(seconds) ? Long.toString((long) seconds) : Double.toString(seconds);
  }
}
