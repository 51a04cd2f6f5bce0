package dev.weave4j.it.spring;

import dev.weave4j.it.harness.AgentJvm;
import dev.weave4j.it.harness.ItEnv;
import dev.weave4j.it.harness.JvmRun;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Spring Boot executable jar started as users start it ({@code java [-javaagent:…] -jar
 * app.jar}), on a free port it reports in its log, stopped as a service manager stops it (SIGTERM:
 * Spring's and the agent's shutdown hooks run).
 */
final class BootAppProcess implements AutoCloseable {

  private static final Pattern PORT = Pattern.compile("started on port (\\d+)");
  private static final Pattern STARTED = Pattern.compile("Started \\S+ in ");
  private static final Duration START_TIMEOUT = Duration.ofSeconds(120);

  private final List<String> command;
  private final Path workDir;
  private final Path localDir;
  private final Path out;
  private final Path err;
  private final Process process;
  private final int port;
  private final HttpClient http = HttpClient.newHttpClient();

  private BootAppProcess(List<String> command, Path workDir) throws IOException {
    this.command = command;
    this.workDir = workDir;
    this.localDir = workDir.resolve(".weave");
    this.out = workDir.resolve("stdout.txt");
    this.err = workDir.resolve("stderr.txt");
    ProcessBuilder pb =
        new ProcessBuilder(command)
            .directory(workDir.toFile())
            .redirectOutput(out.toFile())
            .redirectError(err.toFile());
    this.process = AgentJvm.hermetic(pb).start();
    this.port = awaitPort();
  }

  /**
   * Starts {@code jar} with the packaged agent (unless {@code agent} is false) and {@code args}.
   */
  static BootAppProcess start(Path jar, boolean agent, String... args) {
    try {
      Path workDir =
          Files.createTempDirectory(ItEnv.runsDir(), "boot-" + jar.getFileName() + "-")
              .toRealPath();
      List<String> cmd = new ArrayList<>();
      cmd.add(ItEnv.java().toString());
      if (agent) {
        cmd.add("-javaagent:" + ItEnv.agentJar());
      }
      cmd.add("-Dweave.local_dir=" + workDir.resolve(".weave"));
      cmd.add("-Dweave.project=" + AgentJvm.PROJECT);
      cmd.add("-Dweave.print_call_link=false");
      cmd.add("-jar");
      cmd.add(jar.toString());
      cmd.addAll(List.of(args));
      return new BootAppProcess(cmd, workDir);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The fixture jar built by the module {@code integration-tests/fixtures/<module>}. */
  static Path fixtureJar(String module) {
    Path jar = Path.of("fixtures", module, "target", module + ".jar").toAbsolutePath().normalize();
    if (!Files.isRegularFile(jar)) {
      throw new AssertionError("fixture app not built: " + jar + " (run through `mvn verify`)");
    }
    return jar;
  }

  private int awaitPort() throws IOException {
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      String log = Files.readString(out, StandardCharsets.UTF_8);
      Matcher port = PORT.matcher(log);
      if (port.find() && STARTED.matcher(log).find()) {
        return Integer.parseInt(port.group(1));
      }
      if (!process.isAlive()) {
        throw new AssertionError("app exited before it started\n" + describe());
      }
      sleep();
    }
    process.destroyForcibly();
    throw new AssertionError("app did not start within " + START_TIMEOUT + "\n" + describe());
  }

  /** GETs {@code path} from the app and returns the body; fails on a status other than 200. */
  String get(String path) {
    try {
      HttpResponse<String> response =
          http.send(
              HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                  .timeout(Duration.ofSeconds(60))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200) {
        throw new AssertionError(
            "GET " + path + ": " + response.statusCode() + " " + response.body() + describe());
      }
      return response.body();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  /** Stops the app (SIGTERM) and returns the finished run, whose local store can be read. */
  JvmRun stop() {
    try {
      process.destroy();
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        throw new AssertionError("app did not stop on SIGTERM\n" + describe());
      }
      return new JvmRun(
          command,
          process.exitValue(),
          Files.readString(out, StandardCharsets.UTF_8),
          Files.readString(err, StandardCharsets.UTF_8),
          workDir,
          localDir,
          Map.of(),
          Duration.ZERO);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  @Override
  public void close() {
    if (process.isAlive()) {
      process.destroyForcibly();
    }
  }

  private String describe() {
    try {
      return "\ncommand: "
          + command
          + "\nstdout:\n"
          + Files.readString(out, StandardCharsets.UTF_8)
          + "\nstderr:\n"
          + Files.readString(err, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "\ncommand: " + command + " (output unreadable: " + e + ")";
    }
  }

  private static void sleep() {
    try {
      Thread.sleep(100);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }
}
