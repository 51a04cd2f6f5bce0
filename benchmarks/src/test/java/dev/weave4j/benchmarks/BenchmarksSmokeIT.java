package dev.weave4j.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * One short iteration of every harness ({@code RunAll --smoke}) against the packaged agent, in its
 * own JVM with the same class path as {@code benchmarks/run.sh}. Asserts that everything ran and
 * the report was written, never anything about time.
 */
class BenchmarksSmokeIT {

  @Test
  void everyHarnessRunsOnceAndWritesTheReport() throws Exception {
    Path work = Path.of(System.getProperty("bench.workDir"));
    Path out = work.resolve("RESULTS.md");
    Files.createDirectories(work);
    Files.deleteIfExists(out);
    String classPath =
        System.getProperty("bench.classes")
            + File.pathSeparator
            + Files.readString(Path.of(System.getProperty("bench.classpathFile"))).trim();
    Path log = work.resolve("smoke.log");
    // JMH locks <java.io.tmpdir>/jmh.lock: a temporary folder of our own keeps any other JMH run on
    // the machine (another build, a benchmark) from failing this one.
    Path tmp = Files.createDirectories(work.resolve("tmp"));
    Process p =
        new ProcessBuilder(
                List.of(
                    Path.of(System.getProperty("bench.javaHome"), "bin", "java").toString(),
                    "-Djava.io.tmpdir=" + tmp,
                    "-cp",
                    classPath,
                    RunAll.class.getName(),
                    "--smoke",
                    "--agent",
                    System.getProperty("bench.agentJar"),
                    "--otel",
                    System.getProperty("bench.otelJar"),
                    "--work",
                    work.toString(),
                    "--out",
                    out.toString()))
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    boolean exited = p.waitFor(5, TimeUnit.MINUTES);
    if (!exited) {
      p.destroyForcibly();
    }
    assertThat(exited).as("smoke run finished; log: %s", log).isTrue();
    assertThat(p.exitValue()).as("exit status; log:%n%s", Files.readString(log)).isZero();

    String report = Files.readString(out);
    assertThat(report)
        .contains(
            "| small arguments, flat out",
            "| small arguments, ~10 µs of other work per call",
            "| 10 KB string + record |",
            "| three-level nested |",
            "| sampled-out",
            "| `Stream`, per element |",
            "| `Iterator`, per element |",
            "`weave.disabled=true`",
            "| weave4j |",
            "| OTel @WithSpan |",
            "sustained calls/s into the local store",
            "heap high-water mark",
            "calls/s into `weave serve` over HTTP",
            "| server down for",
            "| agent jar size |");
  }
}
