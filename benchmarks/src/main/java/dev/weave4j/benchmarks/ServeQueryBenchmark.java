package dev.weave4j.benchmarks;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Query latency of {@code serve} over a big local store: generates a store of N calls (default one
 * million: traces of five calls), starts {@code java -jar weave-agent.jar serve} on it as a real
 * process, and times representative requests over HTTP (median of 5 after a warm-up), then the
 * ingest rate of {@code /call/upsert_batch}.
 *
 * <pre>
 * java -cp benchmarks/target/classes dev.weave4j.benchmarks.ServeQueryBenchmark \
 *     agent/target/weave-agent.jar /tmp/serve-bench [calls]
 * </pre>
 */
public final class ServeQueryBenchmark {

  private static final String PROJECT = "bench/serve";
  private static final long T0 = Instant.parse("2025-01-01T00:00:00Z").getEpochSecond();

  private ServeQueryBenchmark() {}

  public static void main(String[] args) throws Exception {
    Path agent = Path.of(args[0]).toAbsolutePath();
    Path work = Path.of(args[1]).toAbsolutePath();
    int calls = args.length > 2 ? Integer.parseInt(args[2]) : 1_000_000;
    Path store = work.resolve("store-" + calls);
    Path projectDir = store.resolve("bench").resolve("serve");
    deleteTree(store.resolve("bench").resolve("ingest")); // calls the last run's ingest added
    if (!Files.isDirectory(projectDir)) {
      long t = System.nanoTime();
      generate(projectDir, calls);
      System.out.printf(
          Locale.ROOT,
          "generated %,d calls in %.1f s (%,d MB)%n",
          calls,
          (System.nanoTime() - t) / 1e9,
          Files.size(projectDir.resolve("0-bench.jsonl")) >> 20);
    }
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-Xmx4g");
    String extra = System.getProperty("bench.serveJvmArgs", "");
    if (!extra.isBlank()) {
      cmd.addAll(Arrays.asList(extra.trim().split("\\s+")));
    }
    cmd.addAll(
        List.of("-jar", agent.toString(), "serve", "--port", "0", "--dir", store.toString()));
    Process serve = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    try {
      long t = System.nanoTime();
      java.io.BufferedReader lines =
          new java.io.BufferedReader(
              new java.io.InputStreamReader(serve.getInputStream(), StandardCharsets.UTF_8));
      String url = lines.readLine().trim();
      while (!url.startsWith("http")) {
        url = lines.readLine().trim(); // e.g. JVM notices before the URL
      }
      System.out.printf(
          Locale.ROOT, "serve listening in %.1f s at %s%n", (System.nanoTime() - t) / 1e9, url);
      t = System.nanoTime();
      post(
          HttpClient.newHttpClient(),
          url,
          new String[] {"/calls/query_stats", "{\"project_id\":\"" + PROJECT + "\"}"});
      System.out.printf(
          Locale.ROOT,
          "first request (indexes the project) answered in %.1f s%n",
          (System.nanoTime() - t) / 1e9);
      measure(url, calls);
    } finally {
      serve.destroy();
      serve.waitFor(10, TimeUnit.SECONDS);
    }
  }

  private static void deleteTree(Path dir) throws IOException {
    if (Files.isDirectory(dir)) {
      try (var files = Files.walk(dir)) {
        for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
          Files.delete(p);
        }
      }
    }
  }

  /** Every trace: root Agent.run, two Llm.chat, Tool.search with a child Http.get. */
  static void generate(Path projectDir, int calls) throws IOException {
    Files.createDirectories(projectDir);
    try (OutputStream out =
        new BufferedOutputStream(
            Files.newOutputStream(projectDir.resolve("0-bench.jsonl")), 1 << 20)) {
      int traces = calls / 5;
      String[] ops = {"Agent.run", "Llm.chat", "Llm.chat", "Tool.search", "Http.get"};
      for (int t = 0; t < traces; t++) {
        String trace = id(t, 9);
        for (int k = 0; k < 5; k++) {
          String id = id(t, k);
          String parent = k == 0 ? null : k == 4 ? id(t, 3) : id(t, 0);
          long micros = (T0 + t) * 1_000_000L + k * 1000L;
          StringBuilder s = new StringBuilder(400);
          s.append("{\"mode\":\"start\",\"req\":{\"start\":{\"project_id\":\"")
              .append(PROJECT)
              .append("\",\"id\":\"")
              .append(id)
              .append("\",\"trace_id\":\"")
              .append(trace)
              .append("\",\"parent_id\":")
              .append(parent == null ? "null" : "\"" + parent + "\"")
              .append(",\"op_name\":\"")
              .append(ops[k])
              .append('"');
          if (k == 0 && t % 10 == 0) {
            s.append(",\"display_name\":\"nightly-").append(t).append('"');
          }
          s.append(",\"started_at\":\"")
              .append(iso(micros))
              .append("\",\"attributes\":{\"env\":\"")
              .append(t % 3 == 0 ? "prod" : "dev")
              .append("\"},\"inputs\":{\"question\":\"question number ")
              .append(t)
              .append("\",\"n\":")
              .append(t % 1000)
              .append("}}}}\n");
          s.append("{\"mode\":\"end\",\"req\":{\"end\":{\"project_id\":\"")
              .append(PROJECT)
              .append("\",\"id\":\"")
              .append(id)
              .append("\",\"ended_at\":\"")
              .append(iso(micros + 500))
              .append("\",\"output\":\"answer ")
              .append(t)
              .append("\",\"summary\":{");
          if (k == 1 || k == 2) {
            s.append("\"usage\":{\"gpt-4o\":{\"requests\":1,\"total_tokens\":")
                .append(t % 5000)
                .append("}},");
          }
          s.append("\"status_counts\":{\"success\":1,\"error\":0}}}}}\n");
          out.write(s.toString().getBytes(StandardCharsets.UTF_8));
        }
      }
    }
  }

  static String id(int trace, int k) {
    return String.format(Locale.ROOT, "%08x-0000-7000-8000-%012x", trace, k);
  }

  private static String iso(long micros) {
    Instant i = Instant.ofEpochSecond(micros / 1_000_000, (micros % 1_000_000) * 1000);
    String s = i.toString();
    // always six fraction digits, as the agent writes
    int dot = s.indexOf('.');
    String frac =
        dot < 0 ? "000000" : (s.substring(dot + 1, s.length() - 1) + "000000").substring(0, 6);
    return (dot < 0 ? s.substring(0, s.length() - 1) : s.substring(0, dot)) + "." + frac + "Z";
  }

  private static void measure(String url, int calls) throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    int lastTrace = calls / 5 - 1;
    String p = "\"project_id\":\"" + PROJECT + "\"";
    Map<String, String[]> requests = new LinkedHashMap<>();
    requests.put(
        "100 newest roots (trace_roots_only, started_at desc)",
        new String[] {
          "/calls/stream_query",
          "{"
              + p
              + ",\"filter\":{\"trace_roots_only\":true},"
              + "\"sort_by\":[{\"field\":\"started_at\",\"direction\":\"desc\"}],\"limit\":100}"
        });
    requests.put(
        "100 oldest Http.get (op_names)",
        new String[] {
          "/calls/stream_query",
          "{" + p + ",\"filter\":{\"op_names\":[\"Http.get\"]},\"limit\":100}"
        });
    requests.put(
        "one trace (trace_ids)",
        new String[] {
          "/calls/stream_query",
          "{" + p + ",\"filter\":{\"trace_ids\":[\"" + id(lastTrace / 2, 9) + "\"]}}"
        });
    requests.put(
        "children (parent_ids)",
        new String[] {
          "/calls/stream_query",
          "{" + p + ",\"filter\":{\"parent_ids\":[\"" + id(lastTrace / 3, 0) + "\"]}}"
        });
    requests.put(
        "call/read",
        new String[] {"/call/read", "{" + p + ",\"id\":\"" + id(lastTrace / 4, 2) + "\"}"});
    requests.put(
        "count roots (query_stats)",
        new String[] {"/calls/query_stats", "{" + p + ",\"filter\":{\"trace_roots_only\":true}}"});
    requests.put(
        "count display_name contains (indexed field, full scan)",
        new String[] {
          "/calls/query_stats",
          "{"
              + p
              + ",\"query\":{\"$expr\":{\"$contains\":{\"input\":{\"$getField\":\"display_name\"},"
              + "\"substr\":{\"$literal\":\"NIGHTLY-99\"},\"case_insensitive\":true}}}}"
        });
    requests.put(
        "100 newest with inputs.n > 990 (body field, stops early)",
        new String[] {
          "/calls/stream_query",
          "{"
              + p
              + ",\"query\":{\"$expr\":{\"$gt\":[{\"$getField\":\"inputs.n\"},{\"$literal\":990}]}},"
              + "\"sort_by\":[{\"field\":\"started_at\",\"direction\":\"desc\"}],\"limit\":100}"
        });
    requests.put(
        "count roots with inputs.n > 990 (body field, full scan of roots)",
        new String[] {
          "/calls/query_stats",
          "{"
              + p
              + ",\"filter\":{\"trace_roots_only\":true},"
              + "\"query\":{\"$expr\":{\"$gt\":[{\"$getField\":\"inputs.n\"},{\"$literal\":990}]}}}"
        });
    requests.put(
        "count all with attributes.env = prod (body field, full scan)",
        new String[] {
          "/calls/query_stats",
          "{"
              + p
              + ",\"query\":{\"$expr\":{\"$eq\":[{\"$getField\":\"attributes.env\"},{\"$literal\":\"prod\"}]}}}"
        });
    requests.put(
        "10 Llm.chat with most tokens (sort by body field, full scan)",
        new String[] {
          "/calls/stream_query",
          "{"
              + p
              + ",\"filter\":{\"op_names\":[\"Llm.chat\"]},"
              + "\"sort_by\":[{\"field\":\"summary.usage.gpt-4o.total_tokens\","
              + "\"direction\":\"desc\"}],\"limit\":10}"
        });
    System.out.printf(
        Locale.ROOT, "%-66s %10s %10s%n", "request (" + calls + " calls)", "median ms", "max ms");
    for (Map.Entry<String, String[]> r : requests.entrySet()) {
      boolean heavy = r.getKey().contains("full scan");
      int runs = heavy ? 3 : 5;
      double[] ms = new double[runs];
      post(http, url, r.getValue()); // warm-up
      String body = "";
      for (int i = 0; i < runs; i++) {
        long t = System.nanoTime();
        body = post(http, url, r.getValue());
        ms[i] = (System.nanoTime() - t) / 1e6;
      }
      Arrays.sort(ms);
      System.out.printf(
          Locale.ROOT,
          "%-66s %10.1f %10.1f   (%s)%n",
          r.getKey(),
          ms[runs / 2],
          ms[runs - 1],
          summarize(body));
    }
    viewerFirstPage(http, url, p);
    int rounds = Integer.getInteger("bench.ingestRounds", 1);
    for (int r = 0; r < rounds; r++) {
      ingest(http, url, r); // later rounds: a warmed-up server
    }
  }

  /**
   * The two requests the viewer's Calls page sends when it opens (a page of the 50 newest roots,
   * with its columns and costs, and their count), sent at once as the page sends them: the time
   * until both have answered, median of 5 after a warm-up.
   */
  private static void viewerFirstPage(HttpClient http, String url, String p) throws Exception {
    String[] page = {
      "/calls/stream_query",
      "{"
          + p
          + ",\"filter\":{\"trace_roots_only\":true},"
          + "\"sort_by\":[{\"field\":\"started_at\",\"direction\":\"desc\"}],\"limit\":50,"
          + "\"offset\":0,\"include_costs\":true,\"columns\":[\"id\",\"trace_id\",\"parent_id\","
          + "\"op_name\",\"display_name\",\"started_at\",\"ended_at\",\"summary\",\"exception\","
          + "\"thread_id\"]}"
    };
    String[] count = {"/calls/query_stats", "{" + p + ",\"filter\":{\"trace_roots_only\":true}}"};
    double[] ms = new double[5];
    String body = "";
    for (int i = -1; i < ms.length; i++) {
      long t = System.nanoTime();
      var a = http.sendAsync(request(url, page), HttpResponse.BodyHandlers.ofString());
      var b = http.sendAsync(request(url, count), HttpResponse.BodyHandlers.ofString());
      body = ok(page, a.join());
      ok(count, b.join());
      if (i >= 0) {
        ms[i] = (System.nanoTime() - t) / 1e6;
      }
    }
    Arrays.sort(ms);
    System.out.printf(
        Locale.ROOT,
        "%-66s %10.1f %10.1f   (%s)%n",
        "viewer Calls page, first page (50 roots + count, together)",
        ms[2],
        ms[4],
        summarize(body));
  }

  private static HttpRequest request(String url, String[] r) {
    return HttpRequest.newBuilder(URI.create(url + r[0]))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(r[1]))
        .build();
  }

  private static String summarize(String body) {
    long lines = body.lines().filter(l -> !l.isBlank()).count();
    return body.startsWith("{\"count\"")
        ? body.trim()
        : lines + " line(s), " + body.length() + " bytes";
  }

  /** Calls per second through /call/upsert_batch, batches of 1000 calls (start and end). */
  private static void ingest(HttpClient http, String url, int round) throws Exception {
    int batches = 50;
    List<String> bodies = new ArrayList<>();
    for (int b = 0; b < batches; b++) {
      StringBuilder s = new StringBuilder("{\"batch\":[");
      for (int i = 0; i < 1000; i++) {
        String id = String.format(Locale.ROOT, "ff%02x%04x-0000-7000-8000-%012x", round, b, i);
        long micros = (T0 + 10_000_000L) * 1_000_000L + b * 1000L + i;
        if (i > 0) {
          s.append(',');
        }
        s.append(
                "{\"mode\":\"start\",\"req\":{\"start\":{\"project_id\":\"bench/ingest\",\"id\":\"")
            .append(id)
            .append("\",\"trace_id\":\"")
            .append(id)
            .append("\",\"op_name\":\"Ingest.op\",\"started_at\":\"")
            .append(iso(micros))
            .append("\",\"attributes\":{},\"inputs\":{\"i\":")
            .append(i)
            .append(
                "}}}},{\"mode\":\"end\",\"req\":{\"end\":{\"project_id\":\"bench/ingest\",\"id\":\"")
            .append(id)
            .append("\",\"ended_at\":\"")
            .append(iso(micros + 10))
            .append("\",\"output\":")
            .append(i)
            .append(",\"summary\":{}}}}");
      }
      bodies.add(s.append("]}").toString());
    }
    long t = System.nanoTime();
    for (String body : bodies) {
      post(http, url, new String[] {"/call/upsert_batch", body});
    }
    double s = (System.nanoTime() - t) / 1e9;
    System.out.printf(
        Locale.ROOT,
        "ingest: %,d calls in %d upsert_batch requests (one client thread): %.2f s, %,.0f calls/s%n",
        batches * 1000,
        batches,
        s,
        batches * 1000 / s);
  }

  private static String post(HttpClient http, String url, String[] req) throws Exception {
    return ok(req, http.send(request(url, req), HttpResponse.BodyHandlers.ofString()));
  }

  private static String ok(String[] req, HttpResponse<String> res) {
    if (res.statusCode() != 200) {
      throw new IllegalStateException(req[0] + " -> " + res.statusCode() + ": " + res.body());
    }
    return res.body();
  }
}
