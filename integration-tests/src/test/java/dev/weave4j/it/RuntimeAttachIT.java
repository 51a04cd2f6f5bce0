package dev.weave4j.it;

import static dev.weave4j.it.harness.CallAssert.assertThatCall;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import dev.weave4j.it.apps.AttachApp;
import dev.weave4j.it.harness.AgentJvm;
import dev.weave4j.it.harness.CallNode;
import dev.weave4j.it.harness.ItEnv;
import dev.weave4j.it.harness.JvmRun;
import dev.weave4j.it.harness.TraceStore;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The agent loaded at run time ({@code Agent-Class}) by the app itself: classes loaded before the
 * attach are retransformed, so calls after the attach are traced and calls before it are not.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RuntimeAttachIT {

  private JvmRun reference;
  private JvmRun attached;

  @BeforeAll
  void runApp() {
    List<String> jvmArgs = new ArrayList<>(List.of("-Djdk.attach.allowAttachSelf=true"));
    if (ItEnv.javaFeatureVersion() >= 21) {
      // Without it, JDK 21+ warns on stderr that an agent was loaded dynamically.
      jvmArgs.add("-XX:+EnableDynamicAgentLoading");
    }
    String[] opts = jvmArgs.toArray(String[]::new);
    reference =
        AgentJvm.app(AttachApp.class).withoutAgent().withJvmArgs(opts).run().assertSuccess();
    attached =
        AgentJvm.app(AttachApp.class, ItEnv.agentJar().toString())
            .withoutAgent()
            .withJvmArgs(opts)
            .run();
    // Skip, not fail, where the JVM itself cannot attach (not a property of the agent).
    assumeFalse(
        attached.stderr().contains("AttachNotSupportedException"),
        "this JVM cannot self-attach:\n" + attached.describe());
  }

  @Test
  void appBehavesTheSameWithTheAgentAttached() {
    attached.assertSameAppBehaviourAs(reference).assertNoProblemsReported(reference);
    assertThat(attached.stderr()).doesNotContain("loaded dynamically");
  }

  @Test
  void callsAfterTheAttachAreTracedAndCallsBeforeAreNot() {
    List<CallNode> roots = attached.cli().calls();

    assertThat(roots)
        .extracting(CallNode::opName)
        .containsExactly("LateService.work", "Counter.tick");
    CallNode tick = attached.cli().tree(roots.get(1).id());
    assertThatCall(tick)
        .hasInputs("{'n': 2}")
        .hasOutput("30")
        .succeeded()
        .hasChildOps("Counter.bump")
        .isConsistentTree();
    assertThatCall(tick.child("Counter.bump")).hasInputs("{'by': 20}").hasOutput("30");
    assertThatCall(roots.get(0))
        .hasInputs("{'item': 'late-input'}")
        .hasOutput("'worked on late-input'");

    TraceStore store = attached.store();
    assertThat(store.calls("Counter.tick")).as("tick(1) ran before the attach").hasSize(1);
    assertThat(store.calls("Counter.bump")).hasSize(1);
  }
}
