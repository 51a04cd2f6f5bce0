package dev.weave4j.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weave4j.it.apps.HelloApp;
import dev.weave4j.it.harness.AgentJvm;
import dev.weave4j.it.harness.JvmRun;
import org.junit.jupiter.api.Test;

/** What a user sees of the agent itself when the app starts: nothing. */
class StartupIT {

  @Test
  void agentAddsNothingToStdoutOrStderrButTheJvmsSharingNotice() {
    AgentJvm app = AgentJvm.app(HelloApp.class);
    JvmRun reference = app.withoutAgent().run().assertSuccess();
    JvmRun traced = app.run();

    traced.assertSameAppBehaviourAs(reference);
    // HotSpot prints one notice when any agent appends to the boot class path (as the OpenTelemetry
    // and Datadog agents do); the agent itself must add nothing.
    String stderr =
        traced
            .stderr()
            .lines()
            .filter(line -> !line.contains(JvmRun.CDS_NOTICE))
            .map(line -> line + "\n")
            .collect(java.util.stream.Collectors.joining());
    assertThat(stderr)
        .as("stderr with the agent\n%s", traced.describe())
        .isEqualTo(reference.stderr());
    assertThat(traced.store().root("Hello.greet").output().asText()).isEqualTo("hello, weave");
  }
}
