package dev.weave4j.it;

import static dev.weave4j.it.harness.CallAssert.assertThatCall;
import static org.assertj.core.api.Assertions.assertThat;

import dev.weave4j.it.apps.ChildFirstApp;
import dev.weave4j.it.harness.AgentJvm;
import dev.weave4j.it.harness.CallNode;
import dev.weave4j.it.harness.JvmRun;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** An op in a class that a child-first class loader defined itself ({@link ChildFirstApp}). */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ChildFirstClassLoaderIT {

  private JvmRun reference;
  private JvmRun traced;

  @BeforeAll
  void runApp() {
    AgentJvm app = AgentJvm.app(ChildFirstApp.class);
    reference = app.withoutAgent().run().assertSuccess();
    traced = app.run();
  }

  @Test
  void appBehavesTheSameWithTheAgentAndReallyLoadsChildFirst() {
    traced.assertSameAppBehaviourAs(reference).assertNoProblemsReported(reference);
    assertThat(traced.stdout())
        .contains("loaded by dev.weave4j.it.apps.ChildFirstApp$ChildFirstLoader")
        .contains("same class as the app loader's: false");
  }

  @Test
  void opOfTheChildFirstClassIsTracedWithItsChildren() {
    CallNode compute = traced.cli().rootTree("IsolatedService.compute");

    assertThatCall(compute)
        .isRoot()
        .hasInputs("{'payload': 'Payload-1'}")
        .hasOutput("'computed payload-1'")
        .succeeded()
        .hasChildOps("IsolatedService.normalize")
        .isConsistentTree();
    assertThatCall(compute.child("IsolatedService.normalize"))
        .hasInputs("{'raw': 'Payload-1'}")
        .hasOutput("'payload-1'");
  }
}
