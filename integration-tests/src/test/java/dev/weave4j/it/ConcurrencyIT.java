package dev.weave4j.it;

import static dev.weave4j.it.harness.CallAssert.assertThatCall;
import static org.assertj.core.api.Assertions.assertThat;

import dev.weave4j.it.apps.ThreadsApp;
import dev.weave4j.it.harness.AgentJvm;
import dev.weave4j.it.harness.CallNode;
import dev.weave4j.it.harness.JvmRun;
import dev.weave4j.it.harness.TraceStore;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * 16 threads × 50 trees at once ({@link ThreadsApp}): every call lands in its own request's tree.
 * Read from the raw store, because 800 trees through the command line would be 800 JVM starts.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConcurrencyIT {

  private static final int TREES = 16 * 50;

  private JvmRun reference;
  private JvmRun traced;
  private TraceStore store;

  @BeforeAll
  void runApp() {
    AgentJvm app = AgentJvm.app(ThreadsApp.class);
    reference = app.withoutAgent().run().assertSuccess();
    traced = app.run();
    store = traced.store();
  }

  @Test
  void appBehavesTheSameWithTheAgent() {
    traced.assertSameAppBehaviourAs(reference).assertNoProblemsReported(reference);
  }

  @Test
  void everyCallIsStoredAndEnded() {
    assertThat(store.calls()).hasSize(TREES * 5);
    assertThat(store.calls()).allSatisfy(c -> assertThatCall(c).succeeded());
  }

  @Test
  void eachTreeHoldsOnlyItsOwnRequestsCallsInItsOwnTrace() {
    List<CallNode> roots = store.roots();

    assertThat(roots)
        .hasSize(TREES)
        .allSatisfy(r -> assertThat(r.opName()).isEqualTo("Worker.handle"));
    assertThat(roots).extracting(CallNode::traceId).doesNotHaveDuplicates();
    assertThat(
            roots.stream()
                .map(r -> r.inputs().path("requestId").asText())
                .collect(Collectors.toList()))
        .doesNotHaveDuplicates()
        .allMatch(id -> id.matches("t\\d{2}-r\\d{2}"));
    for (CallNode root : roots) {
      String request = root.inputs().path("requestId").asText();
      assertThatCall(root).isConsistentTree().hasChildOps("Worker.stage", "Worker.stage");
      for (CallNode stage : root.children()) {
        int n = stage.inputs().path("stage").asInt();
        assertThatCall(stage)
            .hasInputs("{'requestId': '" + request + "', 'stage': " + n + "}")
            .hasChildOps("Worker.leaf");
        assertThatCall(stage.child("Worker.leaf"))
            .hasInputs("{'key': '" + request + "/" + n + "'}");
      }
      assertThat(root.children())
          .extracting(s -> s.inputs().path("stage").asInt())
          .containsExactlyInAnyOrder(1, 2);
    }
  }

  @Test
  void commandLineListsEveryRoot() {
    List<CallNode> roots = traced.cli().calls(TREES + 10);

    assertThat(roots).hasSize(TREES);
    assertThat(roots).extracting(CallNode::opName).containsOnly("Worker.handle");
  }
}
