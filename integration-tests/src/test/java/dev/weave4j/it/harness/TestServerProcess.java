package dev.weave4j.it.harness;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.weave4j.it.testserver.TestTraceServerMain;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The test trace server ({@link TestTraceServerMain}) running in its own JVM; what it received is
 * read back from its log, which survives restarts on the same port.
 */
public final class TestServerProcess implements AutoCloseable {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path dir;
  private final Path log;
  private Process process;
  private int port;

  private TestServerProcess(Path dir) {
    this.dir = dir;
    this.log = dir.resolve("received.jsonl");
  }

  /** Starts a server on any free port with the given fault arguments. */
  public static TestServerProcess start(String... args) {
    try {
      Path dir = Files.createTempDirectory(ItEnv.runsDir(), "test-server-");
      TestServerProcess s = new TestServerProcess(dir);
      s.launch(0, args);
      return s;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A server not yet running, with a port reserved for it (connections are refused). */
  public static TestServerProcess notStarted() {
    try (java.net.ServerSocket probe = new java.net.ServerSocket(0)) {
      Path dir = Files.createTempDirectory(ItEnv.runsDir(), "test-server-");
      TestServerProcess s = new TestServerProcess(dir);
      s.port = probe.getLocalPort();
      return s;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Starts (again) on this server's port. */
  public TestServerProcess restart(String... args) {
    stop();
    launch(port, args);
    return this;
  }

  private void launch(int onPort, String... args) {
    Path portFile = dir.resolve("port-" + System.nanoTime());
    List<String> cmd = new ArrayList<>();
    cmd.add(ItEnv.java().toString());
    cmd.add("-cp");
    cmd.add(ItEnv.appClasspath());
    cmd.add(TestTraceServerMain.class.getName());
    cmd.addAll(List.of("--port-file", portFile.toString(), "--log", log.toString()));
    cmd.addAll(List.of("--port", Integer.toString(onPort)));
    cmd.addAll(List.of(args));
    try {
      process =
          new ProcessBuilder(cmd)
              .redirectOutput(dir.resolve("stdout.txt").toFile())
              .redirectError(dir.resolve("stderr.txt").toFile())
              .start();
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (!Files.exists(portFile)) {
        if (!process.isAlive() || System.nanoTime() > deadline) {
          throw new AssertionError(
              "test server did not start: " + Files.readString(dir.resolve("stderr.txt")));
        }
        Thread.sleep(20);
      }
      port = Integer.parseInt(Files.readString(portFile).trim());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  public String url() {
    return "http://127.0.0.1:" + port;
  }

  /** Stops the server (connections are refused until {@link #restart}). */
  public void stop() {
    if (process != null) {
      process.destroy();
      try {
        process.waitFor(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      process = null;
    }
  }

  /** How often each call id arrived as a start. */
  public Map<String, Integer> starts() {
    return count("start");
  }

  /** How often each call id arrived as an end. */
  public Map<String, Integer> ends() {
    return count("end");
  }

  /** Every received item: {@code mode}, {@code id}, {@code project_id}, {@code op_name}. */
  public List<JsonNode> items() {
    List<JsonNode> items = new ArrayList<>();
    try {
      if (!Files.exists(log)) {
        return items;
      }
      for (String line : Files.readAllLines(log)) {
        if (!line.isBlank()) {
          items.add(JSON.readTree(line));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return items;
  }

  private Map<String, Integer> count(String mode) {
    Map<String, Integer> counts = new HashMap<>();
    for (JsonNode item : items()) {
      if (item.path("mode").asText().equals(mode)) {
        counts.merge(item.path("id").asText(), 1, Integer::sum);
      }
    }
    return counts;
  }

  @Override
  public void close() {
    stop();
  }
}
