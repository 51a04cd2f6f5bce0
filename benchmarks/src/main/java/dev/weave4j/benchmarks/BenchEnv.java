package dev.weave4j.benchmarks;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** What every harness needs: the agent jars, the JVM to start, the class path, a work folder. */
public record BenchEnv(
    Path weaveAgent, Path otelAgent, Path java, String classPath, Path workDir, boolean smoke) {

  /** Checks that the jars exist. */
  public BenchEnv {
    for (Path jar : List.of(weaveAgent, otelAgent)) {
      if (!Files.isRegularFile(jar)) {
        throw new IllegalArgumentException(
            "missing " + jar + " (build it first: benchmarks/run.sh)");
      }
    }
  }

  /** The JVM of this process, and its class path. */
  public static BenchEnv of(Path weaveAgent, Path otelAgent, Path workDir, boolean smoke) {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    return new BenchEnv(
        weaveAgent.toAbsolutePath(),
        otelAgent.toAbsolutePath(),
        java,
        absolute(System.getProperty("java.class.path")),
        workDir.toAbsolutePath(),
        smoke);
  }

  private static String absolute(String classPath) {
    List<String> parts = new ArrayList<>();
    for (String p : classPath.split(File.pathSeparator)) {
      if (!p.isEmpty()) {
        parts.add(Path.of(p).toAbsolutePath().toString());
      }
    }
    return String.join(File.pathSeparator, parts);
  }

  /** The configurations compared side by side. */
  public enum Config {
    /** No agent: the baseline. */
    NONE("no agent"),
    /** The weave4j agent writing to a local store in the work folder. */
    WEAVE4J("weave4j"),
    /** The OpenTelemetry Java agent with {@code @WithSpan} and its exporters off. */
    OTEL("OTel @WithSpan"),
    /** The weave4j agent with {@code weave.disabled=true}. */
    WEAVE4J_DISABLED("weave4j disabled");

    private final String label;

    Config(String label) {
      this.label = label;
    }

    /** The column title. */
    public String label() {
      return label;
    }

    /** The folder name of this configuration. */
    public String id() {
      return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
  }

  /** The JVM arguments that select {@code config}; weave4j's local store goes under {@code tag}. */
  public List<String> agentArgs(Config config, String tag) {
    List<String> args = new ArrayList<>();
    switch (config) {
      case NONE -> {}
      case WEAVE4J -> {
        args.add("-javaagent:" + weaveAgent);
        args.add("-Dweave.local_dir=" + localDir(tag));
        args.add("-Dweave.print_call_link=false");
      }
      case OTEL -> {
        args.add("-javaagent:" + otelAgent);
        args.add("-Dotel.traces.exporter=none");
        args.add("-Dotel.metrics.exporter=none");
        args.add("-Dotel.logs.exporter=none");
      }
      case WEAVE4J_DISABLED -> {
        args.add("-javaagent:" + weaveAgent);
        args.add("-Dweave.disabled=true");
        args.add("-Dweave.local_dir=" + localDir(tag));
      }
    }
    return args;
  }

  /** weave4j's {@code weave.local_dir} for the runs tagged {@code tag}. */
  public Path localDir(String tag) {
    return workDir.resolve("weave-local").resolve(tag);
  }

  /** Lines of every {@code *.jsonl} file under {@code dir} (the records weave4j wrote). */
  public static long jsonlLines(Path dir) {
    if (!Files.isDirectory(dir)) {
      return 0;
    }
    try (var files = Files.walk(dir)) {
      return files
          .filter(p -> p.toString().endsWith(".jsonl"))
          .mapToLong(
              p -> {
                try (var lines = Files.lines(p)) {
                  return lines.count();
                } catch (IOException | UncheckedIOException e) {
                  return 0;
                }
              })
          .sum();
    } catch (IOException e) {
      return 0;
    }
  }
}
