package dev.weave4j.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weave4j.it.apps.HelloApp;
import dev.weave4j.it.harness.AgentJvm;
import dev.weave4j.it.harness.JvmRun;
import org.junit.jupiter.api.Test;

/** What a user sees of the agent itself when the app starts: nothing. */
class StartupIT {

  @Test
  void agentAddsNothingToStdoutOrStderr() {
    AgentJvm app = AgentJvm.app(HelloApp.class);
    JvmRun reference = app.withoutAgent().run().assertSuccess();
    JvmRun traced = app.run();

    traced.assertSameAppBehaviourAs(reference);
    assertThat(traced.stderr())
        .as("stderr with the agent\n%s", traced.describe())
        .isEqualTo(reference.stderr());
    assertThat(traced.store().root("Hello.greet").output().asText()).isEqualTo("hello, weave");
  }
}
