package dev.weave4j.benchmarks;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A {@code java -jar weave-agent.jar serve} process on port 0 over its own store folder, for the
 * HTTP export benchmarks: its URL (read from its stdout), and what it holds at the end.
 */
final class ServeProcess implements AutoCloseable {

  static final String API_KEY = "bench-key";

  private final Process process;
  private final String url;
  private final Path dir;

  private ServeProcess(Process process, String url, Path dir) {
    this.process = process;
    this.url = url;
    this.dir = dir;
  }

  /** Starts serve on an empty {@code dir}; with {@code downForMillis} > 0, it answers after it. */
  static ServeProcess start(BenchEnv env, Path dir, long downForMillis, Path log)
      throws IOException {
    deleteTree(dir);
    Files.createDirectories(dir);
    List<String> cmd = new ArrayList<>();
    cmd.add(env.java().toString());
    cmd.add("-XX:+UseG1GC");
    cmd.addAll(
        List.of(
            "-jar",
            env.weaveAgent().toString(),
            "serve",
            "--port",
            "0",
            "--dir",
            dir.toString(),
            "--api-key",
            API_KEY));
    if (downForMillis > 0) {
      cmd.addAll(List.of("--down-for-ms", Long.toString(downForMillis)));
    }
    Process p = new ProcessBuilder(cmd).redirectError(log.toFile()).start();
    BufferedReader out =
        new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
    String line;
    while ((line = out.readLine()) != null) {
      if (line.trim().startsWith("http")) {
        return new ServeProcess(p, line.trim(), dir);
      }
    }
    p.destroyForcibly();
    throw new IllegalStateException("serve printed no URL; see " + log);
  }

  String url() {
    return url;
  }

  /** The agent's JVM arguments to export to this server in remote mode. */
  List<String> agentArgs(Path agent, Path localDir) {
    return List.of(
        "-javaagent:" + agent,
        "-Dweave.mode=remote",
        "-Dweave.project=" + ExportApp.REMOTE_PROJECT,
        "-Dweave.server_url=" + url,
        "-Dweave.api_key=" + API_KEY,
        "-Dweave.local_dir=" + localDir,
        "-Dweave.print_call_link=false");
  }

  /** Visible calls of the project, as {@code /calls/query_stats} counts them; -1 when down. */
  static long count(String url, String project) {
    try {
      HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
      HttpResponse<String> res =
          http.send(
              HttpRequest.newBuilder(URI.create(url + "/calls/query_stats"))
                  .timeout(Duration.ofSeconds(30))
                  .header("Content-Type", "application/json")
                  .header(
                      "Authorization",
                      "Basic "
                          + Base64.getEncoder()
                              .encodeToString(("api:" + API_KEY).getBytes(StandardCharsets.UTF_8)))
                  .POST(HttpRequest.BodyPublishers.ofString("{\"project_id\":\"" + project + "\"}"))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      if (res.statusCode() != 200) {
        return -1;
      }
      String b = res.body();
      int at = b.indexOf(':');
      return Long.parseLong(b.substring(at + 1, b.indexOf('}')).trim());
    } catch (IOException | RuntimeException e) {
      return -1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    }
  }

  /** Call start lines in the store (a call written twice counts twice). */
  long startLines() throws IOException {
    long n = 0;
    try (var files = Files.walk(dir)) {
      for (Path p : files.filter(f -> f.toString().endsWith(".jsonl")).toList()) {
        try (var lines = Files.lines(p)) {
          n += lines.filter(l -> l.startsWith("{\"mode\":\"start\"")).count();
        }
      }
    }
    return n;
  }

  static void deleteTree(Path dir) throws IOException {
    if (Files.isDirectory(dir)) {
      try (var files = Files.walk(dir)) {
        for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
          Files.delete(p);
        }
      }
    }
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(20, TimeUnit.SECONDS)) {
      process.destroyForcibly();
    }
  }
}
