package dev.weave4j.it;

import static dev.weave4j.it.harness.CallAssert.assertThatCall;
import static org.assertj.core.api.Assertions.assertThat;

import dev.weave4j.it.apps.ConflictingDepsApp;
import dev.weave4j.it.harness.AgentJvm;
import dev.weave4j.it.harness.CallNode;
import dev.weave4j.it.harness.JvmRun;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The app has its own, older Jackson (2.12.7), HttpClient (5.1.3) and Byte Buddy (1.12.19): the
 * agent's shaded copies must neither replace nor disturb them.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConflictingDependenciesIT {

  private JvmRun reference;
  private JvmRun traced;

  @BeforeAll
  void runApp() {
    AgentJvm app = AgentJvm.app(ConflictingDepsApp.class);
    reference = app.withoutAgent().run().assertSuccess();
    traced = app.run();
  }

  @Test
  void appUsesItsOwnLibrariesAndBehavesTheSame() {
    traced.assertSameAppBehaviourAs(reference).assertNoProblemsReported(reference);
    assertThat(traced.stdout())
        .contains("jackson 2.12.7")
        .contains("jackson from jackson-databind-2.12.7.jar")
        .contains("byte buddy from byte-buddy-1.12.19.jar")
        .contains("httpclient from httpclient5-5.1.3.jar")
        .contains("generated: hi from byte buddy");
  }

  @Test
  void opsUsingTheAppsLibrariesAreTraced() {
    List<CallNode> roots = traced.cli().calls();

    assertThat(roots)
        .extracting(CallNode::opName)
        .containsExactly(
            "ConflictingDepsApp.generateClass",
            "ConflictingDepsApp.httpClientLifecycle",
            "ConflictingDepsApp.jsonRoundTrip");
    assertThatCall(roots.get(2))
        .hasInputs("{'name': 'widget', 'count': 3}")
        .hasOutput(
            "\"{\\\"name\\\":\\\"widget\\\",\\\"count\\\":3,\\\"tags\\\":[\\\"a\\\",\\\"b\\\"]}"
                + " -> {name=widget, count=3, tags=[a, b]}\"")
        .succeeded();
    assertThatCall(roots.get(1))
        .hasInputs("{'timeoutSeconds': 5}")
        .hasOutput("'InternalHttpClient built and closed'")
        .succeeded();
    assertThatCall(roots.get(0))
        .hasInputs("{'greeting': 'hi from byte buddy'}")
        .hasOutput("'hi from byte buddy'")
        .succeeded();
  }
}
