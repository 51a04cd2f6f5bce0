package dev.weave4j.it.harness;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * {@code java -jar weave-agent.jar serve --port 0 --dir <workDir>/store [flags]} as a real process,
 * in its own working directory under {@code target/it-runs/}: started, waited for until it prints
 * its URL, and killed by {@link #close()}.
 */
public final class ServeProcess implements AutoCloseable {

  private static final ObjectMapper JSON = new ObjectMapper();

  private static final Duration STARTUP = Duration.ofSeconds(60);

  private final Process process;
  private final Path workDir;
  private final Path storeDir;
  private final String url;

  private ServeProcess(Process process, Path workDir, Path storeDir, String url) {
    this.process = process;
    this.workDir = workDir;
    this.storeDir = storeDir;
    this.url = url;
  }

  /** Starts {@code serve} on a free port with {@code flags} and waits for its URL. */
  public static ServeProcess start(String... flags) {
    return start(List.of(), flags);
  }

  /** The same in a JVM started with {@code jvmOptions} (e.g. {@code -Xmx64m}). */
  public static ServeProcess start(List<String> jvmOptions, String... flags) {
    Path workDir;
    try {
      workDir = Files.createTempDirectory(ItEnv.runsDir(), "serve-").toRealPath();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Path store = workDir.resolve("store");
    List<String> cmd = new ArrayList<>();
    cmd.add(ItEnv.java().toString());
    cmd.addAll(jvmOptions);
    cmd.add("-jar");
    cmd.add(ItEnv.agentJar().toString());
    cmd.add("serve");
    cmd.add("--port");
    cmd.add("0");
    cmd.add("--dir");
    cmd.add(store.toString());
    cmd.addAll(List.of(flags));
    Path out = workDir.resolve("stdout-serve.txt");
    Path err = workDir.resolve("stderr-serve.txt");
    ProcessBuilder pb =
        new ProcessBuilder(cmd)
            .directory(workDir.toFile())
            .redirectOutput(out.toFile())
            .redirectError(err.toFile());
    pb.environment()
        .keySet()
        .removeIf(k -> k.startsWith("WEAVE_") || k.startsWith("WANDB_") || k.startsWith("WF_"));
    pb.environment().remove("JAVA_TOOL_OPTIONS");
    pb.environment().remove("JDK_JAVA_OPTIONS");
    Process p;
    try {
      p = pb.start();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + cmd, e);
    }
    long deadline = System.nanoTime() + STARTUP.toNanos();
    while (System.nanoTime() < deadline) {
      String text = read(out);
      int nl = text.indexOf('\n');
      if (nl > 0) {
        return new ServeProcess(p, workDir, store, text.substring(0, nl).trim());
      }
      if (!p.isAlive()) {
        throw new AssertionError(
            "serve exited with " + p.exitValue() + " before printing its URL\n" + read(err));
      }
      sleep(50);
    }
    p.destroyForcibly();
    throw new AssertionError("serve printed no URL within " + STARTUP + "\n" + read(err));
  }

  /** The server's base URL, e.g. {@code http://127.0.0.1:41234}. */
  public String url() {
    return url;
  }

  /** The store folder it serves ({@code <dir>} with {@code <entity>/<project>/} inside). */
  public Path storeDir() {
    return storeDir;
  }

  /**
   * What arrived for {@code project} ({@code entity/name}), read from the store files serve wrote:
   * for each call id, how many {@code mode} lines ({@code start} or {@code end}) it has. A call
   * sent twice shows up as 2 here even though queries merge it.
   */
  public Map<String, Integer> arrivals(String project, String mode) {
    Map<String, Integer> counts = new HashMap<>();
    for (JsonNode line : records(project)) {
      if (mode.equals(line.path("mode").asText())) {
        counts.merge(line.path("req").path(mode).path("id").asText(), 1, Integer::sum);
      }
    }
    return counts;
  }

  /** Every line of {@code project}'s store files, parsed. */
  public List<JsonNode> records(String project) {
    Path dir = storeDir.resolve(project);
    List<JsonNode> out = new ArrayList<>();
    if (!Files.isDirectory(dir)) {
      return out;
    }
    try (Stream<Path> files = Files.list(dir)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".jsonl")).sorted().toList()) {
        for (String line : Files.readAllLines(f, StandardCharsets.UTF_8)) {
          if (!line.isBlank()) {
            out.add(JSON.readTree(line));
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  /** Its working directory (for files a test makes beside the store). */
  public Path workDir() {
    return workDir;
  }

  /** What it wrote to stderr so far. */
  public String stderr() {
    return read(workDir.resolve("stderr-serve.txt"));
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
  }

  private static String read(Path file) {
    try {
      return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
    } catch (IOException e) {
      return "";
    }
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }
}
