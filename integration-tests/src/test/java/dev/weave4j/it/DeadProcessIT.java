package dev.weave4j.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weave4j.it.apps.HaltInCallApp;
import dev.weave4j.it.harness.AgentJvm;
import dev.weave4j.it.harness.CallNode;
import dev.weave4j.it.harness.JvmRun;
import org.junit.jupiter.api.Test;

/**
 * A call left open by a process that died (killed, halted) is shown as unfinished once its writer
 * is gone, not as running forever.
 */
class DeadProcessIT {

  @Test
  void aCallLeftOpenByADeadProcessIsUnfinishedInCallsAndTree() {
    JvmRun run = AgentJvm.app(HaltInCallApp.class).run().assertExitCode(9);
    assertThat(run.stdout()).contains("halting inside the call");

    CallNode root = run.cli().rootTree("Job.run");
    assertThat(root.status()).as(run.describe()).isEqualTo("unfinished");
    assertThat(root.children())
        .singleElement()
        .satisfies(c -> assertThat(c.status()).isEqualTo("success"));
    assertThat(run.cli().calls())
        .singleElement()
        .satisfies(c -> assertThat(c.status()).isEqualTo("unfinished"));
    assertThat(run.cli().treeText(root.id())).contains("unfinished");
  }
}
