package dev.weave4j.it.propagation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weave4j.it.apps.propagation.PropagationApp;
import dev.weave4j.it.harness.AgentJvm;
import dev.weave4j.it.harness.CallNode;
import dev.weave4j.it.harness.ItEnv;
import dev.weave4j.it.harness.JvmRun;
import dev.weave4j.it.harness.TraceStore;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The call context follows work to other threads, automatically and explicitly. */
class PropagationIT {

  private static JvmRun run;
  private static TraceStore store;

  @BeforeAll
  static void runApp() {
    run = AgentJvm.app(PropagationApp.class).run().assertSuccess();
    store = run.store();
  }

  private static List<String> childVias(CallNode root) {
    return root.children().stream()
        .map(c -> c.inputs().path("via").asText())
        .collect(Collectors.toList());
  }

  @Test
  void workHandedToExecutorsForkJoinAndVirtualThreadsIsAChildOfTheSubmittingCall() {
    CallNode root = store.root("PropagationApp.automatic");
    List<String> expected =
        new java.util.ArrayList<>(
            List.of(
                "pool",
                "pool",
                "scheduled",
                "cf-async",
                "cf-then-async",
                "parallel",
                "parallel",
                "parallel",
                "parallel"));
    if (ItEnv.javaFeatureVersion() >= 21) {
      expected.add("virtual");
    }
    assertThat(childVias(root)).containsExactlyInAnyOrderElementsOf(expected);
    assertThat(root.children()).allMatch(c -> c.traceId().equals(root.traceId()));
  }

  @Test
  void aPlainNewThreadDoesNotInheritTheCall() {
    List<CallNode> plain =
        store.calls("PropagationApp.work").stream()
            .filter(c -> c.inputs().path("via").asText().equals("plain-thread"))
            .collect(Collectors.toList());
    assertThat(plain).hasSize(1);
    assertThat(plain.get(0).parentId()).isNull();
  }

  @Test
  void contextAwareExecutorGivesOneParentWithFiveChildren() {
    CallNode root = store.root("PropagationApp.explicit");
    assertThat(childVias(root)).hasSize(5).containsOnly("context-aware");
    assertThat(run.stdout()).contains("explicit [0, 1, 2, 3, 4]");
  }

  @Test
  void sixtyFourConcurrentRequestsOverOneSharedPoolKeepTheirTreesWhole() {
    List<CallNode> requests = store.calls("PropagationApp.request");
    assertThat(requests).hasSize(64);
    for (CallNode request : requests) {
      int id = request.inputs().path("id").asInt();
      assertThat(request.parentId()).isNull();
      assertThat(childVias(request)).hasSize(10).containsOnly("request-" + id);
      assertThat(request.children()).allMatch(c -> c.traceId().equals(request.traceId()));
    }
  }
}
