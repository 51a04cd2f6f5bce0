package dev.weave4j.benchmarks;

import dev.weave4j.testing.providers.ProviderTestServer;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The time the OpenAI integration adds to an SDK call: {@link LlmSdkApp} against the local provider
 * server (in this process, over real HTTP), without the agent and under it (local store),
 * interleaved round by round in the same run (each run: {@code calls / 2} warm-up calls and
 * streams, then {@code calls} calls and {@code calls} streams timed). Prints the medians over the
 * rounds as a markdown table with the budgets (a non-streaming call: ≤ 5 % of its own time or ≤ 20
 * µs; per streamed chunk: ≤ 1 µs).
 *
 * <pre>
 * java -cp "benchmarks/target/classes:$(cat benchmarks/target/classpath.txt)" \
 *   dev.weave4j.benchmarks.LlmSdkHarness agent/target/weave-agent.jar "$(mktemp -d)" [rounds] [calls]
 * </pre>
 */
public final class LlmSdkHarness {

  private LlmSdkHarness() {}

  public static void main(String[] args) throws Exception {
    Path agent = Path.of(args[0]).toAbsolutePath();
    Path work = Path.of(args[1]).toAbsolutePath();
    int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 5;
    int calls = args.length > 3 ? Integer.parseInt(args[3]) : 3000;
    Map<String, List<Double>> plain = new HashMap<>();
    Map<String, List<Double>> chunk = new HashMap<>();
    try (ProviderTestServer server = ProviderTestServer.start()) {
      for (int round = 0; round < rounds; round++) {
        for (String config : List.of("no agent", "weave4j")) {
          Map<String, String> out = run(server, agent, work, config, round, calls);
          plain
              .computeIfAbsent(config, c -> new ArrayList<>())
              .add(Double.parseDouble(out.get("plain_median_ns")));
          chunk
              .computeIfAbsent(config, c -> new ArrayList<>())
              .add(Double.parseDouble(out.get("chunk_ns")));
        }
      }
    }
    double plainNone = StartupHarness.median(plain.get("no agent"));
    double plainTraced = StartupHarness.median(plain.get("weave4j"));
    double chunkNone = StartupHarness.median(chunk.get("no agent"));
    double chunkTraced = StartupHarness.median(chunk.get("weave4j"));
    double added = plainTraced - plainNone;
    double addedChunk = chunkTraced - chunkNone;
    System.out.println("| case | no agent | weave4j | added | budget |");
    System.out.println("|---|--:|--:|--:|---|");
    System.out.printf(
        Locale.ROOT,
        "| `chat.completions.create`, median call | %.1f µs | %.1f µs | %.1f µs (%.1f %%) | %s ≤ 5 %% or ≤ 20 µs |%n",
        plainNone / 1000,
        plainTraced / 1000,
        added / 1000,
        100 * added / plainNone,
        added <= 20_000 || added <= 0.05 * plainNone ? "✅" : "❌");
    System.out.printf(
        Locale.ROOT,
        "| `createStreaming`, per chunk | %.0f ns | %.0f ns | %.0f ns | %s ≤ 1 µs |%n",
        chunkNone,
        chunkTraced,
        addedChunk,
        addedChunk <= 1000 ? "✅" : "❌");
    System.out.printf(
        Locale.ROOT,
        "(medians of %d rounds of %d calls and %d streams each, after %d warm-up rounds; load %s)%n",
        rounds,
        calls,
        calls,
        calls / 2,
        Files.readString(Path.of("/proc/loadavg")).trim());
  }

  private static Map<String, String> run(
      ProviderTestServer server, Path agent, Path work, String config, int round, int calls)
      throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    if (config.equals("weave4j")) {
      cmd.add("-javaagent:" + agent);
      cmd.add("-Dweave.local_dir=" + work.resolve("weave-local"));
      cmd.add("-Dweave.print_call_link=false");
    }
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add(LlmSdkApp.class.getName());
    cmd.add(server.openAiBaseUrl());
    cmd.add(String.valueOf(calls / 2));
    cmd.add(String.valueOf(calls));
    cmd.add(String.valueOf(calls));
    Path log = work.resolve("llm-" + round + "-" + config.replace(' ', '-') + ".log");
    Files.createDirectories(work);
    Process p =
        new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    if (!p.waitFor(20, TimeUnit.MINUTES) || p.exitValue() != 0) {
      p.destroyForcibly();
      throw new IllegalStateException(
          "LlmSdkApp failed (" + config + "): " + Files.readString(log));
    }
    Map<String, String> out = new HashMap<>();
    for (String line : Files.readAllLines(log)) {
      int eq = line.indexOf('=');
      if (eq > 0 && !line.contains(File.separator)) {
        out.put(line.substring(0, eq), line.substring(eq + 1));
      }
    }
    return out;
  }
}
