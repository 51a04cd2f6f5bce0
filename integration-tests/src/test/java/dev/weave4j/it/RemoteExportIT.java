package dev.weave4j.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.weave4j.it.apps.NetworkStuckApp;
import dev.weave4j.it.apps.PacedApp;
import dev.weave4j.it.apps.RemoteApp;
import dev.weave4j.it.harness.AgentJvm;
import dev.weave4j.it.harness.JvmRun;
import dev.weave4j.it.harness.ServeProcess;
import dev.weave4j.it.harness.SilentServer;
import dev.weave4j.it.harness.ValidatingProxy;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The agent in remote mode exporting over real HTTP to a real {@code weave-agent.jar serve} process
 * that misbehaves on purpose (its fault flags), and {@code sync} uploading a local store or spool.
 * Where serve is up, a {@link ValidatingProxy} in front of it checks every request body against the
 * Weave JSON Schemas. Every call arrives exactly once (counted in the lines serve stored, which
 * show duplicates that queries would merge) or is in the spool, from which a later run or {@code
 * sync} delivers it exactly once; the app's thread never waits for the network (how long its calls
 * take is measured by the benchmarks, not asserted here).
 */
class RemoteExportIT {

  private static final String KEY = "it-key-0123456789";
  private static final String PROJECT = "acme/it";
  private static final int CALLS = 300; // 300 roots + 300 children

  private static AgentJvm remoteApp(String url) {
    return AgentJvm.app(RemoteApp.class, Integer.toString(CALLS))
        .withSysProp("weave.project", PROJECT)
        .withSysProp("weave.server_url", url)
        .withEnv("WANDB_API_KEY", KEY);
  }

  private static void assertEveryCallOnce(ServeProcess serve, int calls) {
    Map<String, Integer> starts = serve.arrivals(PROJECT, "start");
    Map<String, Integer> ends = serve.arrivals(PROJECT, "end");
    assertThat(starts).hasSize(calls);
    assertThat(starts.values()).allSatisfy(n -> assertThat(n).isEqualTo(1));
    assertThat(ends).hasSize(calls);
    assertThat(ends.values()).allSatisfy(n -> assertThat(n).isEqualTo(1));
  }

  private static void assertValid(ValidatingProxy proxy) {
    assertThat(proxy.schemaErrors()).isEmpty();
    assertThat(proxy.validated()).containsKey("/call/upsert_batch");
  }

  private static List<Path> spoolFiles(Path localDir) {
    Path spool = localDir.resolve("spool").resolve("acme").resolve("it");
    if (!Files.isDirectory(spool)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(spool)) {
      return files.filter(p -> p.toString().endsWith(".jsonl")).toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A URL on which nothing listens (connections are refused). */
  private static String deadUrl() {
    try (ServerSocket probe = new ServerSocket(0)) {
      return "http://127.0.0.1:" + probe.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Test
  void callsArriveOnceWithTheApiKeyAndOpsArePublishedWithTheirSignature() {
    try (ServeProcess serve = ServeProcess.start("--api-key", KEY);
        ValidatingProxy proxy = ValidatingProxy.inFrontOf(serve.url())) {
      JvmRun run = remoteApp(proxy.url()).run().assertSuccess();

      assertThat(run.stdout()).contains("done " + CALLS);
      assertEveryCallOnce(serve, 2 * CALLS);
      assertValid(proxy);
      assertThat(proxy.validated()).containsKeys("/obj/create", "/files/create");
      assertThat(run.storeFiles()).isEmpty();
      assertThat(run.stderr()).doesNotContain(KEY).doesNotContain("SLF4J");
      List<JsonNode> records = serve.records(PROJECT);
      // each op is published once, with its Java signature, and its calls carry the op ref
      assertThat(records)
          .filteredOn(r -> r.path("mode").asText().equals("obj_create"))
          .extracting(r -> r.path("req").path("obj").path("object_id").asText())
          .containsExactlyInAnyOrder("Jobs.run", "Jobs.step");
      assertThat(
              records.stream()
                  .filter(r -> r.path("mode").asText().equals("file_create"))
                  .map(r -> r.path("req").path("content_base64").asText())
                  .map(b -> new String(Base64.getDecoder().decode(b), StandardCharsets.UTF_8)))
          .anySatisfy(c -> assertThat(c).contains("static java.lang.String run(int i)"));
      assertThat(
              records.stream()
                  .filter(r -> r.path("mode").asText().equals("start"))
                  .map(r -> r.path("req").path("start").path("op_name").asText()))
          .allSatisfy(
              op -> assertThat(op).matches("weave:///acme/it/op/Jobs\\.(run|step):\\w{43}"));
    }
  }

  @Test
  void theAppFinishesItsCallsWhileTheServerHoldsARequestUnanswered() {
    try (SilentServer silent = SilentServer.start()) {
      JvmRun run =
          AgentJvm.app(NetworkStuckApp.class, Integer.toString(silent.port()), "2000")
              .withSysProp("weave.project", PROJECT)
              .withSysProp("weave.server_url", silent.url())
              .withEnv("WANDB_API_KEY", KEY)
              .withTimeout(Duration.ofMinutes(3))
              .run()
              .assertSuccess();

      assertThat(run.stdout()).contains("done 2000");
      // Nothing was ever answered: had the app's thread waited for the network, it could only
      // have gone on after its HTTP client gave up on a connection.
      List<String> events = silent.events();
      int done = events.indexOf(SilentServer.APP_DONE);
      assertThat(done).as("%s\n%s", events, run.describe()).isPositive();
      assertThat(events.subList(0, done))
          .as(run.describe())
          .contains(SilentServer.REQUEST)
          .doesNotContain(SilentServer.ABANDONED);
    }
  }

  @Test
  void serviceUnavailableAndASmallBodyLimitForcingSplitsLoseNothing() {
    try (ServeProcess serve =
            ServeProcess.start(
                "--fail-first", "3", "--status", "503", "--max-body-bytes", "20000");
        ValidatingProxy proxy = ValidatingProxy.inFrontOf(serve.url())) {
      JvmRun run = remoteApp(proxy.url()).run().assertSuccess();

      assertEveryCallOnce(serve, 2 * CALLS);
      assertThat(proxy.statuses()).containsKeys(503, 413);
      assertValid(proxy);
      assertThat(run.storeFiles()).isEmpty();
      assertThat(spoolFiles(run.localDir())).isEmpty();
    }
  }

  @Test
  void aBlipOfBusyAnswersDuringAShortJobDelaysItsCallsButDeliversThemAll() {
    try (ServeProcess serve = ServeProcess.start();
        ValidatingProxy proxy =
            ValidatingProxy.inFrontOf(serve.url())
                .failingFirst("503", "503", "503", "429:1", "429:1", "429:1", "429:1")) {
      // about three seconds of calls
      JvmRun run =
          AgentJvm.app(PacedApp.class, Integer.toString(CALLS), "10")
              .withSysProp("weave.project", PROJECT)
              .withSysProp("weave.server_url", proxy.url())
              .withEnv("WANDB_API_KEY", KEY)
              .run()
              .assertSuccess();

      assertThat(run.stdout()).contains("done " + CALLS);
      assertThat(proxy.statuses()).containsEntry(503, 3).containsEntry(429, 4);
      assertEveryCallOnce(serve, 2 * CALLS);
      assertValid(proxy);
      assertThat(spoolFiles(run.localDir())).as(run.describe()).isEmpty();
      assertThat(run.stderr()).doesNotContain("sent by the next run");
    }
  }

  @Test
  void tooManyRequestsWithRetryAfterLosesNothing() {
    try (ServeProcess serve =
            ServeProcess.start("--fail-first", "2", "--status", "429", "--retry-after", "1");
        ValidatingProxy proxy = ValidatingProxy.inFrontOf(serve.url())) {
      JvmRun run = remoteApp(proxy.url()).run().assertSuccess();

      assertEveryCallOnce(serve, 2 * CALLS);
      assertThat(proxy.statuses()).containsEntry(429, 2);
      assertValid(proxy);
      assertThat(spoolFiles(run.localDir())).isEmpty();
    }
  }

  @Test
  void aServerDownForAWhileGetsEveryCallOnceThisRunOrTheNext() {
    // no proxy here: the agent must see serve's own refused connections
    try (ServeProcess serve = ServeProcess.start("--down-for-ms", "3000")) {
      JvmRun first = remoteApp(serve.url()).withTimeout(Duration.ofSeconds(90)).run();
      first.assertSuccess();
      assertThat(first.took()).isLessThan(Duration.ofSeconds(30));

      JvmRun second =
          remoteApp(serve.url())
              .withSysProp("weave.local_dir", first.localDir().toString())
              .run()
              .assertSuccess();

      assertEveryCallOnce(serve, 4 * CALLS);
      assertThat(spoolFiles(first.localDir())).isEmpty();
    }
  }

  @Test
  void withNoServerAtAllCallsAreSpooledAndSyncDeliversThemOnce() {
    JvmRun down = remoteApp(deadUrl()).withTimeout(Duration.ofSeconds(60)).run().assertSuccess();

    assertThat(down.took()).isLessThan(Duration.ofSeconds(20));
    Path spool = down.localDir().resolve("spool").resolve("acme").resolve("it");
    assertThat(down.stderr()).contains("kept in " + spool);
    assertThat(spoolFiles(down.localDir())).isNotEmpty();

    try (ServeProcess serve = ServeProcess.start("--api-key", KEY);
        ValidatingProxy proxy = ValidatingProxy.inFrontOf(serve.url())) {
      List<String> args =
          List.of(
              "sync",
              "--dir",
              down.localDir().toString(),
              "--project",
              PROJECT,
              "--server",
              proxy.url());
      AgentJvm.runCli(down.workDir(), down.localDir(), args, Map.of("WANDB_API_KEY", KEY))
          .assertSuccess();
      // the spool is gone once delivered: a second sync finds nothing to send
      JvmRun again =
          AgentJvm.runCli(down.workDir(), down.localDir(), args, Map.of("WANDB_API_KEY", KEY));

      assertEveryCallOnce(serve, 2 * CALLS);
      assertValid(proxy);
      again.assertSuccess();
      assertThat(again.stdout() + again.stderr())
          .containsAnyOf("synced 0 records", "nothing to upload");
      assertThat(spoolFiles(down.localDir())).isEmpty();
    }
  }

  @Test
  void theSpoolStopsAtItsBoundAndSaysHowManyRecordsItDropped() throws IOException {
    int calls = 3000;
    JvmRun run =
        AgentJvm.app(RemoteApp.class, Integer.toString(calls))
            .withSysProp("weave.project", PROJECT)
            .withSysProp("weave.server_url", deadUrl())
            .withEnv("WANDB_API_KEY", KEY)
            .withEnv("WEAVE_MAX_SPOOL_BYTES", "256KiB")
            .withTimeout(Duration.ofSeconds(90))
            .run()
            .assertSuccess();

    long onDisk = 0;
    for (Path f : spoolFiles(run.localDir())) {
      onDisk += Files.size(f);
    }
    assertThat(onDisk).as(run.describe()).isPositive().isLessThanOrEqualTo(256 * 1024);
    long spooled = total(run, "trace records spooled to disk: trace server unreachable");
    long dropped = total(run, "trace records dropped: spool full (weave.max_spool_bytes)");
    assertThat(dropped).as(run.describe()).isPositive();
    // every record (a start and an end per call, two calls per iteration) is kept or counted
    assertThat(spooled + dropped).as(run.describe()).isGreaterThanOrEqualTo(4L * calls);
  }

  /** The total of a problem in the summary the agent prints at exit, 0 when absent. */
  private static long total(JvmRun run, String problem) {
    java.util.regex.Matcher m =
        java.util.regex.Pattern.compile(
                java.util.regex.Pattern.quote(problem) + ": (\\d+) in this run")
            .matcher(run.stderr());
    return m.find() ? Long.parseLong(m.group(1)) : 0;
  }

  @Test
  void aWrongApiKeyIsReportedWithTheServersReasonAndAHintBeforeAShortJobExits() {
    try (ServeProcess serve = ServeProcess.start("--api-key", KEY)) {
      JvmRun run =
          AgentJvm.app(RemoteApp.class, "5")
              .withSysProp("weave.project", PROJECT)
              .withSysProp("weave.server_url", serve.url())
              .withEnv("WANDB_API_KEY", "wrong-key-0000")
              .run()
              .assertSuccess();

      assertThat(run.stderr())
          .as(run.describe())
          .contains("HTTP 401: Invalid credentials")
          .contains("WANDB_API_KEY")
          .contains("`wandb login`")
          .doesNotContain("wrong-key-0000");
      assertThat(serve.arrivals(PROJECT, "start")).isEmpty();
    }
  }

  @Test
  void syncUploadsALocalStoreOnceAndAgainSendsNothing() {
    try (ServeProcess serve = ServeProcess.start("--api-key", KEY);
        ValidatingProxy proxy = ValidatingProxy.inFrontOf(serve.url())) {
      JvmRun local = AgentJvm.app(RemoteApp.class, Integer.toString(CALLS)).run().assertSuccess();
      List<String> args =
          List.of(
              "sync",
              "--dir",
              local.localDir().toString(),
              "--project",
              PROJECT,
              "--server",
              proxy.url());

      JvmRun first =
          AgentJvm.runCli(local.workDir(), local.localDir(), args, Map.of("WANDB_API_KEY", KEY))
              .assertSuccess();
      JvmRun again =
          AgentJvm.runCli(local.workDir(), local.localDir(), args, Map.of("WANDB_API_KEY", KEY))
              .assertSuccess();

      assertThat(first.stdout()).contains("synced " + 4 * CALLS + " records");
      assertThat(first.stderr()).contains("100%");
      assertThat(again.stdout()).contains("synced 0 records");
      assertEveryCallOnce(serve, 2 * CALLS);
      assertValid(proxy);
    }
  }
}
