package dev.weave4j.internal.server;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Not a test: serve's whole-process CPU per ingested call (handler, HTTP, GC, JIT), from {@code
 * /proc}. Starts {@code java -jar weave-agent.jar serve} on an empty folder, posts agent-shaped
 * {@code /call/upsert_batch} bodies (encoded beforehand) at a steady rate, and prints serve's CPU
 * time per call over the measured seconds, after ten seconds of warm-up, in all and by thread.
 * Linux only.
 *
 * <pre>
 * java -cp runtime/target/test-classes:runtime/target/classes:$(cat
 *     benchmarks/target/classpath.txt) dev.weave4j.internal.server.ServeCpuHarness \
 *     agent/target/weave-agent.jar [calls/s] [seconds]
 * </pre>
 *
 * <p>{@code -Dserve.jvmArgs="..."} adds JVM options to serve (e.g. a flight recording).
 */
public final class ServeCpuHarness {

  private ServeCpuHarness() {}

  public static void main(String[] args) throws Exception {
    Path agent = Path.of(args[0]).toAbsolutePath();
    int rate = args.length > 1 ? Integer.parseInt(args[1]) : 30_000;
    int seconds = args.length > 2 ? Integer.parseInt(args[2]) : 8;
    Path dir = Files.createTempDirectory("serve-cpu");
    List<byte[]> warm = IngestCostHarness.bodies("bench/cpu", rate * 10, 1_735_689_600_000_000L);
    List<byte[]> bodies =
        IngestCostHarness.bodies("bench/cpu", rate * seconds, 1_735_689_700_000_000L);
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-XX:+UseG1GC");
    String extra = System.getProperty("serve.jvmArgs", ""); // e.g. -XX:StartFlightRecording=...
    if (!extra.isBlank()) {
      cmd.addAll(List.of(extra.trim().split("\\s+")));
    }
    cmd.addAll(List.of("-jar", agent.toString(), "serve", "--port", "0", "--dir", dir.toString()));
    Process serve = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    try {
      BufferedReader out =
          new BufferedReader(new InputStreamReader(serve.getInputStream(), StandardCharsets.UTF_8));
      String url = out.readLine().trim();
      while (!url.startsWith("http")) {
        url = out.readLine().trim();
      }
      HttpClient http = HttpClient.newHttpClient();
      post(http, url, warm, rate * 10, rate); // new calls, as measured: for the JIT
      Thread.sleep(1000);
      long cpu0 = cpuTicks(serve.pid());
      Map<String, Long> threads0 = threadTicks(serve.pid());
      long t0 = System.nanoTime();
      post(http, url, bodies, rate * seconds, rate);
      Thread.sleep(500); // let serve finish what it has
      long ticks = cpuTicks(serve.pid()) - cpu0;
      Map<String, Long> byThread = threadTicks(serve.pid());
      threads0.forEach((k, v) -> byThread.merge(k, -v, Long::sum));
      double wall = (System.nanoTime() - t0) / 1e9;
      double cpuSeconds = ticks / 100.0;
      System.out.printf(
          Locale.ROOT,
          "%,d calls at %,d calls/s: serve used %.2f s CPU in %.1f s (%.0f%% of a core),"
              + " %.2f µs/call%n",
          rate * seconds,
          rate,
          cpuSeconds,
          wall,
          100 * cpuSeconds / wall,
          cpuSeconds * 1e6 / (rate * seconds));
      byThread.entrySet().stream()
          .filter(e -> e.getValue() > 1)
          .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
          .forEach(
              e ->
                  System.out.printf(
                      Locale.ROOT,
                      "  %-22s %5.1f%% (%.2f µs/call)%n",
                      e.getKey(),
                      100.0 * e.getValue() / Math.max(1, ticks),
                      e.getValue() * 1e4 / (rate * seconds)));
    } finally {
      serve.destroy();
      serve.waitFor();
    }
  }

  private static void post(HttpClient http, String url, List<byte[]> bodies, int calls, int rate)
      throws Exception {
    long start = System.nanoTime();
    double perBody = 1e9 * calls / bodies.size() / rate;
    for (int i = 0; i < bodies.size(); i++) {
      long due = start + (long) (i * perBody);
      long wait = due - System.nanoTime();
      if (wait > 0) {
        Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
      }
      HttpResponse<String> res =
          http.send(
              HttpRequest.newBuilder(URI.create(url + "/call/upsert_batch"))
                  .header("Content-Type", "application/json")
                  .POST(HttpRequest.BodyPublishers.ofByteArray(bodies.get(i)))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      if (res.statusCode() != 200) {
        throw new IllegalStateException(res.statusCode() + " " + res.body());
      }
    }
  }

  /** utime + stime of each thread of a process by name (digits dropped: pools summed). */
  private static Map<String, Long> threadTicks(long pid) throws Exception {
    Map<String, Long> out = new TreeMap<>();
    try (Stream<Path> tasks = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
      for (Path task : tasks.toList()) {
        try {
          String stat = Files.readString(task.resolve("stat"));
          String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
          String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
          String pool = name.replaceAll("[0-9]+", "#").trim();
          out.merge(pool, Long.parseLong(f[11]) + Long.parseLong(f[12]), Long::sum);
          out.merge(pool + " (kernel)", Long.parseLong(f[12]), Long::sum);
        } catch (java.io.IOException e) {
          // the thread ended
        }
      }
    }
    return out;
  }

  /** utime + stime of a process, in clock ticks (1/100 s). */
  private static long cpuTicks(long pid) throws Exception {
    String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    return Long.parseLong(f[11]) + Long.parseLong(f[12]);
  }
}
