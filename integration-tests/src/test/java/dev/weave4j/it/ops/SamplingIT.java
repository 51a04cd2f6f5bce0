package dev.weave4j.it.ops;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weave4j.it.apps.ops.SamplingApp;
import dev.weave4j.it.harness.AgentJvm;
import dev.weave4j.it.harness.CallNode;
import dev.weave4j.it.harness.JvmRun;
import dev.weave4j.it.harness.TraceStore;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code @WeaveOp(tracingSampleRate)}: decided at the root, whole trees in or out. */
class SamplingIT {

  @Test
  void rootsAreSampledAsWholeTreesAndTheCodeAlwaysRuns() {
    JvmRun run = AgentJvm.app(SamplingApp.class).run().assertSuccess();
    TraceStore store = run.store();

    assertThat(run.stdout())
        .contains("never ran 20", "always ran 20", "half ran 400")
        .contains("children ran 440", "grandchildren ran 440");
    // rate 0: nothing at all
    assertThat(store.calls("Sampled.never")).isEmpty();
    // rate 1: everything
    List<CallNode> always = store.calls("Sampled.always");
    assertThat(always).hasSize(20);
    // rate 0.5: about half of 400, p = 0.5, sd = 10; the bound is 8 sd wide
    List<CallNode> half = store.calls("Sampled.half");
    assertThat(half.size()).isBetween(120, 280);
    // never a partial tree: every kept root has its child and grandchild (whose own rate of 0 is
    // ignored below a traced root), every call belongs to a kept root
    for (CallNode root : store.roots()) {
      assertThat(root.opName()).isIn("Sampled.always", "Sampled.half");
      assertThat(root.children()).hasSize(1);
      CallNode child = root.child("Sampled.child");
      assertThat(child.children()).hasSize(1);
      assertThat(child.child("Sampled.grandchild").traceId()).isEqualTo(root.traceId());
    }
    assertThat(store.roots()).hasSize(20 + half.size());
    assertThat(store.calls()).hasSize(3 * (20 + half.size()));
    assertThat(store.ends()).hasSize(store.starts().size());
  }
}
