package dev.weave4j.it.harness;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The outcome of one JVM run: exit code, both output streams, and where its local store is.
 *
 * @param localDir the run's {@code weave.local_dir}
 */
public record JvmRun(
    List<String> command,
    int exitCode,
    String stdout,
    String stderr,
    Path workDir,
    Path localDir,
    Map<String, String> env,
    Duration took) {

  /** Lines of stderr that would report a problem of the agent (or anything else). */
  private static final Pattern PROBLEM =
      Pattern.compile("(?i)\\b(exception|error|warn|warning|severe|fail(ed|ure)?)\\b");

  /**
   * The JVM's own notice when an agent appends to the boot class path. Not counted as a problem of
   * the app run here; {@code StartupIT} asserts separately that the agent adds nothing to stderr.
   */
  public static final String CDS_NOTICE =
      "Sharing is only supported for boot loader classes because bootstrap classpath has been"
          + " appended";

  /** The calls the run wrote to the raw local store of project {@link AgentJvm#PROJECT}. */
  public TraceStore store() {
    return store(AgentJvm.PROJECT);
  }

  /** The calls the run wrote to the raw local store of {@code project} (entity {@code local}). */
  public TraceStore store(String project) {
    return TraceStore.read(localDir.resolve("local").resolve(project), this);
  }

  /** The command line over this run's local store, project {@link AgentJvm#PROJECT}. */
  public WeaveCli cli() {
    return new WeaveCli(this, AgentJvm.PROJECT);
  }

  /** Every file the run wrote under its local dir (empty when it wrote nothing). */
  public List<Path> storeFiles() {
    if (!Files.exists(localDir)) {
      return List.of();
    }
    try (Stream<Path> files = Files.walk(localDir)) {
      return files.filter(Files::isRegularFile).collect(Collectors.toList());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Asserts the exit code, showing the command and both streams when it differs. */
  public JvmRun assertExitCode(int expected) {
    assertThat(exitCode).as("exit code of\n%s", describe()).isEqualTo(expected);
    return this;
  }

  /** Asserts a clean exit: code 0. */
  public JvmRun assertSuccess() {
    return assertExitCode(0);
  }

  /**
   * Asserts that this (agent) run looks exactly like {@code reference} (the same app without the
   * agent) to its user: same exit code and same stdout.
   */
  public JvmRun assertSameAppBehaviourAs(JvmRun reference) {
    assertThat(exitCode)
        .as(
            "exit code with the agent vs without\n%s\n--- without the agent ---\n%s",
            describe(), reference.describe())
        .isEqualTo(reference.exitCode());
    assertThat(stdout)
        .as("stdout with the agent vs without\n%s", describe())
        .isEqualTo(reference.stdout());
    return this;
  }

  /**
   * Asserts that stderr holds nothing that looks like a problem (errors the agent swallowed still
   * have to surface in tests; the reference run's own stderr is allowed).
   */
  public JvmRun assertNoProblemsReported(JvmRun reference) {
    List<String> problems =
        stderr
            .lines()
            .filter(l -> PROBLEM.matcher(l).find())
            .filter(l -> !l.contains(CDS_NOTICE))
            .filter(l -> !reference.stderr().contains(l))
            .collect(Collectors.toList());
    assertThat(problems).as("stderr lines reporting problems\n%s", describe()).isEmpty();
    return this;
  }

  /** Asserts that nothing at all was written to the local store. */
  public JvmRun assertNothingStored() {
    assertThat(storeFiles()).as("files written under %s\n%s", localDir, describe()).isEmpty();
    return this;
  }

  /**
   * The app's {@code key: value} lines on stdout, in order ({@code key:} alone maps to an empty
   * value); other lines are skipped.
   */
  public Map<String, String> keyValues() {
    Map<String, String> out = new LinkedHashMap<>();
    for (String line : stdout().split("\\R")) {
      int colon = line.indexOf(": ");
      if (colon > 0) {
        out.put(line.substring(0, colon), line.substring(colon + 2));
      } else if (line.endsWith(":")) {
        out.put(line.substring(0, line.length() - 1), "");
      }
    }
    return out;
  }

  /** The command and both streams (capped), for failure messages. */
  public String describe() {
    return "$ "
        + String.join(" ", command)
        + (env.isEmpty() ? "" : "\n  env: " + env)
        + "\n  (in "
        + workDir
        + ", exit "
        + exitCode
        + ", "
        + took.toMillis()
        + " ms)\n--- stdout ---\n"
        + cap(stdout)
        + "\n--- stderr ---\n"
        + cap(stderr);
  }

  private static String cap(String s) {
    int max = 8000;
    return s.length() <= max
        ? s
        : s.substring(0, max / 2)
            + "\n[... "
            + (s.length() - max)
            + " chars ...]\n"
            + s.substring(s.length() - max / 2);
  }
}
