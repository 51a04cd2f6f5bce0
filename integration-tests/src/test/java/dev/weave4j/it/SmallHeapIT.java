package dev.weave4j.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weave4j.it.apps.BigInputsApp;
import dev.weave4j.it.harness.AgentJvm;
import dev.weave4j.it.harness.JvmRun;
import dev.weave4j.it.harness.RecordIndex;
import dev.weave4j.it.harness.ServeProcess;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Apps with small heaps making calls with 20 KB inputs flat out, faster than any exporter: the
 * default queue bound follows the heap, so tracing never runs the app out of memory; calls that do
 * not fit are dropped whole and counted.
 */
class SmallHeapIT {

  private static final int CALLS = 20_000;
  private static final String PROJECT = "acme/heap";
  private static final Pattern DROPPED =
      Pattern.compile("trace records dropped: queue full \\(weave.max_queue_bytes\\): (\\d+) in");

  private static AgentJvm app(String heap) {
    return AgentJvm.app(BigInputsApp.class, Integer.toString(CALLS), "20")
        .withJvmArgs("-Xmx" + heap, "-XX:+ExitOnOutOfMemoryError")
        .withTimeout(Duration.ofMinutes(4));
  }

  private static long dropped(JvmRun run) {
    Matcher m = DROPPED.matcher(run.stderr());
    return m.find() ? Long.parseLong(m.group(1)) : 0;
  }

  private static void assertNoOutOfMemory(JvmRun run) {
    run.assertSuccess();
    assertThat(run.stdout()).as(run.describe()).contains("done " + CALLS);
    assertThat(run.stderr()).as(run.describe()).doesNotContain("OutOfMemoryError");
  }

  @ParameterizedTest
  @ValueSource(strings = {"32m", "64m"})
  void aSmallHeapRunsFlatOutIntoTheLocalStoreWithEveryCallStoredWholeOrCounted(String heap) {
    JvmRun run = app(heap).run();

    assertNoOutOfMemory(run);
    RecordIndex store = RecordIndex.of(run.localDir().resolve("local").resolve(AgentJvm.PROJECT));
    assertThat(store.startsWithoutEnd()).as(store.toString()).isEmpty();
    assertThat(store.endsWithoutStart()).as(store.toString()).isEmpty();
    assertThat(store.orphans()).as(store.toString()).isEmpty();
    // every root call not stored was counted as dropped (two records: its start and end); the
    // count may be larger, as a child can be dropped while its parent is stored
    assertThat(2L * store.roots().size() + dropped(run))
        .as("2 x roots stored (%s) + dropped %d\n%s", store, dropped(run), run.describe())
        .isGreaterThanOrEqualTo(2L * CALLS);
  }

  @ParameterizedTest
  @ValueSource(strings = {"32m", "64m"})
  void aSmallHeapRunsFlatOutAgainstAServerAnsweringServiceUnavailable(String heap) {
    try (ServeProcess serve = ServeProcess.start("--fail-first", "20", "--status", "503")) {
      JvmRun run =
          app(heap)
              .withSysProp("weave.project", PROJECT)
              .withSysProp("weave.server_url", serve.url())
              .withEnv("WANDB_API_KEY", "it-key")
              .run();

      assertNoOutOfMemory(run);
      RecordIndex arrived = RecordIndex.of(serve.storeDir().resolve("acme").resolve("heap"));
      RecordIndex spooled =
          RecordIndex.of(run.localDir().resolve("spool").resolve("acme").resolve("heap"));
      // every root call arrived, waits in the spool for the next run, or was counted as dropped
      assertThat(2L * (arrived.roots().size() + spooled.roots().size()) + dropped(run))
          .as(
              "arrived %s, spooled %s, dropped %d\n%s",
              arrived, spooled, dropped(run), run.describe())
          .isGreaterThanOrEqualTo(2L * CALLS);
      assertThat(spooled.unreadable()).isZero();
    }
  }
}
