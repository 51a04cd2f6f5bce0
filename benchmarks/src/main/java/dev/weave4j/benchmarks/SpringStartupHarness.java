package dev.weave4j.benchmarks;

import dev.weave4j.benchmarks.BenchEnv.Config;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Start-up of a Spring Boot executable jar (the Spring ITs' fixture app, {@code java [agent] -jar
 * app.jar}) with no agent, weave4j and the OpenTelemetry agent: the time from starting the JVM to
 * the first HTTP 200 of a request that runs traced ops, and the time Spring reports ({@code Started
 * … in N seconds}). Runs are interleaved after one discarded round.
 */
public final class SpringStartupHarness {

  private static final Config[] CONFIGS = {Config.NONE, Config.WEAVE4J, Config.OTEL};
  private static final Pattern PORT = Pattern.compile("started on port (\\d+)");
  private static final Pattern STARTED = Pattern.compile("Started \\S+ in ([0-9.]+) seconds");
  private static final long TIMEOUT_NANOS = TimeUnit.MINUTES.toNanos(3);

  private final BenchEnv env;
  private final HttpClient http = HttpClient.newHttpClient();

  /**
   * @param env where the agents and the JVM are
   */
  public SpringStartupHarness(BenchEnv env) {
    this.env = env;
  }

  /** One start: milliseconds to the first HTTP 200, and those Spring reports. */
  public record Start(double firstResponseMs, double springMs) {}

  /** The starts of each configuration, after one discarded round. */
  public Map<Config, List<Start>> run(Path jar, int runs) throws Exception {
    Map<Config, List<Start>> starts = new EnumMap<>(Config.class);
    Path logs = env.workDir().resolve("spring-startup-logs");
    Files.createDirectories(logs);
    int rounds = env.smoke() ? runs : runs + 1;
    for (int i = 0; i < rounds; i++) {
      for (Config config : CONFIGS) {
        Start s = once(jar, config, logs.resolve(config.id() + "-" + i + ".log"));
        if (env.smoke() || i > 0) {
          starts.computeIfAbsent(config, c -> new ArrayList<>()).add(s);
        }
      }
    }
    return starts;
  }

  private Start once(Path jar, Config config, Path log) throws Exception {
    List<String> cmd = new ArrayList<>();
    cmd.add(env.java().toString());
    cmd.addAll(env.agentArgs(config, "spring-startup-" + config.id()));
    cmd.add("-jar");
    cmd.add(jar.toAbsolutePath().toString());
    cmd.add("--server.port=0");
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
    pb.redirectOutput(log.toFile());
    long start = System.nanoTime();
    Process p = pb.start();
    try {
      int port = awaitPort(p, log, start);
      HttpResponse<String> response =
          http.send(
              HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/facts?topic=tea"))
                  .timeout(Duration.ofMinutes(1))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      double firstResponse = (System.nanoTime() - start) / 1e6;
      if (response.statusCode() != 200) {
        throw new IllegalStateException(
            "GET /facts: " + response.statusCode() + " with " + cmd + "; log: " + log);
      }
      Matcher started = STARTED.matcher(Files.readString(log));
      double spring = started.find() ? Double.parseDouble(started.group(1)) * 1000 : Double.NaN;
      return new Start(firstResponse, spring);
    } finally {
      p.destroy();
      if (!p.waitFor(60, TimeUnit.SECONDS)) {
        p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    }
  }

  private static int awaitPort(Process p, Path log, long start)
      throws IOException, InterruptedException {
    while (System.nanoTime() - start < TIMEOUT_NANOS) {
      Matcher port = PORT.matcher(Files.readString(log));
      if (port.find()) {
        return Integer.parseInt(port.group(1));
      }
      if (!p.isAlive()) {
        throw new IllegalStateException("the app exited before it started; log: " + log);
      }
      Thread.sleep(20);
    }
    throw new IllegalStateException("the app did not start in 3 minutes; log: " + log);
  }

  /** The results as a Markdown section. */
  public static String markdown(Map<Config, List<Start>> starts, Path jar) {
    StringBuilder md = new StringBuilder();
    int runs = starts.values().iterator().next().size();
    md.append("## Start-up of a Spring Boot app\n\n")
        .append("`java [agent] -jar ")
        .append(jar.getFileName())
        .append("` (Spring Boot, Tomcat, a `@Cacheable`/`@Transactional`/`@Async` service; ")
        .append(runs)
        .append(" runs per configuration, interleaved): wall time from starting the JVM to the")
        .append(" first HTTP 200 of `/facts` (whose handler runs traced ops through Spring's")
        .append(" proxies), and Spring's own `Started … in`. Medians in ms.\n\n")
        .append("| configuration | first 200, median | min–max | added | Spring's `Started in` |")
        .append(" added | budget |\n|---|--:|--:|--:|--:|--:|---|\n");
    double none = median(starts.get(Config.NONE), true);
    double otel = median(starts.get(Config.OTEL), true);
    double noneSpring = median(starts.get(Config.NONE), false);
    for (Config config : CONFIGS) {
      List<Start> s = starts.get(config);
      double m = median(s, true);
      double spring = median(s, false);
      String budget = "";
      if (config == Config.WEAVE4J) {
        boolean ok = m - none <= (otel - none) / 10;
        budget = (ok ? "✅" : "❌") + " ≤ 1/10 of OTel's added";
      }
      md.append(
          String.format(
              Locale.ROOT,
              "| %s | %.0f | %.0f–%.0f | %s | %.0f | %s | %s |%n",
              config.label(),
              m,
              s.stream().mapToDouble(Start::firstResponseMs).min().orElse(0),
              s.stream().mapToDouble(Start::firstResponseMs).max().orElse(0),
              config == Config.NONE ? "" : String.format(Locale.ROOT, "%+.0f", m - none),
              spring,
              config == Config.NONE ? "" : String.format(Locale.ROOT, "%+.0f", spring - noneSpring),
              budget));
    }
    return md.toString();
  }

  private static double median(List<Start> starts, boolean firstResponse) {
    List<Double> values = new ArrayList<>();
    for (Start s : starts) {
      values.add(firstResponse ? s.firstResponseMs() : s.springMs());
    }
    return StartupHarness.median(values);
  }
}
