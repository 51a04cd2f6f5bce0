package dev.weave4j.it.ops;

import static dev.weave4j.it.harness.CallAssert.assertThatCall;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.weave4j.it.apps.ops.LibraryApp;
import dev.weave4j.it.harness.AgentJvm;
import dev.weave4j.it.harness.CallNode;
import dev.weave4j.it.harness.ItEnv;
import dev.weave4j.it.harness.JvmRun;
import dev.weave4j.it.harness.TraceStore;
import org.junit.jupiter.api.Test;

/**
 * Library mode: a plain JVM without {@code -javaagent} that uses the API after {@code Weave.init},
 * with {@code weave-runtime} and its Jackson on the class path as a user's build puts them. No
 * agent runs, so nothing is instrumented.
 */
class LibraryModeIT {

  @Test
  void initManualCallsAndLambdaOpsWithoutTheAgent() {
    JvmRun run =
        AgentJvm.app(LibraryApp.class)
            .withoutAgent()
            .withClasspath(ItEnv.libraryClasspath())
            .run()
            .assertSuccess();

    assertThat(run.command()).noneMatch(a -> a.startsWith("-javaagent"));
    assertThat(run.stdout())
        .contains("project local/lib", "Hello, World! 5 40", "after finish true");
    TraceStore store = run.store("lib");
    CallNode root = store.root("my_function");
    assertThat(run.stdout()).contains("root " + root.id());
    assertThatCall(root)
        .hasInputs("{'name':'World'}")
        .hasOutput("'Hello, World!'")
        .hasChildOps("greet", "add")
        .isConsistentTree()
        .succeeded();
    assertThatCall(root.child("greet")).hasInputs("{'arg0':'World'}").hasOutput("'Hello, World!'");
    assertThatCall(root.child("add")).hasInputs("{'arg0':2,'arg1':3}").hasOutput("5");
    assertThat(store.calls()).hasSize(3);
    assertThat(store.calls("LibraryApp.annotated")).isEmpty();
    assertThat(store.calls("late")).isEmpty();

    JsonNode calls = OpsRuns.cliJson(run, "lib", "calls");
    assertThat(calls).hasSize(1);
    assertThat(calls.get(0).path("id").asText()).isEqualTo(root.id());
    JsonNode tree = OpsRuns.cliJson(run, "lib", "tree", root.id());
    assertThat(tree.path("op_name").asText()).isEqualTo("my_function");
    assertThat(tree.path("children")).hasSize(2);
  }
}
