package dev.weave4j.it;

import static dev.weave4j.it.harness.CallAssert.assertThatCall;
import static org.assertj.core.api.Assertions.assertThat;

import dev.weave4j.it.apps.ExitApp;
import dev.weave4j.it.harness.AgentJvm;
import dev.weave4j.it.harness.CallNode;
import dev.weave4j.it.harness.JvmRun;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The app's exit code is its own, however it ends, and its calls are flushed anyway. */
class ExitCodeIT {

  @Test
  void systemExitKeepsItsCodeAndCallsAreFlushed() {
    JvmRun traced = runBoth("exit").assertExitCode(3);

    assertThatCall(traced.store().root("Lifecycle.prepare"))
        .hasInputs("{'job': 'job-7'}")
        .hasOutput("'job-7 ready'")
        .succeeded();
  }

  @Test
  void systemExitInsideAnOpKeepsItsCodeAndFlushesTheOpsStart() {
    JvmRun traced = runBoth("exit-inside").assertExitCode(3);

    assertThatCall(traced.store().root("Lifecycle.prepare")).succeeded();
    List<CallNode> terminate = traced.store().calls("Lifecycle.terminate");
    assertThat(terminate).as("the op that called System.exit").hasSize(1);
    assertThatCall(terminate.get(0)).isRoot().hasInputs("{'code': 3}");
  }

  @Test
  void uncaughtExceptionKeepsExitCodeAndStackTraceAndCallsAreFlushed() {
    AgentJvm app = AgentJvm.app(ExitApp.class, "throw");
    JvmRun reference = app.withoutAgent().run().assertExitCode(1);
    JvmRun traced = app.run();

    traced.assertSameAppBehaviourAs(reference);
    assertThat(traced.stderr())
        .contains("Exception in thread \"main\" java.lang.IllegalStateException: fatal: job-7")
        .contains("at dev.weave4j.it.apps.ExitApp.main(ExitApp.java:");
    assertThatCall(traced.store().root("Lifecycle.prepare")).succeeded();
  }

  private static JvmRun runBoth(String mode) {
    AgentJvm app = AgentJvm.app(ExitApp.class, mode);
    JvmRun reference = app.withoutAgent().run();
    return app.run().assertSameAppBehaviourAs(reference).assertNoProblemsReported(reference);
  }
}
