package dev.weave4j.benchmarks;

import dev.weave4j.benchmarks.BenchEnv.Config;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Runs the JMH, start-up and export harnesses and writes the Markdown report. {@code benchmarks/
 * run.sh} calls it; so does the smoke test, with {@code --smoke}.
 *
 * <pre>
 * RunAll --agent weave-agent.jar --otel opentelemetry-javaagent.jar --work dir --out RESULTS.md
 *        [--smoke] [--forks 1] [--warmups 8] [--iterations 5] [--startup-runs 10]
 *        [--only startup | --only jmh [--cases smallPaced,sampledOut]
 *         | --only spring-startup --spring-app spring-boot4-app.jar]
 * </pre>
 */
public final class RunAll {

  private RunAll() {}

  /** See the class comment. */
  public static void main(String[] args) throws Exception {
    Map<String, String> o = new HashMap<>();
    o.put("forks", "1");
    o.put("warmups", "8");
    o.put("iterations", "5");
    o.put("startup-runs", "10");
    o.put("otel-version", "?");
    boolean smoke = false;
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals("--smoke")) {
        smoke = true;
      } else if (args[i].startsWith("--") && i + 1 < args.length) {
        o.put(args[i].substring(2), args[++i]);
      } else {
        throw new IllegalArgumentException("unexpected argument " + args[i]);
      }
    }
    BenchEnv env =
        BenchEnv.of(Path.of(o.get("agent")), Path.of(o.get("otel")), Path.of(o.get("work")), smoke);
    Files.createDirectories(env.workDir());
    long t0 = System.nanoTime();
    String loadBefore = Machine.loadAverage();
    if ("spring-startup".equals(o.get("only"))) {
      // A Spring Boot app's start-up: --spring-app <the fixture's executable jar>.
      Path jar = Path.of(o.get("spring-app"));
      var starts = new SpringStartupHarness(env).run(jar, Integer.parseInt(o.get("startup-runs")));
      System.out.println(
          "- Machine: "
              + Machine.describe()
              + "; load average "
              + loadBefore
              + " before, "
              + Machine.loadAverage()
              + " after\n- JDK: "
              + System.getProperty("java.runtime.version")
              + "\n");
      System.out.println(SpringStartupHarness.markdown(starts, jar));
      return;
    }
    if (o.containsKey("only")) {
      // One part (a minute or a few): what a change to the agent's start or call path needs.
      boolean startupPart = o.get("only").equals("startup");
      Map<Config, List<Double>> startup =
          startupPart
              ? new StartupHarness(env).run(Integer.parseInt(o.get("startup-runs")))
              : Map.of();
      List<JmhRunner.Row> rows = startupPart ? List.of() : new JmhRunner(env).run(o);
      o.put("load", loadBefore + " before, " + Machine.loadAverage() + " after");
      Report report = new Report(env, o, rows, List.of(), startup, null, null, 0);
      System.out.println(report.partMarkdown(startupPart));
      return;
    }

    List<JmhRunner.Row> jmh = new JmhRunner(env).run(o);
    List<JmhRunner.Row> hotPath = new JmhRunner(env).runHotPath(o);
    Map<Config, List<Double>> startup =
        new StartupHarness(env).run(smoke ? 1 : Integer.parseInt(o.get("startup-runs")));
    ExportHarness.Results export = new ExportHarness(env).run();
    HttpExportHarness.Results http = new HttpExportHarness(env).run();

    double minutes = (System.nanoTime() - t0) / 60e9;
    o.put("load", loadBefore + " before, " + Machine.loadAverage() + " after");
    String md = new Report(env, o, jmh, hotPath, startup, export, http, minutes).markdown();
    Path out = Path.of(o.get("out"));
    Files.writeString(out, md, StandardCharsets.UTF_8);
    System.out.println(md);
    System.out.printf(Locale.ROOT, "bench: wrote %s in %.1f minutes%n", out, minutes);
  }

  /** Formats the results. */
  static final class Report {
    private final BenchEnv env;
    private final Map<String, String> settings;
    private final Map<String, JmhRunner.Row> jmh = new LinkedHashMap<>();
    private final List<JmhRunner.Row> hotPath;
    private final Map<Config, List<Double>> startup;
    private final ExportHarness.Results export;
    private final HttpExportHarness.Results http;
    private final double minutes;
    private final StringBuilder sb = new StringBuilder();

    Report(
        BenchEnv env,
        Map<String, String> settings,
        List<JmhRunner.Row> rows,
        List<JmhRunner.Row> hotPath,
        Map<Config, List<Double>> startup,
        ExportHarness.Results export,
        HttpExportHarness.Results http,
        double minutes) {
      this.env = env;
      this.settings = settings;
      rows.forEach(r -> jmh.put(r.config().id() + "/" + r.benchmark(), r));
      this.hotPath = hotPath;
      this.startup = startup;
      this.export = export;
      this.http = http;
      this.minutes = minutes;
    }

    String markdown() throws Exception {
      line("# weave4j benchmark results");
      line("");
      line(
          "Written by `benchmarks/run.sh` on "
              + Instant.now().truncatedTo(ChronoUnit.SECONDS)
              + (env.smoke() ? " — **smoke run: 1 short iteration, the figures mean nothing**" : "")
              + String.format(Locale.ROOT, " (%.1f minutes).", minutes));
      line("");
      line("- Machine: " + Machine.describe());
      line(
          "- Load average (1, 5, 15 min) "
              + settings.get("load")
              + ": other processes on the machine disturb the figures; compare columns of one"
              + " run");
      line(
          "- JDK: "
              + System.getProperty("java.vm.name")
              + " "
              + System.getProperty("java.runtime.version")
              + " ("
              + System.getProperty("java.vendor")
              + "); every JVM: `-XX:+UseG1GC`, JMH forks `-Xms1g -Xmx1g`");
      line(
          "- Anchor: OpenTelemetry Java agent "
              + settings.get("otel-version")
              + " with `@WithSpan`, `-Dotel.{traces,metrics,logs}.exporter=none`");
      line(
          "- weave4j: "
              + env.weaveAgent().getFileName()
              + " with `-Dweave.local_dir=<tmp> -Dweave.print_call_link=false` (the real pipeline,"
              + " writing to the local store)");
      if (!env.smoke()) {
        line(
            "- JMH 1.37, average time: "
                + settings.get("forks")
                + " fork × "
                + settings.get("warmups")
                + " warm-up × "
                + settings.get("iterations")
                + " measured iterations of 1 s per case and configuration; `-prof gc`");
      }
      line("");
      perCall();
      startup();
      export();
      hotPath();
      return sb.toString();
    }

    /** The start-up or the JMH section alone, with the machine and load it ran under. */
    String partMarkdown(boolean startupPart) {
      line("- Machine: " + Machine.describe() + "; load average " + settings.get("load"));
      line("- JDK: " + System.getProperty("java.runtime.version") + "; agent " + env.weaveAgent());
      line("");
      if (startupPart) {
        startup();
      } else {
        perCall();
      }
      return sb.toString();
    }

    private void perCall() {
      line("## Per call (JMH)");
      line("");
      line(
          "Average time per operation in ns (± 99.9% error), and `gc.alloc.rate.norm` in bytes per"
              + " operation. *Added* is the configuration minus no agent.");
      line("");
      line(
          "| case | no agent | weave4j | OTel @WithSpan | weave4j added | OTel added"
              + " | weave4j ÷ no agent | weave4j ÷ OTel | B/op: none / weave4j / OTel | budget |");
      line("|---|--:|--:|--:|--:|--:|--:|--:|--:|---|");
      StringBuilder notes = new StringBuilder();
      for (String c : JmhRunner.CASES) {
        JmhRunner.Row none = jmh.get("none/" + c);
        JmhRunner.Row weave = jmh.get("weave4j/" + c);
        JmhRunner.Row otel = jmh.get("otel/" + c);
        if (none == null || weave == null || otel == null) {
          continue;
        }
        double wAdded = weave.nsPerOp() - none.nsPerOp();
        double oAdded = otel.nsPerOp() - none.nsPerOp();
        String budget =
            switch (c) {
              case "smallPaced" -> "(whole operation: see the next row)";
              case "sampledOut" -> verdict(wAdded <= 50, "≤ 50 ns added");
              default -> "";
            };
        line(
            "| "
                + caseName(c)
                + " | "
                + ns(none)
                + " | "
                + ns(weave)
                + " | "
                + ns(otel)
                + " | "
                + num(wAdded)
                + " | "
                + num(oAdded)
                + " | "
                + ratio(weave.nsPerOp(), none.nsPerOp())
                + " | "
                + ratio(weave.nsPerOp(), otel.nsPerOp())
                + " | "
                + num(none.allocBytesPerOp())
                + " / "
                + num(weave.allocBytesPerOp())
                + " / "
                + num(otel.allocBytesPerOp())
                + " | "
                + budget
                + " |");
        if (c.equals("smallPaced")) {
          inCallRow(none, weave, otel);
        }
        long dropped = weave.counters().getOrDefault("queue_full", 0L);
        long errors = weave.counters().getOrDefault("tracer_error", 0L);
        if (dropped > 0 || errors > 0) {
          notes.append(
              String.format(
                  Locale.ROOT,
                  "- `%s` under weave4j: %,d records dropped (queue full), %,d tracer errors during"
                      + " the run (warm-up included).%n",
                  c,
                  dropped,
                  errors));
        }
      }
      JmhRunner.Row none = jmh.get("none/small");
      JmhRunner.Row disabled = jmh.get("weave4j-disabled/small");
      if (none != null && disabled != null) {
        double added = disabled.nsPerOp() - none.nsPerOp();
        double noise = err(none.error()) + err(disabled.error()) + 1;
        line(
            "| small call, `weave.disabled=true` | "
                + ns(none)
                + " | "
                + ns(disabled)
                + " | | "
                + num(added)
                + " | | "
                + ratio(disabled.nsPerOp(), none.nsPerOp())
                + " | | "
                + num(none.allocBytesPerOp())
                + " / "
                + num(disabled.allocBytesPerOp())
                + " / | "
                + verdict(added <= noise, "no measurable overhead")
                + " |");
      }
      line("");
      notes.append(
          "- `nested` is one call of the outer of three nested traced methods (three calls"
              + " traced per operation).\n");
      notes.append(
          "- Stream and iterator rows are per element of a 100-element result, consumed through"
              + " weave4j's traced wrapper (the call ends when the stream is exhausted; each element"
              + " goes to the output list); OTel's span ends when the method returns.\n");
      notes.append(
          "- OTel has no per-op sampling: its `sampled-out` row is an ordinary `@WithSpan` call.\n");
      line("Notes:");
      line("");
      sb.append(notes);
      line("");
    }

    /**
     * The budget row: the time inside the traced call of {@code smallPaced} (timed around the call
     * by the benchmark itself), so the 10 µs of pacing and its noise are not in the difference.
     */
    private void inCallRow(JmhRunner.Row none, JmhRunner.Row weave, JmhRunner.Row otel) {
      double n = inCall(none);
      double w = inCall(weave);
      double o = inCall(otel);
      if (Double.isNaN(n) || Double.isNaN(w) || Double.isNaN(o)) {
        return;
      }
      line(
          "| the same, time inside the traced call only (what the calling thread waits for) | "
              + num(n)
              + " | "
              + num(w)
              + " | "
              + num(o)
              + " | "
              + num(w - n)
              + " | "
              + num(o - n)
              + " | | "
              + ratio(w, o)
              + " | | "
              + verdict(w - n <= 1000 && w - n <= o - n, "≤ 1 µs added and ≤ OTel added")
              + " |");
    }

    /**
     * Mean ns inside the call, from the benchmark's {@code call_nanos}/{@code calls}; NaN if none.
     */
    private static double inCall(JmhRunner.Row r) {
      long calls = r.counters().getOrDefault("calls", 0L);
      return calls == 0 ? Double.NaN : (double) r.counters().get("call_nanos") / calls;
    }

    private void startup() {
      if (startup.isEmpty()) {
        return;
      }
      int runs = startup.values().iterator().next().size();
      line("## Start-up");
      line("");
      line(
          "Wall time of `java -cp … HelloWorld` (JVM start, one traced call, exit), "
              + runs
              + " runs per configuration, interleaved"
              + (env.smoke() ? "" : ", after one discarded round")
              + ". Median (min–max) in ms.");
      line("");
      line("| configuration | median ms | min–max | added ms | ÷ no agent | ÷ OTel | budget |");
      line("|---|--:|--:|--:|--:|--:|---|");
      double none = StartupHarness.median(startup.get(Config.NONE));
      double otel = StartupHarness.median(startup.get(Config.OTEL));
      for (Config config : Config.values()) {
        List<Double> t = startup.get(config);
        double m = StartupHarness.median(t);
        double added = m - none;
        // docs/architecture.md, "Budgets": at most 300 ms, and at most a tenth of what the
        // OpenTelemetry agent adds.
        String budget =
            config == Config.WEAVE4J
                ? verdict(
                    added <= 300 && added <= (otel - none) / 10,
                    "≤ 300 ms and ≤ 1/10 of OTel's added to hello-world")
                : "";
        line(
            String.format(
                Locale.ROOT,
                "| %s | %.0f | %.0f–%.0f | %s | %s | %s | %s |",
                config.label(),
                m,
                t.stream().mapToDouble(d -> d).min().orElse(0),
                t.stream().mapToDouble(d -> d).max().orElse(0),
                config == Config.NONE ? "" : String.format(Locale.ROOT, "%+.0f", added),
                ratio(m, none),
                ratio(m, otel),
                budget));
      }
      line("");
    }

    private void export() throws Exception {
      line("## Export and footprint");
      line("");
      line(
          "`ExportApp` under weave4j, one application thread calling a traced method with small"
              + " arguments; `-Xms512m -Xmx512m`; default `weave.max_queue_bytes` (64 MiB).");
      line("");
      line("| metric | weave4j | anchor / budget |");
      line("|---|--:|---|");
      long sustained = export.sustainedRate();
      long firstDrop = export.firstDropRate();
      StringBuilder ladder = new StringBuilder();
      for (Map<String, String> step : export.ladder()) {
        ladder.append(
            String.format(
                Locale.ROOT,
                "%s%s→%s",
                ladder.length() == 0 ? "" : ", ",
                k(Long.parseLong(step.get("rate"))),
                Long.parseLong(step.get("drops")) > 0
                    ? "drops"
                    : k(Math.round(Double.parseDouble(step.get("achieved"))))
                        + " made, drain "
                        + Math.round(Double.parseDouble(step.get("drainMs")))
                        + " ms"));
      }
      line(
          "| sustained calls/s into the local store until the first drop (2 s steps, doubling) | "
              + (sustained == 0 ? "none" : k(sustained))
              + (firstDrop == 0
                  ? " (no drop up to the last step)"
                  : ", first drop at " + k(firstDrop))
              + " | "
              + verdict(sustained >= 100_000, "≥ 100k calls/s")
              + "; steps: "
              + ladder
              + " |");
      Map<String, String> f = export.flatOut();
      if (!f.isEmpty()) {
        double callRate = Long.parseLong(f.get("calls")) / Double.parseDouble(f.get("callSeconds"));
        line(
            "| flat out, one thread: calls/s made | "
                + k(Math.round(callRate))
                + " | "
                + String.format(Locale.ROOT, "%,d", Long.parseLong(f.get("drops")))
                + " records dropped |");
        line(
            "| flat out: calls/s written (lines ÷ 2 ÷ time to the end of the flush) | "
                + k(Math.round(export.flatOutWrittenPerSecond()))
                + " | "
                + String.format(Locale.ROOT, "%,d", export.flatOutLines())
                + " lines in "
                + f.get("totalSeconds")
                + " s |");
      }
      Map<String, String> sNone = export.steady().get(Config.NONE);
      Map<String, String> sWeave = export.steady().get(Config.WEAVE4J);
      if (sNone != null && sWeave != null) {
        line(
            "| heap high-water mark at "
                + k(export.steadyRate())
                + " calls/s for "
                + (env.smoke() ? "0.3" : "5")
                + " s: peak used heap (old gen) | "
                + mb(sWeave.get("heapPeakBytes"))
                + " ("
                + mb(sWeave.get("oldGenPeakBytes"))
                + ") | no agent: "
                + mb(sNone.get("heapPeakBytes"))
                + " ("
                + mb(sNone.get("oldGenPeakBytes"))
                + "); bounded by `weave.max_queue_bytes` |");
      }
      httpRows();
      long agentBytes = Files.size(env.weaveAgent());
      long otelBytes = Files.size(env.otelAgent());
      line(
          "| agent jar size | "
              + String.format(Locale.ROOT, "%.2f MB", agentBytes / 1e6)
              + " | "
              + verdict(agentBytes <= 10_000_000, "≤ 10 MB")
              + "; OTel agent "
              + String.format(Locale.ROOT, "%.1f MB", otelBytes / 1e6)
              + " |");
      line("");
    }

    /** The rows of {@link HttpExportHarness}. */
    private void httpRows() {
      long sustained = http.sustainedRate();
      long firstDrop = 0;
      StringBuilder steps = new StringBuilder();
      for (Map<String, String> step : http.ladder()) {
        boolean clean = HttpExportHarness.Results.clean(step);
        if (!clean && firstDrop == 0) {
          firstDrop = Long.parseLong(step.get("rate"));
        }
        steps.append(
            String.format(
                Locale.ROOT,
                "%s%s→%s",
                steps.length() == 0 ? "" : ", ",
                k(Long.parseLong(step.get("rate"))),
                clean
                    ? k(Math.round(Double.parseDouble(step.get("achieved"))))
                        + " made, drain "
                        + Math.round(Double.parseDouble(step.get("drainMs")))
                        + " ms"
                    : String.format(
                        Locale.ROOT,
                        "%,d dropped, %,d spilled to the spool",
                        Long.parseLong(step.get("drops")),
                        Long.parseLong(step.get("spooled")))));
      }
      line(
          "| calls/s into `weave serve` over HTTP until the first drop or spill to the spool ("
              + (env.smoke() ? "0.3" : "2")
              + " s steps, doubling; remote mode, `serve --api-key`) | "
              + (sustained == 0 ? "none" : k(sustained))
              + (firstDrop == 0
                  ? " (no drop up to the last step)"
                  : ", first drop or spill at " + k(firstDrop))
              + " | "
              + verdict(sustained >= 50_000, "≥ 50k calls/s")
              + "; steps: "
              + steps
              + "; serve holds "
              + arrival(http.ladderArrived(), http.ladderStartLines())
              + (http.ladder().stream().anyMatch(st -> Long.parseLong(st.get("drops")) > 0)
                  ? " (calls whose start record was dropped never arrive)"
                  : "")
              + " |");
      Map<String, String> o = http.outage();
      Map<String, String> none = http.outageNoAgent();
      Map<String, String> a = http.outageArrived();
      if (o.isEmpty() || none.isEmpty()) {
        line("| server down: records lost, heap | not measured | nothing lost (spool) |");
        return;
      }
      long lost = Long.parseLong(o.get("lost"));
      boolean allThere =
          !a.isEmpty()
              && a.get("count").equals(a.get("expected"))
              && http.outageStartLines() == Long.parseLong(a.get("expected"));
      line(
          String.format(
              Locale.ROOT,
              "| server down for %s at %s calls/s: records lost; peak used heap (old gen);"
                  + " replay once it is back | %,d lost, %,d spooled; %s (%s); %s | %s; no agent"
                  + " (same loop, %.0f s): %s (%s) |",
              http.outageSeconds() >= 60 ? "a minute" : http.outageSeconds() + " s",
              k(http.outageRate()),
              lost,
              Long.parseLong(o.get("spooled")),
              mb(o.get("heapPeakBytes")),
              mb(o.get("oldGenPeakBytes")),
              a.isEmpty()
                  ? "no replay measured"
                  : String.format(
                      Locale.ROOT,
                      "serve answered %.1f s after the loop; then all there after %.1f s; serve"
                          + " holds %s",
                      Double.parseDouble(a.get("upAfterMs")) / 1000,
                      Double.parseDouble(a.get("arrivedAfterMs")) / 1000,
                      arrival(a, http.outageStartLines())),
              verdict(lost == 0 && allThere, "nothing lost (spool), every call once"),
              http.noAgentSeconds(),
              mb(none.get("heapPeakBytes")),
              mb(none.get("oldGenPeakBytes"))));
    }

    private static String arrival(Map<String, String> arrived, long startLines) {
      if (arrived.isEmpty()) {
        return "? (not counted)";
      }
      return String.format(
          Locale.ROOT,
          "%,d of %,d calls, %,d start lines%s",
          Long.parseLong(arrived.get("count")),
          Long.parseLong(arrived.get("expected")),
          startLines,
          arrived.get("count").equals(arrived.get("expected"))
                  && startLines == Long.parseLong(arrived.get("expected"))
              ? " (each once)"
              : " (**mismatch**)");
    }

    private void hotPath() {
      if (hotPath.isEmpty()) {
        return;
      }
      line("## Where the time goes");
      line("");
      line(
          "weave4j's per-call parts measured one by one (`HotPathBenchmarks`, no agent, the"
              + " runtime on the class path, 1 fork). On the calling thread a small traced root"
              + " call takes two `CallId.uuid7` (their text is made by the exporter thread), two"
              + " `Timestamps.nowMicros` and two `submit`s; inputs and output that are strings or"
              + " boxed primitives are kept as they are and serialized by the exporter thread"
              + " (other values at once: `serializeSmallInputsFromArgs`), which then writes two"
              + " records.");
      line("");
      line("| part | ns/op | B/op |");
      line("|---|--:|--:|");
      for (JmhRunner.Row r : hotPath) {
        line("| `" + r.benchmark() + "` | " + ns(r) + " | " + num(r.allocBytesPerOp()) + " |");
      }
      line("");
    }

    private static String caseName(String c) {
      return switch (c) {
        case "small" -> "small arguments, flat out (calls beyond the exporter's rate are shed)";
        case "smallPaced" -> "small arguments, ~10 µs of other work per call (every call traced)";
        case "large" -> "10 KB string + record";
        case "nested" -> "three-level nested";
        case "sampledOut" -> "sampled-out (`tracingSampleRate = 0.0`)";
        case "streamPerElement" -> "`Stream`, per element";
        case "iteratorPerElement" -> "`Iterator`, per element";
        default -> c;
      };
    }

    private String verdict(boolean ok, String budget) {
      if (env.smoke()) {
        return budget;
      }
      return (ok ? "✅ " : "❌ ") + budget;
    }

    private static String ns(JmhRunner.Row r) {
      if (Double.isNaN(r.error())) {
        return num(r.nsPerOp());
      }
      return num(r.nsPerOp()) + " ± " + num(r.error());
    }

    private static double err(double e) {
      return Double.isNaN(e) ? 0 : e;
    }

    private static String num(double v) {
      if (Double.isNaN(v)) {
        return "–";
      }
      if (Math.abs(v) >= 100) {
        return String.format(Locale.ROOT, "%,.0f", v);
      }
      return String.format(Locale.ROOT, "%.1f", v);
    }

    private static String ratio(double a, double b) {
      return String.format(Locale.ROOT, "%.2f×", a / b);
    }

    private static String k(long v) {
      if (v >= 1_000_000) {
        return String.format(Locale.ROOT, "%.2fM", v / 1e6);
      }
      if (v >= 1_000) {
        return String.format(Locale.ROOT, "%.0fk", v / 1e3);
      }
      return Long.toString(v);
    }

    private static String mb(String bytes) {
      return String.format(Locale.ROOT, "%.0f MB", Long.parseLong(bytes) / 1e6);
    }

    private void line(String s) {
      sb.append(s).append('\n');
    }
  }

  /** The machine, as {@code nproc}, /proc/cpuinfo and /proc/meminfo describe it. */
  static final class Machine {
    private Machine() {}

    static String loadAverage() {
      try {
        String[] p = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
        return p[0] + " " + p[1] + " " + p[2];
      } catch (Exception e) {
        return "?";
      }
    }

    static String describe() {
      String cpu = "unknown CPU";
      String mem = "? GiB";
      try {
        for (String l : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
          if (l.startsWith("model name")) {
            cpu = l.substring(l.indexOf(':') + 1).trim();
            break;
          }
        }
        for (String l : Files.readAllLines(Path.of("/proc/meminfo"))) {
          if (l.startsWith("MemTotal:")) {
            String[] p = l.trim().split("\\s+");
            mem = String.format(Locale.ROOT, "%.1f GiB", Long.parseLong(p[1]) / 1024.0 / 1024.0);
          }
        }
      } catch (Exception e) {
        // Not Linux: keep the defaults.
      }
      return cpu
          + ", `nproc` = "
          + Runtime.getRuntime().availableProcessors()
          + ", "
          + mem
          + " memory, "
          + System.getProperty("os.name")
          + " "
          + System.getProperty("os.version")
          + " "
          + System.getProperty("os.arch");
    }
  }
}
