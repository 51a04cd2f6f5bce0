package dev.weave4j.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weave4j.it.apps.RemoteApp;
import dev.weave4j.it.harness.AgentJvm;
import dev.weave4j.it.harness.JvmRun;
import dev.weave4j.it.harness.TestServerProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The agent in remote mode exporting over real HTTP to a test trace server running in its own JVM
 * (faults included), and {@code sync} uploading a local store. Every call arrives exactly once or
 * is in the spool.
 */
class RemoteExportIT {

  private static final String KEY = "it-key-0123456789";
  private static final int CALLS = 300; // 300 roots + 300 children

  private static AgentJvm remoteApp(TestServerProcess server) {
    return AgentJvm.app(RemoteApp.class, Integer.toString(CALLS))
        .withSysProp("weave.project", "acme/it")
        .withSysProp("weave.server_url", server.url())
        .withEnv("WANDB_API_KEY", KEY);
  }

  /** The slowest traced call after warm-up, on the app thread, as the app measured it. */
  private static long slowestCallMicros(JvmRun run) {
    return run.stdout()
        .lines()
        .filter(l -> l.startsWith("slowest call micros "))
        .mapToLong(l -> Long.parseLong(l.substring("slowest call micros ".length()).trim()))
        .findFirst()
        .orElseThrow();
  }

  private static void assertEveryCallOnce(TestServerProcess server, int calls) {
    assertThat(server.starts()).hasSize(calls);
    assertThat(server.starts().values()).allSatisfy(n -> assertThat(n).isEqualTo(1));
    assertThat(server.ends()).hasSize(calls);
    assertThat(server.ends().values()).allSatisfy(n -> assertThat(n).isEqualTo(1));
    assertThat(server.items())
        .filteredOn(i -> List.of("start", "end").contains(i.path("mode").asText()))
        .allSatisfy(i -> assertThat(i.path("project_id").asText()).isEqualTo("acme/it"));
  }

  @Test
  void callsArriveOnceWithTheApiKeyAndNothingIsWrittenLocally() {
    try (TestServerProcess server = TestServerProcess.start("--api-key", KEY)) {
      JvmRun run = remoteApp(server).run().assertSuccess();

      assertThat(run.stdout()).contains("done " + CALLS);
      assertEveryCallOnce(server, 2 * CALLS);
      assertThat(run.storeFiles()).isEmpty();
      assertThat(run.stderr()).doesNotContain(KEY).doesNotContain("SLF4J");
      // each op is published once, with its Java signature, and its calls carry the op ref
      List<com.fasterxml.jackson.databind.JsonNode> objects =
          server.items().stream()
              .filter(i -> i.path("mode").asText().equals("obj_create"))
              .toList();
      assertThat(objects)
          .extracting(o -> o.path("req").path("obj").path("object_id").asText())
          .containsExactlyInAnyOrder("Jobs.run", "Jobs.step");
      assertThat(
              server.items().stream()
                  .filter(i -> i.path("mode").asText().equals("file_create"))
                  .map(i -> i.path("content").asText()))
          .anySatisfy(c -> assertThat(c).contains("static java.lang.String run(int i)"));
      assertThat(
              server.items().stream()
                  .filter(i -> i.path("mode").asText().equals("start"))
                  .map(i -> i.path("op_name").asText()))
          .allSatisfy(
              op -> assertThat(op).matches("weave:///acme/it/op/Jobs\\.(run|step):\\w{43}"));
    }
  }

  @Test
  void serviceUnavailableTooManyRequestsAndSmallBodyLimitLoseNothing() {
    try (TestServerProcess server =
        TestServerProcess.start(
            "--fail-first", "2", "--retry-after-first", "1", "--max-body", "20000")) {
      JvmRun run = remoteApp(server).run().assertSuccess();

      assertEveryCallOnce(server, 2 * CALLS);
      assertThat(run.storeFiles()).isEmpty();
    }
  }

  @Test
  void callsMadeWhileTheServerIsDownAreSpooledAndTheNextRunSendsThemOnce() throws Exception {
    TestServerProcess server = TestServerProcess.notStarted();
    try (server) {
      JvmRun down = remoteApp(server).withTimeout(Duration.ofSeconds(60)).run().assertSuccess();

      Path spool = down.localDir().resolve("spool").resolve("acme").resolve("it");
      assertThat(down.took()).isLessThan(Duration.ofSeconds(20));
      // retries take seconds; the app thread never waits for them
      assertThat(slowestCallMicros(down)).isLessThan(200_000);
      assertThat(down.stderr()).contains("kept in " + spool);
      assertThat(Files.list(spool).filter(p -> p.toString().endsWith(".jsonl"))).isNotEmpty();

      server.restart();
      JvmRun up =
          remoteApp(server).withSysProp("weave.local_dir", down.localDir().toString()).run();
      up.assertSuccess();

      assertEveryCallOnce(server, 4 * CALLS);
      assertThat(Files.list(spool).filter(p -> p.toString().endsWith(".jsonl"))).isEmpty();
    }
  }

  @Test
  void syncUploadsALocalStoreOnceAndAgainSendsNothing() {
    try (TestServerProcess server = TestServerProcess.start("--api-key", KEY)) {
      JvmRun local = AgentJvm.app(RemoteApp.class, Integer.toString(CALLS)).run().assertSuccess();
      List<String> args =
          List.of(
              "sync",
              "--dir",
              local.localDir().toString(),
              "--project",
              "acme/it",
              "--server",
              server.url());

      JvmRun first =
          AgentJvm.runCli(local.workDir(), local.localDir(), args, Map.of("WANDB_API_KEY", KEY))
              .assertSuccess();
      JvmRun again =
          AgentJvm.runCli(local.workDir(), local.localDir(), args, Map.of("WANDB_API_KEY", KEY))
              .assertSuccess();

      assertThat(first.stdout()).contains("synced " + 4 * CALLS + " records");
      assertThat(first.stderr()).contains("100%");
      assertThat(again.stdout()).contains("synced 0 records");
      assertEveryCallOnce(server, 2 * CALLS);
    }
  }
}
