package dev.weave4j.it.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.weave4j.it.harness.ItEnv;
import dev.weave4j.it.harness.JvmRun;
import dev.weave4j.it.harness.TraceStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/** Helpers of the ops integration tests (the shared harness stays untouched). */
final class OpsRuns {

  private OpsRuns() {}

  /** The {@code key=value} lines an app printed (the last value of a key wins). */
  static Map<String, String> values(JvmRun run) {
    Map<String, String> values = new LinkedHashMap<>();
    run.stdout()
        .lines()
        .filter(l -> l.contains("="))
        .forEach(l -> values.put(l.substring(0, l.indexOf('=')), l.substring(l.indexOf('=') + 1)));
    return values;
  }

  /** The raw {@code req.start} body of call {@code id}. */
  static JsonNode start(TraceStore store, String id) {
    return store.starts().stream()
        .filter(s -> id.equals(s.path("id").asText()))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no start of " + id + " in " + store.dir()));
  }

  /** The raw {@code req.start} bodies of op {@code opName}, in store order. */
  static List<JsonNode> starts(TraceStore store, String opName) {
    return store.starts().stream()
        .filter(s -> opName.equals(s.path("op_name").asText()))
        .collect(Collectors.toList());
  }

  /** The {@code call_update} request bodies, in store order. */
  static List<JsonNode> updates(TraceStore store) {
    return store.items().stream()
        .filter(i -> "call_update".equals(i.path("mode").asText()))
        .map(i -> i.path("req"))
        .collect(Collectors.toList());
  }

  /** A string field of a JSON object, or empty when missing or null. */
  static Optional<String> text(JsonNode node, String field) {
    JsonNode v = node.get(field);
    return v == null || v.isNull() ? Optional.empty() : Optional.of(v.asText());
  }

  /**
   * Runs the agent jar's command line ({@code java -jar weave-agent.jar <args> --json --dir
   * <localDir> --project <project>}) over {@code run}'s store and parses its JSON output.
   */
  static JsonNode cliJson(JvmRun run, String project, String... args) {
    List<String> cmd = new ArrayList<>();
    cmd.add(ItEnv.java().toString());
    cmd.add("-jar");
    cmd.add(ItEnv.agentJar().toString());
    cmd.addAll(List.of(args));
    cmd.add("--json");
    cmd.add("--dir");
    cmd.add(run.localDir().toString());
    cmd.add("--project");
    cmd.add(project);
    try {
      Path out = Files.createTempFile(run.workDir(), "cli-", ".out");
      Path err = Files.createTempFile(run.workDir(), "cli-", ".err");
      ProcessBuilder pb =
          new ProcessBuilder(cmd)
              .directory(run.workDir().toFile())
              .redirectOutput(out.toFile())
              .redirectError(err.toFile());
      pb.environment()
          .keySet()
          .removeIf(k -> k.startsWith("WEAVE_") || k.startsWith("WANDB_") || k.startsWith("WF_"));
      pb.environment().remove("JAVA_TOOL_OPTIONS");
      pb.environment().remove("JDK_JAVA_OPTIONS");
      Process p = pb.start();
      if (!p.waitFor(60, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new AssertionError("command line did not exit: " + cmd);
      }
      String stdout = Files.readString(out);
      assertThat(p.exitValue())
          .as("exit code of %s\n%s\n%s", cmd, stdout, Files.readString(err))
          .isZero();
      return dev.weave4j.it.harness.Json.parse(stdout);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }
}
