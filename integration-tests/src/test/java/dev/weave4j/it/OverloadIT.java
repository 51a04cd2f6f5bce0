package dev.weave4j.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weave4j.it.apps.NestedFlatOutApp;
import dev.weave4j.it.harness.AgentJvm;
import dev.weave4j.it.harness.JvmRun;
import dev.weave4j.it.harness.RecordIndex;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Threads making nested calls flat out into a small queue: calls are dropped whole (and counted),
 * never recorded half: no end without its start, no start without its end, no child whose parent
 * was never written.
 */
class OverloadIT {

  @Test
  void underOverloadACallIsNeverRecordedHalf() {
    JvmRun run =
        AgentJvm.app(NestedFlatOutApp.class, "8", "20000")
            .withSysProp("weave.max_queue_bytes", "64KiB")
            .withTimeout(Duration.ofMinutes(3))
            .run()
            .assertSuccess();

    assertThat(run.stdout()).contains("done 160000");
    assertThat(run.stderr()).as(run.describe()).contains("trace records dropped: queue full");
    RecordIndex store = RecordIndex.of(run.localDir().resolve("local").resolve(AgentJvm.PROJECT));
    assertThat(store.starts()).as(store.toString()).isNotEmpty();
    assertThat(store.endsWithoutStart()).as(store.toString()).isEmpty();
    assertThat(store.startsWithoutEnd()).as(store.toString()).isEmpty();
    assertThat(store.orphans()).as(store.toString()).isEmpty();
    assertThat(store.unreadable()).isZero();
  }
}
