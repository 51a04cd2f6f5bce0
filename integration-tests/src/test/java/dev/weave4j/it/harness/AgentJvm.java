package dev.weave4j.it.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Starts a real JVM: an app from {@code dev.weave4j.it.apps} (with or without {@code -javaagent}),
 * or the agent jar's command line. Each run gets a fresh working directory under {@code
 * target/it-runs/} with its own local store ({@code <workDir>/.weave}), so runs never see each
 * other's calls.
 *
 * <p>Both output streams go to files in the working directory (so the child can never block on a
 * full pipe), and a run that does not exit within the timeout is killed and fails with both streams
 * in the message. Instances are immutable: every {@code with...} method returns a copy, so one
 * configured app can be run with and without the agent.
 */
public final class AgentJvm {

  /** Default project of every app run; the store is {@code <local_dir>/local/it}. */
  public static final String PROJECT = "it";

  private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);
  private static final AtomicInteger RUNS = new AtomicInteger();

  private final String mainClass;
  private final List<String> args;
  private final boolean withAgent;
  private final Map<String, String> sysProps;
  private final Map<String, String> env;
  private final List<String> jvmArgs;
  private final Map<String, String> files;
  private final Duration timeout;
  private final String classpath;

  private AgentJvm(
      String mainClass,
      List<String> args,
      boolean withAgent,
      Map<String, String> sysProps,
      Map<String, String> env,
      List<String> jvmArgs,
      Map<String, String> files,
      Duration timeout,
      String classpath) {
    this.mainClass = mainClass;
    this.args = List.copyOf(args);
    this.withAgent = withAgent;
    this.sysProps = new LinkedHashMap<>(sysProps);
    this.env = new LinkedHashMap<>(env);
    this.jvmArgs = List.copyOf(jvmArgs);
    this.files = new LinkedHashMap<>(files);
    this.timeout = timeout;
    this.classpath = classpath;
  }

  /**
   * The app {@code main} with the agent, a fresh local store, project {@value #PROJECT} and no call
   * links printed.
   */
  public static AgentJvm app(Class<?> main, String... args) {
    return app(main.getName(), args);
  }

  /** As {@link #app(Class, String...)}, for a main class not on this JVM's classpath. */
  public static AgentJvm app(String main, String... args) {
    Map<String, String> props = new LinkedHashMap<>();
    props.put("weave.project", PROJECT);
    props.put("weave.print_call_link", "false");
    return new AgentJvm(
        main, List.of(args), true, props, Map.of(), List.of(), Map.of(), DEFAULT_TIMEOUT, null);
  }

  /** The same run without {@code -javaagent}: the reference the agent must not change. */
  public AgentJvm withoutAgent() {
    return new AgentJvm(mainClass, args, false, sysProps, env, jvmArgs, files, timeout, classpath);
  }

  /** Adds or replaces {@code -D<key>=<value>}. */
  public AgentJvm withSysProp(String key, String value) {
    Map<String, String> p = new LinkedHashMap<>(sysProps);
    p.put(key, value);
    return new AgentJvm(mainClass, args, withAgent, p, env, jvmArgs, files, timeout, classpath);
  }

  /** Drops a system property set by default (e.g. {@code weave.project}). */
  public AgentJvm withoutSysProp(String key) {
    Map<String, String> p = new LinkedHashMap<>(sysProps);
    p.remove(key);
    return new AgentJvm(mainClass, args, withAgent, p, env, jvmArgs, files, timeout, classpath);
  }

  /** Sets an environment variable of the child (which inherits none of WEAVE_*, WANDB_*, WF_*). */
  public AgentJvm withEnv(String key, String value) {
    Map<String, String> e = new LinkedHashMap<>(env);
    e.put(key, value);
    return new AgentJvm(
        mainClass, args, withAgent, sysProps, e, jvmArgs, files, timeout, classpath);
  }

  /** Adds JVM options, before the main class. */
  public AgentJvm withJvmArgs(String... more) {
    List<String> a = new ArrayList<>(jvmArgs);
    a.addAll(List.of(more));
    return new AgentJvm(mainClass, args, withAgent, sysProps, env, a, files, timeout, classpath);
  }

  /** Writes a file (path relative to the working directory) before the JVM starts. */
  public AgentJvm withFile(String relativePath, String content) {
    Map<String, String> f = new LinkedHashMap<>(files);
    f.put(relativePath, content);
    return new AgentJvm(mainClass, args, withAgent, sysProps, env, jvmArgs, f, timeout, classpath);
  }

  public AgentJvm withTimeout(Duration t) {
    return new AgentJvm(mainClass, args, withAgent, sysProps, env, jvmArgs, files, t, classpath);
  }

  /** Runs the app with {@code classpath} instead of {@link ItEnv#appClasspath()}. */
  public AgentJvm withClasspath(String cp) {
    return new AgentJvm(mainClass, args, withAgent, sysProps, env, jvmArgs, files, timeout, cp);
  }

  /** Runs the JVM to its end in a fresh working directory. */
  public JvmRun run() {
    Path workDir = newWorkDir(mainClass.substring(mainClass.lastIndexOf('.') + 1));
    Path localDir = workDir.resolve(".weave");
    List<String> cmd = new ArrayList<>();
    cmd.add(ItEnv.java().toString());
    if (withAgent) {
      cmd.add("-javaagent:" + ItEnv.agentJar());
    }
    cmd.add("-Dweave.local_dir=" + localDir);
    sysProps.forEach((k, v) -> cmd.add("-D" + k + "=" + v));
    cmd.addAll(jvmArgs);
    cmd.add("-cp");
    cmd.add(classpath != null ? classpath : ItEnv.appClasspath());
    cmd.add(mainClass);
    cmd.addAll(args);
    files.forEach((name, content) -> write(workDir.resolve(name), content));
    return execute("app", cmd, workDir, localDir, env, timeout);
  }

  /**
   * Runs the agent jar's command line ({@code java -jar weave-agent.jar <args>}) in {@code
   * workDir}.
   */
  static JvmRun runCli(Path workDir, Path localDir, List<String> cliArgs) {
    return runCli(workDir, localDir, cliArgs, Map.of());
  }

  /**
   * Runs the agent jar's command line with environment variables {@code env} (e.g. {@code
   * WANDB_API_KEY} for {@code sync}) in {@code workDir}.
   */
  public static JvmRun runCli(
      Path workDir, Path localDir, List<String> cliArgs, Map<String, String> env) {
    List<String> cmd = new ArrayList<>();
    cmd.add(ItEnv.java().toString());
    cmd.add("-jar");
    cmd.add(ItEnv.agentJar().toString());
    cmd.addAll(cliArgs);
    return execute("cli-" + cliArgs.get(0), cmd, workDir, localDir, env, DEFAULT_TIMEOUT);
  }

  private static JvmRun execute(
      String label,
      List<String> cmd,
      Path workDir,
      Path localDir,
      Map<String, String> env,
      Duration timeout) {
    String tag = RUNS.incrementAndGet() + "-" + label;
    Path out = workDir.resolve("stdout-" + tag + ".txt");
    Path err = workDir.resolve("stderr-" + tag + ".txt");
    ProcessBuilder pb =
        new ProcessBuilder(cmd)
            .directory(workDir.toFile())
            .redirectOutput(out.toFile())
            .redirectError(err.toFile())
            .redirectInput(ProcessBuilder.Redirect.from(nullDevice().toFile()));
    hermetic(pb).environment().putAll(env);
    long started = System.nanoTime();
    Process p;
    try {
      p = pb.start();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + cmd, e);
    }
    boolean exited;
    try {
      exited = p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
      if (!exited) {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      p.destroyForcibly();
      throw new AssertionError("interrupted while waiting for " + cmd, e);
    }
    Duration took = Duration.ofNanos(System.nanoTime() - started);
    JvmRun run =
        new JvmRun(
            cmd, exited ? p.exitValue() : -1, read(out), read(err), workDir, localDir, env, took);
    if (!exited) {
      throw new AssertionError(
          "JVM did not exit within "
              + timeout.toSeconds()
              + " s and was killed\n"
              + run.describe());
    }
    return run;
  }

  /**
   * {@code pb} made hermetic: no Weave configuration nor JVM options leak in from the environment
   * of the build.
   */
  public static ProcessBuilder hermetic(ProcessBuilder pb) {
    pb.environment()
        .keySet()
        .removeIf(k -> k.startsWith("WEAVE_") || k.startsWith("WANDB_") || k.startsWith("WF_"));
    pb.environment().remove("JAVA_TOOL_OPTIONS");
    pb.environment().remove("JDK_JAVA_OPTIONS");
    return pb;
  }

  private static Path nullDevice() {
    return Path.of(System.getProperty("os.name").startsWith("Windows") ? "NUL" : "/dev/null");
  }

  private static Path newWorkDir(String prefix) {
    try {
      return Files.createTempDirectory(ItEnv.runsDir(), prefix + "-").toRealPath();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void write(Path file, String content) {
    try {
      Files.createDirectories(file.getParent());
      Files.writeString(file, content, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String read(Path file) {
    try {
      // Lenient: a JVM may print bytes that are not UTF-8, and the test must still see them.
      return new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
