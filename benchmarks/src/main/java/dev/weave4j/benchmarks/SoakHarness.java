package dev.weave4j.benchmarks;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The soak benchmark (not run by {@code mvn verify} nor {@code run.sh}): {@link SoakApp} under the
 * agent in remote mode at a steady rate for ten minutes against a {@code serve} that is killed and
 * started again on the same port every minute. It samples the app's used heap (printed by the app)
 * and the spool on disk every five seconds; at the end, after the app's exit flush (and a {@code
 * sync} of what is left in the spool, as a user would), it counts every call in serve's store: each
 * must be there exactly once.
 *
 * <pre>
 * mvn -B -q -pl benchmarks -am package -DskipTests
 * java -cp "benchmarks/target/classes:$(cat benchmarks/target/classpath.txt)" \
 *   dev.weave4j.benchmarks.SoakHarness agent/target/weave-agent.jar [minutes] [roots/s] [restart s]
 * </pre>
 */
public final class SoakHarness {

  private static final String KEY = "soak-key";
  private static final String PROJECT = "bench/soak";
  private static final Pattern START_ID =
      Pattern.compile(
          "^\\{\"mode\":\"start\",\"req\":\\{\"start\":\\{\"project_id\":\"[^\"]*\",\"id\":\"([^\"]+)\"");

  private SoakHarness() {}

  public static void main(String[] args) throws Exception {
    Path agent = Path.of(args[0]).toAbsolutePath();
    long minutes = args.length > 1 ? Long.parseLong(args[1]) : 10;
    long rate = args.length > 2 ? Long.parseLong(args[2]) : 500;
    long restartSeconds = args.length > 3 ? Long.parseLong(args[3]) : 60;
    Path work = Files.createTempDirectory("weave4j-soak");
    Path store = work.resolve("store");
    Path localDir = work.resolve("local");
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    int port;
    try (ServerSocket probe = new ServerSocket(0)) {
      port = probe.getLocalPort();
    }
    String url = "http://127.0.0.1:" + port;
    List<String> serveCmd =
        List.of(
            java.toString(),
            "-jar",
            agent.toString(),
            "serve",
            "--port",
            Integer.toString(port),
            "--dir",
            store.toString(),
            "--api-key",
            KEY);
    Process serve = startServe(serveCmd, work);
    Process app =
        new ProcessBuilder(
                java.toString(),
                "-javaagent:" + agent,
                "-Xmx256m",
                "-Dweave.mode=remote",
                "-Dweave.project=" + PROJECT,
                "-Dweave.server_url=" + url,
                "-Dweave.api_key=" + KEY,
                "-Dweave.local_dir=" + localDir,
                "-Dweave.print_call_link=false",
                "-cp",
                System.getProperty("java.class.path"),
                SoakApp.class.getName(),
                Long.toString(minutes * 60),
                Long.toString(rate))
            .redirectError(work.resolve("app.err").toFile())
            .start();
    List<Long> heap = new ArrayList<>();
    long[] made = {-1};
    Thread reader =
        new Thread(
            () -> {
              try (BufferedReader r =
                  new BufferedReader(
                      new InputStreamReader(app.getInputStream(), StandardCharsets.UTF_8))) {
                for (String l = r.readLine(); l != null; l = r.readLine()) {
                  if (l.startsWith("heap ")) {
                    synchronized (heap) {
                      heap.add(Long.parseLong(l.split(" ")[2]));
                    }
                  } else if (l.startsWith("made ")) {
                    made[0] = Long.parseLong(l.substring(5).trim());
                  }
                }
              } catch (IOException e) {
                // the app ended
              }
            });
    reader.start();
    long spoolMax = 0;
    int restarts = 0;
    long started = System.nanoTime();
    long nextRestart = started + TimeUnit.SECONDS.toNanos(restartSeconds);
    while (app.isAlive()) {
      app.waitFor(5, TimeUnit.SECONDS);
      spoolMax = Math.max(spoolMax, bytes(localDir.resolve("spool")));
      if (System.nanoTime() >= nextRestart && app.isAlive()) {
        serve.destroy();
        serve.waitFor(30, TimeUnit.SECONDS);
        serve = startServe(serveCmd, work);
        restarts++;
        nextRestart += TimeUnit.SECONDS.toNanos(restartSeconds);
      }
    }
    reader.join();
    long leftInSpool = bytes(localDir.resolve("spool"));
    int syncExit = -1;
    if (leftInSpool > 0) {
      ProcessBuilder sync =
          new ProcessBuilder(
                  java.toString(),
                  "-jar",
                  agent.toString(),
                  "sync",
                  "--dir",
                  localDir.resolve("spool").toString(),
                  "--project",
                  PROJECT,
                  "--server",
                  url)
              .redirectErrorStream(true)
              .redirectOutput(work.resolve("sync.out").toFile());
      sync.environment().put("WANDB_API_KEY", KEY); // sync reads the key as users give it
      syncExit = sync.start().waitFor();
    }
    serve.destroy();
    serve.waitFor(30, TimeUnit.SECONDS);
    Map<String, Integer> arrivals = startsById(store);
    long once = arrivals.values().stream().filter(n -> n == 1).count();
    long more = arrivals.values().stream().filter(n -> n > 1).count();
    long expected = 2 * made[0];
    long heapMax;
    synchronized (heap) {
      heapMax = heap.stream().mapToLong(Long::longValue).max().orElse(0);
    }
    System.out.printf(
        "| soak | %d min at %d roots/s (2 calls each), serve restarted every %d s (%d times) |%n",
        minutes, rate, restartSeconds, restarts);
    System.out.printf("| calls made | %d |%n", expected);
    System.out.printf(
        "| calls in serve's store | %d (exactly once: %d, more than once: %d, missing: %d) |%n",
        arrivals.size(), once, more, expected - arrivals.size());
    System.out.printf(
        "| app used heap, max of %d samples | %.1f MB |%n", heap.size(), heapMax / 1e6);
    System.out.printf("| spool on disk, max | %.1f MB |%n", spoolMax / 1e6);
    System.out.printf(
        "| left in the spool at exit | %d bytes%s |%n",
        leftInSpool, leftInSpool > 0 ? " (then `sync`, exit " + syncExit + ")" : "");
    System.out.println("work folder: " + work);
    if (once != expected || more != 0) {
      System.exit(1);
    }
  }

  private static Process startServe(List<String> cmd, Path work) throws IOException {
    Process p =
        new ProcessBuilder(cmd)
            .redirectError(ProcessBuilder.Redirect.appendTo(work.resolve("serve.err").toFile()))
            .start();
    BufferedReader out =
        new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
    for (String l = out.readLine(); l != null; l = out.readLine()) {
      if (l.trim().startsWith("http")) {
        Thread drain =
            new Thread(
                () -> {
                  try {
                    while (out.readLine() != null) {
                      // keep serve's stdout from filling up
                    }
                  } catch (IOException e) {
                    // serve ended
                  }
                });
        drain.setDaemon(true);
        drain.start();
        return p;
      }
    }
    throw new IllegalStateException("serve printed no URL; see " + work.resolve("serve.err"));
  }

  private static long bytes(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      return 0;
    }
    try (Stream<Path> files = Files.walk(dir)) {
      long n = 0;
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        try {
          n += Files.size(f);
        } catch (IOException e) {
          // replayed and deleted meanwhile
        }
      }
      return n;
    }
  }

  private static Map<String, Integer> startsById(Path store) throws IOException {
    Map<String, Integer> out = new HashMap<>();
    try (Stream<Path> files = Files.walk(store)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".jsonl")).toList()) {
        try (Stream<String> lines = Files.lines(f)) {
          lines.forEach(
              l -> {
                Matcher m = START_ID.matcher(l);
                if (m.find()) {
                  out.merge(m.group(1), 1, Integer::sum);
                }
              });
        }
      }
    }
    return out;
  }
}
