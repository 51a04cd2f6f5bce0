package dev.weave4j.it.query;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.weave4j.it.apps.sdk.SdkReadBackApp;
import dev.weave4j.it.harness.AgentJvm;
import dev.weave4j.it.harness.ItEnv;
import dev.weave4j.it.harness.JvmRun;
import dev.weave4j.it.harness.ServeProcess;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Weave's official TypeScript SDK (npm {@code weave}, the version pinned in {@code
 * src/test/ts-sdk/package-lock.json}, installed into {@code target/ts-sdk} by {@code npm ci}) on
 * the machine's Node.js against {@code serve} as a real process; what it wrote is then read back
 * through weave4j's command line and its Java client. Needs {@code node} and {@code npm} and the
 * npm registry.
 */
class TypeScriptSdkIT {

  private static final ObjectMapper M = new ObjectMapper();
  private static final Path SOURCES = Path.of("src", "test", "ts-sdk");
  private static final Path SUITE = Path.of("target", "ts-sdk").toAbsolutePath();

  @BeforeAll
  static void installTheSdk() throws Exception {
    Files.createDirectories(SUITE);
    boolean changed = false;
    for (String f : List.of("package.json", "package-lock.json", "sdk-suite.mjs")) {
      Path to = SUITE.resolve(f);
      byte[] source = Files.readAllBytes(SOURCES.resolve(f));
      if (!Files.exists(to) || !java.util.Arrays.equals(source, Files.readAllBytes(to))) {
        Files.copy(SOURCES.resolve(f), to, StandardCopyOption.REPLACE_EXISTING);
        changed |= !f.endsWith(".mjs");
      }
    }
    if (changed || !Files.isDirectory(SUITE.resolve("node_modules").resolve("weave"))) {
      run(List.of("npm", "ci", "--no-audit", "--no-fund"), Map.of(), 300);
    }
  }

  private static String run(List<String> cmd, Map<String, String> env, int seconds)
      throws IOException, InterruptedException {
    Path out = Files.createTempFile(SUITE, "node-", ".out");
    ProcessBuilder pb =
        new ProcessBuilder(cmd)
            .directory(SUITE.toFile())
            .redirectErrorStream(true)
            .redirectOutput(out.toFile());
    pb.environment().putAll(env);
    Process p = pb.start();
    if (!p.waitFor(seconds, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError(
          cmd + " did not finish in " + seconds + " s:\n" + Files.readString(out));
    }
    String text = Files.readString(out, StandardCharsets.UTF_8);
    assertThat(p.exitValue()).as(cmd + " exit code; output:\n" + text).isZero();
    return text;
  }

  @Test
  void whatTheTypeScriptSdkWritesReadsBackThroughTheCliAndTheJavaClient() throws Exception {
    try (ServeProcess serve = ServeProcess.start("--api-key", "ts-key")) {
      String output =
          run(
              List.of("node", "sdk-suite.mjs"),
              Map.of("WANDB_API_KEY", "ts-key", "WF_TRACE_SERVER_URL", serve.url()),
              180);
      String last = output.strip().lines().reduce((a, b) -> b).orElse("");
      JsonNode ts = M.readTree(last);
      assertThat(ts.path("outer").asInt()).isEqualTo(8);
      assertThat(ts.path("boom").asText()).isEqualTo("kaput");
      assertThat(ts.path("configBack").path("temperature").asDouble()).isEqualTo(0.5);
      assertThat(ts.path("datasetRows").toString()).isEqualTo("[\"one\",\"two\",\"three\"]");
      assertThat(ts.path("evaluation").path("exact").path("correct").path("true_count").asInt())
          .isEqualTo(3);
      assertThat(ts.path("ops").toString())
          .contains("\"outer\"", "\"add\"", "\"boom\"", "\"model\"", "\"exact\"");
      String outerId = ts.path("outerId").asText();
      String boomId = ts.path("boomId").asText();

      Map<String, String> java =
          AgentJvm.app(SdkReadBackApp.class, "http", serve.url(), "ts-key", outerId + "," + boomId)
              .withoutAgent()
              .withClasspath(ItEnv.libraryClasspath())
              .run()
              .assertSuccess()
              .keyValues();
      assertThat(java)
          .containsEntry("outer.op", "outer")
          .containsEntry("outer.displayName", "outer of 3")
          .containsEntry("outer.env", "ts-suite")
          .containsEntry("outer.output", "8")
          .containsEntry("outer.children", "add")
          .containsEntry("boom.exception", "kaput")
          .containsEntry("evaluations", "1");
      assertThat(java.get("outer.feedback")).startsWith("wandb.runnable.exact=");
      assertThat(java.get("evaluation.children")).contains("Evaluation.predictAndScore");

      JvmRun cli =
          AgentJvm.runCli(
              serve.workDir(),
              serve.storeDir(),
              List.of(
                  "show",
                  outerId,
                  "--json",
                  "--dir",
                  serve.storeDir().toString(),
                  "--project",
                  "e/p"),
              Map.of());
      cli.assertSuccess();
      JsonNode shown = M.readTree(cli.stdout());
      assertThat(shown.path("display_name").asText()).isEqualTo("outer of 3");
      assertThat(shown.path("output").asInt()).isEqualTo(8);
      assertThat(shown.path("attributes").path("env").asText()).isEqualTo("ts-suite");
    }
  }
}
